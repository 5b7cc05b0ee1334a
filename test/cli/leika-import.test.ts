/**
 * `amtsweg leika-import` (ADR 0053) as the real process on a SQLite data directory: counts and
 * skipped lines, refusal of a second import without --replace, a wrong file refused with exit 2
 * and nothing changed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createApp, createLogger } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';
import { repoRoot } from '../support/app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-leika-cli-'));
const masterKey = randomBytes(32);
const env = { AMTSWEG_DATA_DIR: dataDir, AMTSWEG_MASTER_KEY: masterKey.toString('base64') };
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'leika', name);

function run(args: string[]) {
  const result = spawnSync(process.execPath, amtswegArgs(...args), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...AMTSWEG_COMMAND_ENV, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function keysWith(prefix: string): Promise<string[]> {
  const app = await createApp({
    config: loadConfig(env),
    masterKey,
    jobs: false,
    logger: createLogger('warn'),
  });
  try {
    return (await app.store.leika.byKeyPrefix(prefix, 100)).map((e) => e.key);
  } finally {
    await app.close();
  }
}

describe('amtsweg leika-import', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('refuses a file that is not a LeiKa CSV with exit 2, before any catalogue exists', () => {
    const wrong = join(dataDir, 'wrong.csv');
    writeFileSync(wrong, 'Name;Wert\nHund;1\n');
    const result = run(['leika-import', wrong]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /is not a LeiKa CSV.*Nothing changed/);
  });

  test('imports the official CSV, reports the malformed key with its line, prints counts', async () => {
    const result = run(['leika-import', fixture('leika-sample.csv')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /LeiKa catalogue imported: 43 entries, 1 rows skipped \(format leika, encoding utf-8\)/,
    );
    assert.match(result.stderr, /line 45: skipped, the key is not 14 digits: "nicht im LeiKa"/);
    assert.equal((await keysWith('99')).length, 43);
  });

  test('keeps the catalogue without --replace; a wrong file changes nothing; --replace replaces it', async () => {
    const again = run(['leika-import', fixture('ozg-2019-sample.csv')]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /add --replace/);

    const wrong = join(dataDir, 'fim.csv');
    writeFileSync(wrong, '<xdf:xdatenfelder/>');
    assert.equal(run(['leika-import', wrong, '--replace']).code, 2);
    assert.equal(run(['leika-import', join(dataDir, 'missing.csv'), '--replace']).code, 1);
    assert.equal((await keysWith('99')).length, 43, 'nothing changed');

    const replaced = run(['leika-import', fixture('ozg-2019-sample.csv'), '--replace']);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(
      replaced.stdout,
      /replaced \(was imported at .*\): 4 entries, 1 rows skipped \(format ozg-2019/,
    );
    assert.deepEqual(await keysWith('99'), [
      '99102013000000',
      '99102013002000',
      '99108001001000',
      '99115003012000',
    ]);
  });

  test('reads a Windows-1252 file', async () => {
    const result = run(['leika-import', fixture('leika-sample-windows-1252.csv'), '--replace']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /5 entries, 0 rows skipped \(format leika, encoding windows-1252\)/);
  });

  test('names the command in its help', () => {
    assert.match(run(['--help']).stdout, /leika-import FILE \[--replace\]/);
  });
});
