import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser, Role } from './roles.js';

/** Users and the hashes of their API keys (table users). */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async insert(name: string, role: Role, district: string | null, keyHash: string, keyPrefix: string): Promise<AuthUser> {
    const [row] = await this.ds.query(
      `INSERT INTO users (name, role, district, api_key_hash, api_key_prefix) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, role, district`,
      [name, role, district, keyHash, keyPrefix],
    );
    return row as AuthUser;
  }

  async byKeyHash(hash: string): Promise<AuthUser | null> {
    const [row] = await this.ds.query(`SELECT id, name, role, district FROM users WHERE api_key_hash = $1 AND disabled_at IS NULL`, [hash]);
    return (row as AuthUser | undefined) ?? null;
  }

  async exists(name: string): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM users WHERE name = $1`, [name]);
    return !!row;
  }

  list(): Promise<AuthUser[]> {
    return this.ds.query(`SELECT id, name, role, district FROM users WHERE disabled_at IS NULL ORDER BY id`);
  }

  /** Everyone, revoked users included, with what identifies a key without being one (its first characters). */
  async listAccounts(page: number, pageSize: number): Promise<{ total: number; users: UserAccount[] }> {
    const rows = await this.ds.query(
      `SELECT id, name, role, district, api_key_prefix AS key_prefix, created_at, disabled_at, count(*) OVER ()::int AS total
         FROM users ORDER BY id LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    return { total: rows[0]?.total ?? (page === 1 ? 0 : await this.count()), users: rows.map(({ total: _t, ...u }: { total: number }) => u as UserAccount) };
  }

  private async count(): Promise<number> {
    const [r] = await this.ds.query(`SELECT count(*)::int AS n FROM users`);
    return r.n;
  }

  async account(by: { id: number } | { name: string }): Promise<UserAccount | null> {
    const [row] = await this.ds.query(
      `SELECT id, name, role, district, api_key_prefix AS key_prefix, created_at, disabled_at FROM users WHERE ${'id' in by ? 'id' : 'name'} = $1`,
      ['id' in by ? by.id : by.name],
    );
    return (row as UserAccount | undefined) ?? null;
  }

  /** Revokes the user's key for good: the next request with it is a 401. Returns false when already revoked. */
  async revoke(id: number): Promise<boolean> {
    // A SELECT over the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count] on pg.
    const rows = await this.ds.query(`WITH u AS (UPDATE users SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING id) SELECT id FROM u`, [id]);
    return rows.length > 0;
  }

  /** Replaces the key of an active user; the old one stops working at once. */
  async replaceKey(id: number, keyHash: string, keyPrefix: string): Promise<boolean> {
    const rows = await this.ds.query(
      `WITH u AS (UPDATE users SET api_key_hash = $2, api_key_prefix = $3 WHERE id = $1 AND disabled_at IS NULL RETURNING id) SELECT id FROM u`,
      [id, keyHash, keyPrefix],
    );
    return rows.length > 0;
  }
}

/** A user as an administrator sees them: never the key or its hash. */
export interface UserAccount extends AuthUser {
  key_prefix: string;
  created_at: string;
  disabled_at: string | null;
}
