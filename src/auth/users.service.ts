import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser, Role } from './roles.js';
import { UsersRepository, type UserAccount } from './users.repository.js';

/**
 * Users and their API keys. A key is shown once, at creation; only its SHA-256 is stored (keys are 192 random bits,
 * so a fast hash is enough — there is nothing to brute-force).
 */
@Injectable()
export class UsersService {
  constructor(@Inject(UsersRepository) private readonly users: UsersRepository) {}

  static hashKey(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  private static newKey(): { apiKey: string; hash: string; prefix: string } {
    const apiKey = 'bw_' + randomBytes(24).toString('base64url');
    return { apiKey, hash: UsersService.hashKey(apiKey), prefix: apiKey.slice(0, 7) };
  }

  async create(name: string, role: Role, district: string | null): Promise<{ user: AuthUser; apiKey: string }> {
    const k = UsersService.newKey();
    const user = await this.users.insert(name, role, district, k.hash, k.prefix);
    return { user, apiKey: k.apiKey };
  }

  account(by: { id: number } | { name: string }): Promise<UserAccount | null> {
    return this.users.account(by);
  }

  accounts(page: number, pageSize: number): Promise<{ total: number; users: UserAccount[] }> {
    return this.users.listAccounts(page, pageSize);
  }

  /**
   * Revokes a user (their key stops working on the next request; case history keeps their name). `unknown` when no
   * such user, `already` when revoked before.
   */
  async revoke(by: { id: number } | { name: string }): Promise<{ outcome: 'revoked' | 'already' | 'unknown'; user: UserAccount | null }> {
    const user = await this.users.account(by);
    if (!user) return { outcome: 'unknown', user: null };
    const done = await this.users.revoke(Number(user.id));
    return { outcome: done ? 'revoked' : 'already', user: await this.users.account({ id: Number(user.id) }) };
  }

  /** A new key for an active user, shown once; the old key stops working at once. */
  async rotateKey(by: { id: number } | { name: string }): Promise<{ outcome: 'rotated' | 'revoked' | 'unknown'; user: UserAccount | null; apiKey?: string }> {
    const user = await this.users.account(by);
    if (!user) return { outcome: 'unknown', user: null };
    const k = UsersService.newKey();
    if (!(await this.users.replaceKey(Number(user.id), k.hash, k.prefix))) return { outcome: 'revoked', user };
    return { outcome: 'rotated', user: await this.users.account({ id: Number(user.id) }), apiKey: k.apiKey };
  }

  async byApiKey(apiKey: string): Promise<AuthUser | null> {
    return this.users.byKeyHash(UsersService.hashKey(apiKey));
  }

  async exists(name: string): Promise<boolean> {
    return this.users.exists(name);
  }

  async list(): Promise<AuthUser[]> {
    return this.users.list();
  }
}
