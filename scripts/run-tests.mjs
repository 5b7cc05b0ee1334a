#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so we list the files ourselves. Extra arguments are
// treated as path filters: `node scripts/run-tests.mjs engine` runs only matching files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [...collect('src', []), ...collect('test', [])]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// Tests that start the `amtsweg` command run it compiled (test/support/amtsweg-command.ts): one
// build of a few seconds here instead of tsx compiling the sources again in every process.
const env = { ...process.env };
if (files.some((f) => f.startsWith(join('test', 'cli')))) {
  const buildDir = resolve('.test-build');
  const build = spawnSync(
    process.execPath,
    ['scripts/build-server.mjs', '--out-dir', buildDir, '--no-check'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) {
    console.error('run-tests: compiling the server for the command tests failed');
    process.exit(1);
  }
  env.AMTSWEG_TEST_BUILD = buildDir;
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
