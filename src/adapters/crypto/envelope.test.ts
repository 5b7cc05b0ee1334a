import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { seal } from './aes-gcm.ts';
import { createEnvelopeCipher, keyVersionOf, placeAad } from './envelope.ts';
import { masterKeyId } from './key-wrapping.ts';

function setup(masterKey = randomBytes(32)) {
  const wrapped = new Map<string, string>();
  let loads = 0;
  const cipher = createEnvelopeCipher({
    masterKey,
    loadWrappedKey: async (tenantId) => {
      loads++;
      return wrapped.get(tenantId);
    },
  });
  const addTenant = (id: string) => wrapped.set(id, cipher.createTenantKey(id));
  return { cipher, wrapped, addTenant, loads: () => loads };
}

/** Flips one bit of the base64url segment `index` of a payload. */
function tamper(payload: string, index: number): string {
  const parts = payload.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[bytes.length - 1]! ^= 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('envelope encryption', () => {
  it('round-trips values in the v1 format with a fresh IV each time', async () => {
    const { cipher, addTenant } = setup();
    addTenant('t1');
    const aad = placeAad('t1', 'drafts', 'r1');
    const a = await cipher.encrypt('t1', 'Erika Mustermann, Hauptstraße 1', aad);
    const b = await cipher.encrypt('t1', 'Erika Mustermann, Hauptstraße 1', aad);
    assert.match(a, /^v1\.1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.notEqual(a, b);
    assert.equal(await cipher.decrypt('t1', a, aad), 'Erika Mustermann, Hauptstraße 1');
    assert.ok(!a.includes('Erika'));
  });

  it('caches unwrapped data keys per tenant, also for concurrent first use', async () => {
    const { cipher, addTenant, loads } = setup();
    addTenant('t1');
    await Promise.all(Array.from({ length: 10 }, () => cipher.encrypt('t1', 'x', 'a')));
    await cipher.encrypt('t1', 'x', 'a');
    assert.equal(loads(), 1);
    cipher.forget('t1');
    await cipher.encrypt('t1', 'x', 'a');
    assert.equal(loads(), 2);
  });

  it('refuses a tampered IV, ciphertext or tag', async () => {
    const { cipher, addTenant } = setup();
    addTenant('t1');
    const payload = await cipher.encrypt('t1', 'geheim', 'aad');
    for (const index of [2, 3]) {
      await assert.rejects(cipher.decrypt('t1', tamper(payload, index), 'aad'), {
        code: 'ERR_DECRYPT_FAILED',
      });
    }
  });

  it('binds ciphertext to its place (AAD) and its tenant', async () => {
    const { cipher, addTenant } = setup();
    addTenant('t1');
    addTenant('t2');
    const payload = await cipher.encrypt('t1', 'geheim', placeAad('t1', 'submissions', 'r1'));
    await assert.rejects(cipher.decrypt('t1', payload, placeAad('t1', 'submissions', 'r2')), {
      code: 'ERR_DECRYPT_FAILED',
    });
    await assert.rejects(cipher.decrypt('t1', payload, placeAad('t1', 'drafts', 'r1')), {
      code: 'ERR_DECRYPT_FAILED',
    });
    await assert.rejects(cipher.decrypt('t2', payload, placeAad('t1', 'submissions', 'r1')), {
      code: 'ERR_DECRYPT_FAILED',
    });
  });

  it("refuses a wrapped key moved to another tenant's row", async () => {
    const { cipher, wrapped, addTenant } = setup();
    addTenant('t1');
    wrapped.set('t2', wrapped.get('t1')!);
    await assert.rejects(cipher.encrypt('t2', 'x', 'a'), { code: 'ERR_DECRYPT_FAILED' });
  });

  it('cannot unwrap keys with another master key', async () => {
    const first = setup();
    first.addTenant('t1');
    const other = createEnvelopeCipher({
      masterKey: randomBytes(32),
      loadWrappedKey: async (id) => first.wrapped.get(id),
    });
    // The wrapped key names its master key: another one is not even tried.
    await assert.rejects(other.encrypt('t1', 'x', 'a'), { code: 'ERR_KEY_VERSION_UNKNOWN' });
  });

  it('reports malformed payloads, unknown versions and missing tenants with codes', async () => {
    const { cipher, addTenant } = setup();
    addTenant('t1');
    const payload = await cipher.encrypt('t1', 'x', 'a');
    await assert.rejects(cipher.decrypt('t1', 'plaintext', 'a'), { code: 'ERR_CIPHERTEXT_MALFORMED' });
    await assert.rejects(cipher.decrypt('t1', payload.replace(/^v1\.1\./, 'v1.2.'), 'a'), {
      code: 'ERR_KEY_VERSION_UNKNOWN',
    });
    await assert.rejects(cipher.decrypt('t1', payload.slice(0, 30), 'a'), {
      code: 'ERR_CIPHERTEXT_MALFORMED',
    });
    await assert.rejects(cipher.encrypt('nobody', 'x', 'a'), { code: 'ERR_TENANT_KEY_MISSING' });
  });

  it('does not cache a failed key lookup', async () => {
    const { cipher, addTenant } = setup();
    await assert.rejects(cipher.encrypt('late', 'x', 'a'), { code: 'ERR_TENANT_KEY_MISSING' });
    addTenant('late');
    const payload = await cipher.encrypt('late', 'x', 'a');
    assert.equal(await cipher.decrypt('late', payload, 'a'), 'x');
  });

  it('refuses a master key of the wrong size', () => {
    assert.throws(
      () => createEnvelopeCipher({ masterKey: randomBytes(16), loadWrappedKey: async () => undefined }),
      {
        code: 'ERR_MASTER_KEY_MALFORMED',
      },
    );
  });
});

describe('wrapping of data keys (ADR 0031)', () => {
  /** A tenant store with compare-and-set rewrites, as the tenants repository does it. */
  function storage() {
    const wrapped = new Map<string, string>();
    const rewrites: Array<{ tenant: string; from: string; to: string }> = [];
    return {
      wrapped,
      rewrites,
      loadWrappedKey: async (id: string) => wrapped.get(id),
      rewrapKey: async (tenant: string, from: string, to: string) => {
        rewrites.push({ tenant, from, to });
        if (wrapped.get(tenant) === from) wrapped.set(tenant, to);
      },
    };
  }

  it('wraps under a key derived from the master key, naming it by id (w2), never under the raw key', async () => {
    const master = randomBytes(32);
    const store = storage();
    const cipher = createEnvelopeCipher({ masterKey: master, ...store });
    const wrapped = cipher.createTenantKey('t1');
    const id = masterKeyId(master);
    assert.match(id, /^[A-Za-z0-9_-]{8}$/);
    assert.ok(wrapped.startsWith(`w2.${id}.`), wrapped);
    store.wrapped.set('t1', wrapped);
    const payload = await cipher.encrypt('t1', 'geheim', 'a');
    assert.equal(await cipher.decrypt('t1', payload, 'a'), 'geheim');
    assert.deepEqual(store.rewrites, [], 'a current key is not rewritten');
    // The raw master key does not open it: the wrapping key is derived.
    const legacyReader = createEnvelopeCipher({
      masterKey: master,
      loadWrappedKey: async () => wrapped.replace(/^w2\.[^.]+\./, 'v1.1.'),
    });
    await assert.rejects(legacyReader.encrypt('t1', 'x', 'a'), { code: 'ERR_DECRYPT_FAILED' });
  });

  it('reads keys wrapped the old way (v1, raw master key) and rewrites them as w2 once', async () => {
    const master = randomBytes(32);
    const dataKey = randomBytes(32);
    const store = storage();
    // Exactly what earlier versions stored: the data key under the raw master key, AAD = tenant id.
    const old = seal(master, 1, dataKey, 't1');
    store.wrapped.set('t1', old);
    const before = createEnvelopeCipher({ masterKey: master, loadWrappedKey: async () => old });
    const earlier = await before.encrypt('t1', 'aus alter Zeit', 'a');
    const cipher = createEnvelopeCipher({ masterKey: master, ...store });
    assert.equal(await cipher.decrypt('t1', earlier, 'a'), 'aus alter Zeit');
    assert.equal(store.rewrites.length, 1);
    const rewritten = store.wrapped.get('t1') ?? '';
    assert.ok(rewritten.startsWith(`w2.${masterKeyId(master)}.`), rewritten);
    // A fresh instance reads the rewritten key, and the same data key is inside.
    const fresh = createEnvelopeCipher({ masterKey: master, ...store });
    assert.equal(await fresh.decrypt('t1', earlier, 'a'), 'aus alter Zeit');
    assert.equal(store.rewrites.length, 1, 'nothing more to rewrite');
  });

  it('during a rotation reads keys under the previous master key and rewraps them under the new one', async () => {
    const oldMaster = randomBytes(32);
    const newMaster = randomBytes(32);
    const store = storage();
    const before = createEnvelopeCipher({ masterKey: oldMaster, ...store });
    store.wrapped.set('t1', before.createTenantKey('t1'));
    store.wrapped.set('t2', seal(oldMaster, 1, randomBytes(32), 't2'));
    const a = await before.encrypt('t1', 'eins', 'a');
    const b = await before.encrypt('t2', 'zwei', 'b');
    // Without the previous key, a rotated installation says which key is missing.
    const forgetful = createEnvelopeCipher({ masterKey: newMaster, loadWrappedKey: store.loadWrappedKey });
    await assert.rejects(forgetful.decrypt('t1', a, 'a'), (error: Error & { code?: string }) => {
      return error.code === 'ERR_KEY_VERSION_UNKNOWN' && error.message.includes(masterKeyId(oldMaster));
    });
    const rotating = createEnvelopeCipher({ masterKey: newMaster, previousMasterKey: oldMaster, ...store });
    assert.equal(await rotating.decrypt('t1', a, 'a'), 'eins');
    assert.equal(await rotating.decrypt('t2', b, 'b'), 'zwei');
    for (const tenant of ['t1', 't2']) {
      assert.ok(store.wrapped.get(tenant)?.startsWith(`w2.${masterKeyId(newMaster)}.`), tenant);
    }
    // Once every key is rewrapped, the previous master key is no longer needed.
    const after = createEnvelopeCipher({ masterKey: newMaster, loadWrappedKey: store.loadWrappedKey });
    assert.equal(await after.decrypt('t1', a, 'a'), 'eins');
    assert.equal(await after.decrypt('t2', b, 'b'), 'zwei');
  });

  it("a rewrapped key still refuses another tenant's row", async () => {
    const master = randomBytes(32);
    const store = storage();
    const cipher = createEnvelopeCipher({ masterKey: master, ...store });
    store.wrapped.set('t1', cipher.createTenantKey('t1'));
    store.wrapped.set('t2', store.wrapped.get('t1') ?? '');
    await assert.rejects(cipher.encrypt('t2', 'x', 'a'), { code: 'ERR_DECRYPT_FAILED' });
  });
});

describe('envelope encryption in the binary form (files, ADR 0037)', () => {
  it('round-trips bytes as B1, key version, IV, ciphertext and tag, with a fresh IV each time', async () => {
    const { cipher, addTenant } = setup();
    addTenant('t1');
    const aad = placeAad('t1', 'attachments.content', 'f1');
    const file = randomBytes(100_000);
    const a = await cipher.encryptBinary('t1', file, aad);
    const b = await cipher.encryptBinary('t1', file, aad);
    assert.equal(a.subarray(0, 2).toString('latin1'), 'B1');
    assert.equal(a.readUInt32BE(2), 1);
    assert.equal(a.length, 2 + 4 + 12 + file.length + 16);
    assert.notDeepEqual(a.subarray(6, 18), b.subarray(6, 18), 'fresh IV');
    assert.deepEqual(await cipher.decryptBinary('t1', a, aad), file);
    // A view into a larger buffer (as drivers may hand it out) reads the same.
    const padded = Buffer.concat([Buffer.alloc(7), a]);
    assert.deepEqual(await cipher.decryptBinary('t1', padded.subarray(7), aad), file);
  });

  it('refuses tampering, another place, another tenant, another key version and truncation', async () => {
    const { cipher, addTenant } = setup();
    addTenant('t1');
    addTenant('t2');
    const aad = placeAad('t1', 'attachments.content', 'f1');
    const sealed = await cipher.encryptBinary('t1', Buffer.from('%PDF-1.4 Bescheid'), aad);
    const flipped = Buffer.from(sealed);
    flipped[20]! ^= 1;
    await assert.rejects(cipher.decryptBinary('t1', flipped, aad), { code: 'ERR_DECRYPT_FAILED' });
    await assert.rejects(cipher.decryptBinary('t1', sealed, placeAad('t1', 'attachments.content', 'f2')), {
      code: 'ERR_DECRYPT_FAILED',
    });
    await assert.rejects(cipher.decryptBinary('t2', sealed, aad), { code: 'ERR_DECRYPT_FAILED' });
    const otherVersion = Buffer.from(sealed);
    otherVersion.writeUInt32BE(2, 2);
    await assert.rejects(cipher.decryptBinary('t1', otherVersion, aad), { code: 'ERR_KEY_VERSION_UNKNOWN' });
    await assert.rejects(cipher.decryptBinary('t1', sealed.subarray(0, 30), aad), {
      code: 'ERR_CIPHERTEXT_MALFORMED',
    });
    await assert.rejects(cipher.decryptBinary('t1', Buffer.from('v1.1.abc.def'), aad), {
      code: 'ERR_CIPHERTEXT_MALFORMED',
    });
  });
});

describe('data key versions (ADR 0047)', () => {
  function versioned() {
    const master = randomBytes(32);
    let now = 0;
    const writer = createEnvelopeCipher({ masterKey: master, loadWrappedKey: async () => undefined });
    let ring: { version: number; wrapped: string; older: Array<{ version: number; wrapped: string }> } = {
      version: 1,
      wrapped: writer.createTenantKey('t1'),
      older: [],
    };
    const cipher = createEnvelopeCipher({
      masterKey: master,
      loadWrappedKey: async () => ring,
      refreshMs: 1000,
      now: () => now,
    });
    const rotate = () => {
      ring = {
        version: ring.version + 1,
        wrapped: writer.createTenantKey('t1'),
        older: [...ring.older, ring],
      };
    };
    const retire = () => {
      ring = { ...ring, older: [] };
    };
    const another = () => createEnvelopeCipher({ masterKey: master, loadWrappedKey: async () => ring });
    return { cipher, rotate, retire, another, advance: (ms: number) => (now += ms) };
  }

  it('writes with the newest version once the cache expires, and reads every version it names', async () => {
    const { cipher, rotate, advance } = versioned();
    const old = await cipher.encrypt('t1', 'Erika', 'aad');
    assert.equal(keyVersionOf(old), 1);
    rotate();
    // Still cached: an instance may write with the old version until it rereads.
    assert.equal(keyVersionOf(await cipher.encrypt('t1', 'x', 'aad')), 1);
    advance(1000);
    const fresh = await cipher.encrypt('t1', 'Erika', 'aad');
    assert.equal(keyVersionOf(fresh), 2);
    assert.equal(await cipher.decrypt('t1', old, 'aad'), 'Erika');
    assert.equal(await cipher.decrypt('t1', fresh, 'aad'), 'Erika');
    const file = await cipher.encryptBinary('t1', Buffer.from('Datei'), 'aad');
    assert.equal(keyVersionOf(file), 2);
  });

  it('rereads at once when a value names a version it does not know yet', async () => {
    const { cipher, rotate, another } = versioned();
    await cipher.encrypt('t1', 'x', 'aad');
    rotate();
    // Another instance, which read the keys after the rotation, writes with version 2 …
    const written = await another().encrypt('t1', 'Erika', 'aad');
    assert.equal(keyVersionOf(written), 2);
    // … and this one, whose cache has not expired, reads it all the same.
    assert.equal(await cipher.decrypt('t1', written, 'aad'), 'Erika');
  });

  it('refuses a value whose version was retired', async () => {
    const { cipher, rotate, retire, advance } = versioned();
    const old = await cipher.encrypt('t1', 'Erika', 'aad');
    rotate();
    retire();
    advance(1000);
    await assert.rejects(cipher.decrypt('t1', old, 'aad'), { code: 'ERR_KEY_VERSION_UNKNOWN' });
  });
});
