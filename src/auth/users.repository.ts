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
}
