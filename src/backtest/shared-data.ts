import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the third-party evaluation data and the contracts live: `../shared/` beside the repository (never committed
 * into it). `BIDWATCH_SHARED_DIR` overrides; a clone elsewhere on this machine still finds /work/shared.
 * Returns null when none exists: callers say so plainly and skip.
 */
export function sharedDir(): string | null {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
  const candidates = [
    process.env.BIDWATCH_SHARED_DIR,
    resolve(process.cwd(), '..', 'shared'),
    resolve(repoRoot, '..', 'shared'),
    '/work/shared',
  ].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(join(c, 'data'))) ?? null;
}

/** A path under the shared folder, or a path that does not exist (so the caller's "absent" message names it). */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir() ?? resolve(process.cwd(), '..', 'shared'), ...parts);
}
