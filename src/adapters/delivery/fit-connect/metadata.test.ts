import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { METADATA_SCHEMA_FILE } from '../../../../test/support/fit-connect-receiver.ts';
import { strictAjv } from '../../../../test/support/json-schema.ts';
import { stableUuid } from './fit-connect-channel.ts';
import { bareMediaType, METADATA_SCHEMA, submissionMetadata } from './metadata.ts';
import { serviceType } from './service-type.ts';

const validate = strictAjv().compile(JSON.parse(readFileSync(METADATA_SCHEMA_FILE, 'utf8')));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('FIT-Connect metadata', () => {
  const input = {
    data: bytes('{"name":"Jürgen"}'),
    dataSchemaUrl: 'https://amtsweg.example/schemas/musterstadt/hund-anmelden/3/data.json',
    attachments: [
      {
        attachmentId: '0190f3a4-7c2b-7d3e-8f00-0123456789ab',
        purpose: 'attachment' as const,
        filename: 'Impfpass.pdf',
        mimeType: 'application/pdf',
        content: bytes('%PDF-1.4'),
      },
      {
        attachmentId: stableUuid('sub.fit-connect', 'eingangsbestaetigung.pdf'),
        purpose: 'form' as const,
        filename: 'eingangsbestaetigung-MS-2025-000001.pdf',
        mimeType: 'application/pdf; charset=binary',
        content: bytes('%PDF-1.7 receipt'),
      },
    ],
    reference: 'MS-2025-000001',
    applicationDate: '2025-03-01',
    sender: { name: 'Musterstadt', url: 'https://amtsweg.example' },
    product: { name: 'Amtsweg', version: '0.1.0', manufacturer: 'Amtsweg' },
  };

  it('is valid under the published schema 2.1.0, with SHA-512 hashes of the unencrypted bytes', () => {
    const metadata = submissionMetadata(input) as {
      $schema: string;
      contentStructure: {
        data: { hash: { content: string }; submissionSchema: { schemaUri: string } };
        attachments: Array<{ hash: { content: string }; mimeType: string; purpose: string }>;
      };
    };
    assert.ok(validate(metadata), JSON.stringify(validate.errors));
    assert.equal(metadata.$schema, METADATA_SCHEMA);
    const sha512 = (b: Uint8Array) => createHash('sha512').update(b).digest('hex');
    assert.equal(metadata.contentStructure.data.hash.content, sha512(input.data));
    assert.equal(metadata.contentStructure.data.submissionSchema.schemaUri, input.dataSchemaUrl);
    assert.deepEqual(
      metadata.contentStructure.attachments.map((a) => [a.purpose, a.mimeType, a.hash.content]),
      input.attachments.map((a) => [a.purpose, 'application/pdf', sha512(a.content)]),
    );
  });

  it('the schema refuses what Amtsweg must never send (the check can fail)', () => {
    const metadata = submissionMetadata(input) as { contentStructure: { data: { hash: { type: string } } } };
    metadata.contentStructure.data.hash.type = 'sha256';
    assert.equal(validate(metadata), false);
  });

  it('media types are bare type/subtype; anything unreadable becomes application/octet-stream', () => {
    assert.equal(bareMediaType('Image/PNG'), 'image/png');
    assert.equal(bareMediaType('text/plain; charset=utf-8'), 'text/plain');
    assert.equal(bareMediaType('kein typ'), 'application/octet-stream');
  });

  it('attachment ids derived from stable input are the same on every attempt and UUID-shaped', () => {
    const id = stableUuid('a.fit-connect', 'x.pdf');
    assert.equal(id, stableUuid('a.fit-connect', 'x.pdf'));
    assert.notEqual(id, stableUuid('b.fit-connect', 'x.pdf'));
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('FIT-Connect service type', () => {
  const delivery = (leikaKey: string | null) =>
    ({
      tenant: { slug: 'musterstadt' },
      service: { slug: 'Hund_anmelden', title: { de: 'Hund anmelden', en: 'Register a dog' }, leikaKey },
    }) as unknown as Parameters<typeof serviceType>[0];

  it('names the LeiKa key as a FIM URN, and without one a unique URN of the municipality’s service', () => {
    assert.deepEqual(serviceType(delivery('99102013002000')), {
      name: 'Hund anmelden',
      identifier: 'urn:de:fim:leika:leistung:99102013002000',
    });
    const fallback = serviceType(delivery(null)).identifier;
    assert.equal(fallback, 'urn:amtsweg:leistung:musterstadt:hund_anmelden');
    assert.match(fallback, /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$/, 'the API’s pattern');
  });
});
