#!/usr/bin/env node
// The `bidwatch` command: runs the compiled CLI (npm ci builds it through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('bidwatch 尚未编译：请先运行 npm run build (not built yet: run `npm run build`)');
  process.exit(2);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
