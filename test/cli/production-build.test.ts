/**
 * The production build (ADR 0021). `scripts/build-server.mjs` compiles the server into a temporary
 * tree laid out like an installation — bin/, dist/, package.json, public/, codelists/,
 * definitions/ and node_modules/, but no src/ — and the `amtsweg` command runs from it without tsx:
 * the server answers `/health/ready`, the SQLite writer thread starts from its compiled module, and
 * stack traces name the lines of the TypeScript sources.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { repoRoot } from '../support/app.ts';

const tree = mkdtempSync(join(tmpdir(), 'amtsweg-build-'));
const dist = join(tree, 'dist');
const SOURCES_NOTE = /running the TypeScript sources through tsx/;

/** Only what an installation has; `env` never carries NODE_OPTIONS, so no loader can sneak in. */
function runBuilt(args: string[], env: Record<string, string>, root = tree) {
  return spawnSync(process.execPath, [join(root, 'bin', 'amtsweg.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 60_000,
  });
}

/** A tree with the repository's files of these names linked in, and its own copy of bin/amtsweg.js. */
function installationTree(root: string, linked: string[]): void {
  // Copied, not linked: Node resolves a linked entry script to its real place, whose dist/ is another.
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(join(repoRoot, 'bin', 'amtsweg.js'), join(root, 'bin', 'amtsweg.js'));
  copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  for (const name of linked) symlinkSync(join(repoRoot, name), join(root, name));
}

function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(path, name);
      if (found) return found;
    } else if (entry.name === name) return path;
  }
  return undefined;
}

/** Starts `serve` and resolves with its base URL once it logs that it listens. */
function startServer(child: ChildProcess, output: { stdout: string; stderr: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    // Generous: the demo seed hashes four passwords with argon2's production cost.
    const timer = setTimeout(() => reject(new Error(`no "listening" in 60 s:\n${output.stderr}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output.stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output.stdout += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output.stderr}`));
    });
  });
}

describe('the production build', () => {
  before(
    () => {
      const build = spawnSync(
        process.execPath,
        [join(repoRoot, 'scripts', 'build-server.mjs'), '--out-dir', dist, '--no-check'],
        { encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(build.status, 0, build.stdout + build.stderr);
      installationTree(tree, ['node_modules', 'public', 'codelists', 'definitions']);
    },
    { timeout: 130_000 },
  );
  after(() => rmSync(tree, { recursive: true, force: true }));

  test('holds one module and one source map per server source, and no tests', () => {
    const main = readFileSync(join(dist, 'cli', 'main.js'), 'utf8');
    assert.match(main, /from "\.\.\/config\.js"/, 'relative imports are rewritten from .ts to .js');
    assert.doesNotMatch(main, /from "[^"]+\.ts"/);
    assert.match(main, /\/\/# sourceMappingURL=main\.js\.map\s*$/);
    const map = JSON.parse(readFileSync(join(dist, 'cli', 'main.js.map'), 'utf8')) as { sources: string[] };
    assert.match(map.sources[0] ?? '', /src\/cli\/main\.ts$/);
    assert.equal(findFile(dist, 'main.test.js'), undefined);
    assert.equal(findFile(dist, 'enhance.js'), undefined, 'the browser client is bundled separately');
  });

  test('serve --demo runs from dist/ without the sources and answers /health/ready', async () => {
    const output = { stdout: '', stderr: '' };
    const child = spawn(process.execPath, [join(tree, 'bin', 'amtsweg.js'), 'serve', '--demo'], {
      env: {
        PATH: process.env.PATH ?? '',
        AMTSWEG_DATA_DIR: join(tree, 'data'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const baseUrl = await startServer(child, output);
      const ready = await fetch(`${baseUrl}/health/ready`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
      // Files the server finds relative to its own module: the demo definitions and public/.
      const start = await fetch(`${baseUrl}/musterstadt`);
      assert.equal(start.status, 200);
      assert.match(await start.text(), /Hund anmelden/);
      assert.equal((await fetch(`${baseUrl}/assets/amtsweg.css`)).status, 200);
      assert.equal((await fetch(`${baseUrl}/assets/kern/kern.min.css`)).status, 200);
      assert.doesNotMatch(output.stderr, SOURCES_NOTE);
    } finally {
      const exited = new Promise((resolve) =>
        child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
      );
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
  });

  test('the SQLite writer thread starts from its compiled module', () => {
    const writer = findFile(dist, 'sqlite-writer.js');
    assert.ok(writer, 'dist/ holds sqlite-writer.js');
    const file = join(tree, 'writer-probe.sqlite');
    const probe = join(tree, 'writer-probe.mjs');
    writeFileSync(
      probe,
      `const { createSqliteWriter } = await import(${JSON.stringify(writer)});
const writer = createSqliteWriter(${JSON.stringify(file)});
const outcome = await writer.run([
  { sql: 'create table probe (x integer)', parameters: [] },
  { sql: 'insert into probe (x) values (?)', parameters: [42] },
]);
await writer.close();
console.log(JSON.stringify(outcome));
`,
    );
    const result = spawnSync(process.execPath, [probe], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 30_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { kind: 'done' });
    const db = new Database(file, { readonly: true });
    try {
      assert.deepEqual(db.prepare('select x from probe').all(), [{ x: 42 }]);
    } finally {
      db.close();
    }
  });

  test('a stack trace from the build names the line of the TypeScript source', () => {
    // A data directory that is a file: mkdirSync fails, and the CLI prints the unexpected error.
    const notADirectory = join(tree, 'not-a-directory');
    writeFileSync(notADirectory, '');
    const result = runBuilt(['migrate'], { AMTSWEG_DATA_DIR: notADirectory });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /EEXIST/);
    assert.doesNotMatch(result.stderr, /dist\/cli\/main\.js/);
    const frame = /\(([^()]*\/src\/cli\/main\.ts):(\d+):\d+\)/.exec(result.stderr);
    assert.ok(frame?.[1] && frame[2], `a frame in src/cli/main.ts:\n${result.stderr}`);
    const source = frame[1].startsWith('file:') ? fileURLToPath(frame[1]) : frame[1];
    const line = readFileSync(source, 'utf8').split('\n')[Number(frame[2]) - 1];
    assert.match(line ?? '', /mkdirSync\(/, 'the frame points at the call that failed');
  });

  test('without a build the command runs the sources through tsx and says so on stderr', () => {
    const sourcesOnly = join(tree, 'sources-only');
    installationTree(sourcesOnly, ['node_modules', 'src', 'public', 'codelists', 'definitions']);
    const result = runBuilt(['--help'], {}, sourcesOnly);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Usage: amtsweg/);
    assert.match(result.stderr, SOURCES_NOTE);
    const forced = runBuilt(['--help'], { AMTSWEG_FROM_SOURCES: '1' }, sourcesOnly);
    assert.equal(forced.status, 0, forced.stderr);
    assert.doesNotMatch(forced.stderr, SOURCES_NOTE, 'asked for explicitly, no note');
  });
});
