import { existsSync } from 'node:fs';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { compiledFile, locateAssets, staticFile, type ConsoleAssets } from './console-assets.js';

/**
 * The console document's policy. The same as the API's helmet policy (scripts only from this origin, no inline
 * script), with two deliberate differences: no `upgrade-insecure-requests`, so the console also works over plain
 * HTTP on the bureau's intranet (Chromium would otherwise rewrite its own script URLs to https and fail), and
 * `blob:` images for the downloaded report preview.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bidwatch 控制台</title>
<body style="font-family:sans-serif;padding:2rem"><h1>控制台尚未编译</h1>
<p>请在项目目录运行 <code>npm run build</code> 后刷新本页。(The console's scripts are not built yet: run <code>npm run build</code>.)</p></body></html>`;

/** Serves the inspectors' console: the page, its compiled ES modules, its stylesheet and ECharts. No API key needed. */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  private readonly assets: ConsoleAssets = locateAssets();

  @Get()
  root(@Res() res: Response): void {
    res.redirect(302, '/console/');
  }

  @Get('console')
  page(@Req() req: Request, @Res() res: Response): void {
    if (!req.path.endsWith('/')) return res.redirect(302, '/console/');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(compiledFile(this.assets, 'src/web/client/app.js')!)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.sendFile('index.html', { root: this.assets.staticDir });
  }

  @Get('console/assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const file = staticFile(this.assets, name);
    if (!file || !existsSync(file)) return this.notFound(res);
    res.sendFile(file, { headers: { 'Cache-Control': 'no-cache' } });
  }

  @Get('console/vendor/echarts.min.js')
  echarts(@Res() res: Response): void {
    res.sendFile(this.assets.echarts, { headers: { 'Cache-Control': 'public, max-age=86400' } });
  }

  @Get('console/js/*rel')
  script(@Req() req: Request, @Res() res: Response): void {
    let rel: string;
    try {
      rel = decodeURIComponent(req.path.slice('/console/js/'.length));
    } catch {
      return this.notFound(res);
    }
    const file = compiledFile(this.assets, rel);
    if (!file) return this.notFound(res);
    if (!existsSync(file)) {
      res.status(503).json({
        error: { code: 'console_not_built', message: '控制台脚本尚未编译：请运行 npm run build (console not built)', details: rel },
      });
      return;
    }
    res.sendFile(file, { headers: { 'Cache-Control': 'no-cache' } });
  }

  private notFound(res: Response): void {
    res.status(404).json({ error: { code: 'not_found', message: '控制台没有此文件 (no such console file)', details: null } });
  }
}
