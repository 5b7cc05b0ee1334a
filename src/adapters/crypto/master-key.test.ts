import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generateMasterKeyFile, loadMasterKey, loadMasterKeyFromEnv } from './master-key.ts';

describe('master key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-key-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads base64 from the environment, standard or URL-safe', () => {
    const key = randomBytes(32);
    assert.deepEqual(loadMasterKeyFromEnv({ AMTSWEG_MASTER_KEY: key.toString('base64') }), key);
    assert.deepEqual(loadMasterKeyFromEnv({ AMTSWEG_MASTER_KEY: key.toString('base64url') }), key);
  });

  it('prefers the variable over the file', () => {
    const key = randomBytes(32);
    assert.deepEqual(loadMasterKey({ base64: key.toString('base64'), file: join(dir, 'missing') }), key);
  });

  it('generates a 0600 key file that loads back, and refuses to overwrite it', () => {
    const path = join(dir, 'master.key');
    const key = generateMasterKeyFile(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(loadMasterKeyFromEnv({ AMTSWEG_MASTER_KEY_FILE: path }), key);
    assert.throws(() => generateMasterKeyFile(path), { code: 'ERR_MASTER_KEY_EXISTS' });
    assert.equal(readFileSync(path, 'utf8').trim(), key.toString('base64'));
  });

  it('explains missing, unreadable and malformed keys with codes', () => {
    assert.throws(() => loadMasterKeyFromEnv({}), { code: 'ERR_MASTER_KEY_MISSING', name: 'ConfigError' });
    assert.throws(() => loadMasterKey({ file: join(dir, 'nope') }), { code: 'ERR_MASTER_KEY_UNREADABLE' });
    assert.throws(() => loadMasterKey({ base64: randomBytes(16).toString('base64') }), {
      code: 'ERR_MASTER_KEY_MALFORMED',
    });
    assert.throws(() => loadMasterKey({ base64: 'not base64 at all!' }), {
      code: 'ERR_MASTER_KEY_MALFORMED',
    });
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'abc\n');
    assert.throws(() => loadMasterKey({ file: bad }), { code: 'ERR_MASTER_KEY_MALFORMED' });
  });
});
