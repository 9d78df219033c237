import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/config.js';
import { openDataSource } from '../database/data-source.js';
import { closePglite } from '../database/pglite-pool.js';

/** What a CLI command needs: the configuration and, opened on first use (and migrated), the database. */
export class CliContext {
  private ds: DataSource | null = null;
  readonly config: AppConfig;

  constructor(config?: AppConfig) {
    this.config = config ?? loadConfig();
  }

  async db(): Promise<DataSource> {
    this.ds ??= await openDataSource(this.config, { migrate: true });
    return this.ds;
  }

  async close(): Promise<void> {
    if (this.ds?.isInitialized) await this.ds.destroy();
    this.ds = null;
    if (this.config.mode === 'embedded') await closePglite();
  }
}

/** Exit statuses fixed by ../shared/spec/cli-and-api.md. */
export const EXIT = { ok: 0, usage: 2, nothingImported: 2, someRejected: 3 } as const;

/** stdout carries results (exactly one JSON document with --json); everything for people goes to stderr. */
export const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');
export const say = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : s + '\n');

export const fmt = (n: number): string => n.toLocaleString('en-US');
