/**
 * `amtsweg federation key` and `federation rotate-key` (ADR 0054) as an operator runs them: the key
 * is made once and kept across runs; a rotation prints the retired thumbprint and a new current
 * one; a wrong subcommand is a usage error that changes nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-cli-federation-'));
const env = {
  PATH: process.env.PATH ?? '',
  AMTSWEG_DATA_DIR: dataDir,
  AMTSWEG_MASTER_KEY: randomBytes(32).toString('base64'),
  AMTSWEG_BASE_URL: 'https://amtsweg.example.de',
  ...AMTSWEG_COMMAND_ENV,
};

function run(...args: string[]) {
  const result = spawnSync(process.execPath, amtswegArgs(...args), {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const THUMBPRINT = /^key: ([A-Za-z0-9_-]{43})$/m;

describe('amtsweg federation', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('key prints the feed address and a thumbprint that stays; rotate-key replaces it; usage errors change nothing', () => {
    const first = run('federation', 'key');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^feed: https:\/\/amtsweg\.example\.de\/katalog\/feed$/m);
    const key = THUMBPRINT.exec(first.stdout)?.[1];
    assert.ok(key, first.stdout);
    assert.equal(THUMBPRINT.exec(run('federation', 'key').stdout)?.[1], key, 'the same key on the next run');

    for (const args of [['federation'], ['federation', 'rotate']]) {
      const wrong = run(...args);
      assert.equal(wrong.code, 2, `${args.join(' ')}: ${wrong.stdout}`);
      assert.match(wrong.stderr, /the subcommand is key or rotate-key/);
    }
    assert.equal(THUMBPRINT.exec(run('federation', 'key').stdout)?.[1], key, 'nothing changed');

    const rotated = run('federation', 'rotate-key');
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, new RegExp(`^retired key: ${key}$`, 'm'));
    const next = THUMBPRINT.exec(rotated.stdout)?.[1];
    assert.ok(next && next !== key, rotated.stdout);
    assert.equal(THUMBPRINT.exec(run('federation', 'key').stdout)?.[1], next, 'the new key stays current');
  });
});
