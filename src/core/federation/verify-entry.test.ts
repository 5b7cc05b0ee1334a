import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION } from '../../definition/package/format.ts';
import { sealPackage } from '../service-package.ts';
import { ENTRY_TYPE, type EntryPayload } from './format.ts';
import type { TrustedKey } from './records.ts';
import { generateSigningKey, type SigningKey, sign } from './signatures.ts';
import { checkEntry } from './verify-entry.ts';

const definition = {
  formatVersion: 2,
  id: 'meldung',
  title: { de: 'Meldung' },
  summary: { de: 'Eine Meldung.' },
  declaration: { de: 'Ich versichere es.' },
  steps: [
    {
      uid: 's1',
      id: 'angaben',
      title: { de: 'Angaben' },
      fields: [{ uid: 'f1', type: 'text', key: 'name', label: { de: 'Name' }, required: true }],
    },
  ],
  local: { office: { name: { de: 'Amt' } } },
};

const pkg = sealPackage({
  format: PACKAGE_FORMAT,
  formatVersion: PACKAGE_FORMAT_VERSION,
  exportedAt: '2026-01-01T00:00:00.000Z',
  provenance: {
    municipality: { slug: 'musterstadt', name: 'Musterstadt' },
    service: 'meldung',
    version: 3,
    publishedAt: '2026-01-01T00:00:00.000Z',
    attribution: ['Musterstadt'],
  },
  definition,
  codeLists: [],
  assets: [],
});

const payload = (iat: string, changes: Partial<EntryPayload> = {}): EntryPayload => ({
  iss: 'https://land.example',
  iat,
  entry: {
    id: 'entry-1',
    slug: 'meldung',
    title: { de: 'Meldung' },
    leika: null,
    topic: 'Ordnung',
    land: 'Bayern',
    description: 'Eine Meldung.',
    licence: 'EUPL-1.2',
    contact: 'amt@example.de',
    provider: 'Musterstadt',
    offeredAt: '2026-01-01T00:00:00.000Z',
  },
  package: pkg,
  ...changes,
});

const trusted = (key: SigningKey, retiredAt: string | null = null): TrustedKey => ({
  kid: key.kid,
  publicJwk: key.publicJwk,
  addedAt: '2026-01-01T00:00:00.000Z',
  retiredAt,
});

describe('checking a feed entry', async () => {
  const land = await generateSigningKey();
  const other = await generateSigningKey();
  const at = '2026-03-01T12:00:00.000Z';
  const entry = async (p: EntryPayload, key = land, contentHash = pkg.contentHash) => ({
    seq: 7,
    contentHash,
    jws: await sign(p, key, ENTRY_TYPE),
  });

  it('accepts an entry signed by a trusted key with a package whose hash matches', async () => {
    const check = await checkEntry(await entry(payload(at)), [trusted(land)]);
    assert.equal(check.ok, true);
    assert.equal(check.ok && check.accepted.version, 3);
    assert.equal(check.ok && check.accepted.contentHash, pkg.contentHash);
  });

  it('refuses each failure with its reason', async () => {
    const reason = async (
      e: Promise<{ seq: number; contentHash: string; jws: string }>,
      keys = [trusted(land)],
    ) => {
      const check = await checkEntry(await e, keys);
      return check.ok ? 'accepted' : check.refusal.reason;
    };
    assert.equal(
      await reason(Promise.resolve({ seq: 1, contentHash: pkg.contentHash, jws: 'kein.jws' })),
      'malformed',
    );
    assert.equal(await reason(entry(payload(at), other)), 'unknown-key');
    const good = await entry(payload(at));
    const [h, , s] = good.jws.split('.');
    const changed = Buffer.from(JSON.stringify(payload(at, { iss: 'https://evil.example' }))).toString(
      'base64url',
    );
    assert.equal(await reason(Promise.resolve({ ...good, jws: `${h}.${changed}.${s}` })), 'bad-signature');
    assert.equal(await reason(entry(payload(at), land, `sha256:${'1'.repeat(64)}`)), 'hash-mismatch');
    const altered = { ...pkg, definition: { ...definition, title: { de: 'Anders' } } };
    assert.equal(await reason(entry(payload(at, { package: altered }))), 'hash-mismatch');
    assert.equal(
      await reason(entry(payload(at, { package: { ...pkg, format: 'x' } as unknown as typeof pkg }))),
      'not-a-package',
    );
    const { contentHash: _, ...unhashed } = pkg;
    const broken = sealPackage({ ...unhashed, definition: { ...definition, steps: 'keine' } });
    assert.equal(
      await reason(entry(payload(at, { package: broken }), land, broken.contentHash)),
      'invalid-definition',
    );
  });

  it('refuses what a retired key signed after its retirement, and accepts what it signed before', async () => {
    const retiredAt = '2026-03-01T00:00:00.000Z';
    const after = await checkEntry(await entry(payload(at)), [trusted(land, retiredAt)]);
    assert.equal(!after.ok && after.refusal.reason, 'retired-key');
    const before = await checkEntry(await entry(payload('2026-02-28T23:59:59.000Z')), [
      trusted(land, retiredAt),
    ]);
    assert.equal(before.ok, true);
  });
});
