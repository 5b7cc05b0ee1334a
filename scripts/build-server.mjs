#!/usr/bin/env node
// Compiles the server to JavaScript in dist/ (docs/adr/0021-production-build.md): tsc with
// tsconfig.build.json, ESM for Node 20, one .js file and one source map per .ts file of src/,
// in the same layout (so every path a module finds relative to itself, such as public/ or
// codelists/, is the same from dist/), without tests and without the browser client (that is
// scripts/build-client.ts). The output folder is emptied first, so a module deleted from src/
// does not live on in dist/.
//
//   node scripts/build-server.mjs [--out-dir DIR] [--no-check]
//
// --out-dir  another folder than dist/ (the build test builds into a temporary tree).
// --no-check emit without type checking; `npm run typecheck` checks the same sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { 'out-dir': { type: 'string' }, 'no-check': { type: 'boolean', default: false } },
});
const outDir = resolve(values['out-dir'] ?? join(root, 'dist'));

// Emptying a folder is deleting it: only one that is empty or holds an earlier build.
if (existsSync(outDir)) {
  if (readdirSync(outDir).length > 0 && !existsSync(join(outDir, 'cli', 'main.js'))) {
    console.error(`build-server: ${outDir} is not empty and holds no earlier build; not deleting it`);
    process.exit(1);
  }
  rmSync(outDir, { recursive: true, force: true });
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const args = ['-p', join(root, 'tsconfig.build.json'), '--outDir', outDir];
if (values['no-check']) args.push('--noCheck');
const started = performance.now();
const result = spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('build-server: tsc failed');
  process.exit(result.status ?? 1);
}
const where = relative(process.cwd(), outDir) || '.';
console.log(`build-server: ${where}/ in ${Math.round(performance.now() - started)} ms`);
