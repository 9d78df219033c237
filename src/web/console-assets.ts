import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the console's files live. The browser code is TypeScript under `src/web/client/`, compiled by the project's
 * own `npm run build` (tsc -p tsconfig.build.json) to `dist/src/web/client/*.js` — plain ES modules the browser loads
 * as they are. Hand-written HTML and CSS sit in `src/web/static/`, ECharts comes from node_modules. The paths are
 * found from the repository root, so the same code serves whether the server runs compiled (dist/) or from source
 * under ts-jest.
 */
export interface ConsoleAssets {
  /** The repository (package) root. */
  root: string;
  /** `src/web/static`: index.html, console.css, the icon. */
  staticDir: string;
  /** `dist`: compiled JavaScript, served under /console/js/ with the same relative layout. */
  distDir: string;
  /** `node_modules/echarts/dist/echarts.min.js`. */
  echarts: string;
}

export function locateAssets(from: string = fileURLToPath(import.meta.url)): ConsoleAssets {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`控制台找不到项目根目录 (no package.json above ${from})`);
    dir = up;
  }
  const echarts = join(dirname(createRequire(join(dir, 'package.json')).resolve('echarts')), 'echarts.min.js');
  return { root: dir, staticDir: join(dir, 'src', 'web', 'static'), distDir: join(dir, 'dist'), echarts };
}

/**
 * Compiled modules outside src/web/client/ that the browser may import: pure label tables and the case state
 * machine, so the console offers exactly the transitions the server allows and names things as the server does.
 * Each has no runtime imports (only `import type`), which the browser test checks by loading every page.
 */
export const SHARED_MODULES: ReadonlySet<string> = new Set([
  'src/cases/case-state.js',
  'src/auth/roles.js',
  'src/imports/enum-labels.js',
  'detectors/article-40/fingerprints.js',
  'detectors/rings/link-fields.js',
]);

const CLIENT_FILE = /^src\/web\/client\/[a-z0-9-]+\.js(\.map)?$/;
const STATIC_FILE = /^[a-z0-9-]+\.(css|svg|png|ico|html)$/;

/** The file under dist/ for a /console/js/<rel> request, or null when <rel> is not one the console serves. */
export function compiledFile(assets: ConsoleAssets, rel: string): string | null {
  const clean = normalize(rel).split(sep).join('/');
  if (clean !== rel) return null;
  if (!CLIENT_FILE.test(rel) && !SHARED_MODULES.has(rel) && !SHARED_MODULES.has(rel.replace(/\.map$/, ''))) return null;
  return join(assets.distDir, ...rel.split('/'));
}

/** The file under src/web/static for a /console/assets/<name> request, or null. */
export function staticFile(assets: ConsoleAssets, name: string): string | null {
  return STATIC_FILE.test(name) ? join(assets.staticDir, name) : null;
}
