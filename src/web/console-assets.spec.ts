import { join } from 'node:path';
import { permissionsOf } from './console-api.controller.js';
import { compiledFile, SHARED_MODULES, staticFile, type ConsoleAssets } from './console-assets.js';

const assets: ConsoleAssets = { root: '/app', staticDir: '/app/src/web/static', distDir: '/app/dist', echarts: '/app/node_modules/echarts/dist/echarts.min.js' };

describe('console assets', () => {
  it('serves the compiled console modules and the shared label modules from dist/', () => {
    expect(compiledFile(assets, 'src/web/client/app.js')).toBe(join('/app/dist', 'src/web/client/app.js'));
    expect(compiledFile(assets, 'src/web/client/page-case.js.map')).toBe(join('/app/dist', 'src/web/client/page-case.js.map'));
    for (const m of SHARED_MODULES) expect(compiledFile(assets, m)).toBe(join('/app/dist', m));
  });

  it('serves nothing else: no server code, no traversal, no odd names', () => {
    for (const rel of [
      'src/web/web.module.js', 'src/config/config.js', 'src/web/client/../../config/config.js', '../package.json',
      'src/web/client/app.ts', 'src/web/client/sub/x.js', 'src/web/client/App.js', '/etc/passwd', 'src/web/client/.env.js',
    ]) {
      expect(compiledFile(assets, rel)).toBeNull();
    }
    expect(staticFile(assets, 'console.css')).toBe('/app/src/web/static/console.css');
    expect(staticFile(assets, '../static/console.css')).toBeNull();
    expect(staticFile(assets, 'console.ts')).toBeNull();
  });
});

describe('permissionsOf', () => {
  it('gives each role what its API routes allow', () => {
    expect(permissionsOf('importer')).toEqual({ readCases: false, workCases: false, assignOthers: false, importFiles: true, readImports: true, readReports: false });
    expect(permissionsOf('inspector')).toMatchObject({ readCases: true, workCases: true, assignOthers: false, importFiles: false, readImports: false });
    expect(permissionsOf('supervisor')).toMatchObject({ readCases: true, workCases: true, assignOthers: true, importFiles: false, readImports: true });
    expect(permissionsOf('auditor')).toMatchObject({ readCases: true, workCases: false, assignOthers: false, importFiles: false, readImports: true, readReports: true });
    expect(Object.values(permissionsOf('admin')).every(Boolean)).toBe(true);
  });
});
