import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createEnvelopeCipher, placeAad } from './envelope.ts';

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
    await assert.rejects(other.encrypt('t1', 'x', 'a'), { code: 'ERR_DECRYPT_FAILED' });
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
