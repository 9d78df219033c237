import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuthUser, Role } from './roles.js';

/**
 * Users and their API keys. A key is shown once, at creation; only its SHA-256 is stored (keys are 192 random bits,
 * so a fast hash is enough — there is nothing to brute-force).
 */
export class UsersService {
  constructor(private readonly ds: DataSource) {}

  static hashKey(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  async create(name: string, role: Role, district: string | null): Promise<{ user: AuthUser; apiKey: string }> {
    const apiKey = 'bw_' + randomBytes(24).toString('base64url');
    const [row] = await this.ds.query(
      `INSERT INTO users (name, role, district, api_key_hash, api_key_prefix) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, role, district`,
      [name, role, district, UsersService.hashKey(apiKey), apiKey.slice(0, 7)],
    );
    return { user: row as AuthUser, apiKey };
  }

  async byApiKey(apiKey: string): Promise<AuthUser | null> {
    const [row] = await this.ds.query(
      `SELECT id, name, role, district FROM users WHERE api_key_hash = $1 AND disabled_at IS NULL`,
      [UsersService.hashKey(apiKey)],
    );
    return (row as AuthUser | undefined) ?? null;
  }

  async exists(name: string): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM users WHERE name = $1`, [name]);
    return !!row;
  }

  async list(): Promise<AuthUser[]> {
    return this.ds.query(`SELECT id, name, role, district FROM users WHERE disabled_at IS NULL ORDER BY id`);
  }
}
