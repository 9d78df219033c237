import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser, Role } from './roles.js';
import { UsersRepository } from './users.repository.js';

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

  async create(name: string, role: Role, district: string | null): Promise<{ user: AuthUser; apiKey: string }> {
    const apiKey = 'bw_' + randomBytes(24).toString('base64url');
    const user = await this.users.insert(name, role, district, UsersService.hashKey(apiKey), apiKey.slice(0, 7));
    return { user, apiKey };
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
