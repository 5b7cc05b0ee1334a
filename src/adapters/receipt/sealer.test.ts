import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { SealCertificate } from '../../core/domain.ts';
import { ReceiptError } from '../../core/errors.ts';
import type { ReceiptContent } from '../../core/receipt-content.ts';
import { createReceiptSealer } from './sealer.ts';

const now = new Date('2026-03-29T01:30:00Z');
const sealer = createReceiptSealer({ now: () => now });
const dir = mkdtempSync(join(tmpdir(), 'amtsweg-receipt-'));
let certificate: SealCertificate;

before(async () => {
  const generated = await sealer.demoCertificate('Demo-Siegel Musterstadt');
  certificate = { tenantId: 't1', ...generated, demo: true, createdAt: now.toISOString() };
});
after(() => rmSync(dir, { recursive: true, force: true }));

function content(overrides: Partial<ReceiptContent> = {}): ReceiptContent {
  return {
    locale: 'de',
    municipality: 'Stadt Musterstadt',
    ags: '09162000',
    office: 'Bürgerbüro Süd',
    service: 'Anmeldung einer Wohnung',
    serviceVersion: 3,
    leikaKey: '99115002000000',
    reference: 'AW-2026-ABCD-EFGH',
    // 01:30 UTC on the night clocks go forward: 03:30 summer time in Berlin.
    submittedAt: '2026-03-29T01:30:00.000Z',
    sections: [
      {
        stepId: 'person',
        title: 'Angaben zur Person',
        rows: [
          { key: 'name', label: 'Familienname', value: 'Łukasiewicz-Şahin' },
          { key: 'strasse', label: 'Straße', value: 'Große Bäckergasse 5' },
          {
            key: 'kinder',
            label: 'Kinder',
            value: '2 Einträge',
            items: [
              {
                title: 'Kind 1',
                headingId: 'k1',
                rows: [{ key: 'kinder-1-vorname', label: 'Vorname', value: 'Jörg' }],
              },
              {
                title: 'Kind 2',
                headingId: 'k2',
                rows: [{ key: 'kinder-2-vorname', label: 'Vorname', value: 'Zoë' }],
              },
            ],
          },
        ],
      },
    ],
    computed: [],
    fee: { cents: 1250, label: 'Verwaltungsgebühr' },
    attachments: [
      { name: 'Mietvertrag.pdf', mediaType: 'application/pdf', size: 12345, sha256: 'a'.repeat(64) },
    ],
    dataHash: 'b'.repeat(64),
    demoSeal: true,
    ...overrides,
  };
}

function tool(name: string, file: string): string {
  const run = spawnSync(`/usr/bin/${name}`, [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

async function sealedFile(name: string, c: ReceiptContent): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await sealer.seal(c, certificate));
  return file;
}

test('the receipt states every answer with its label, the files with their hashes, and the data hash', async () => {
  const file = await sealedFile('de.pdf', content());
  const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const expected of [
    'Eingangsbestätigung',
    'AW-2026-ABCD-EFGH',
    '29. März 2026 um 03:30:00 MESZ',
    'Stadt Musterstadt',
    '09162000',
    'Bürgerbüro Süd',
    'Anmeldung einer Wohnung',
    '99115002000000',
    '12,50 € (Verwaltungsgebühr)',
    'Angaben zur Person',
    'Łukasiewicz-Şahin',
    'Große Bäckergasse 5',
    'Kind 1',
    'Jörg',
    'Kind 2',
    'Zoë',
    'Mietvertrag.pdf (12.345 Bytes)',
    `SHA-256: ${'a'.repeat(64)}`,
    'b'.repeat(64),
    'Demo-Siegel',
    'Seite 1 von',
  ]) {
    assert.ok(text.includes(expected), `missing ${expected}`);
  }
  // No identity level is recorded yet: the line is left out rather than invented.
  assert.ok(!text.includes('Vertrauensniveau'));
  const info = tool('pdfinfo', file);
  assert.match(info, /Tagged:\s+yes/);
  assert.match(info, /Title:\s+Eingangsbestätigung AW-2026-ABCD-EFGH/);
});

test('an English-speaking citizen gets the receipt in English, with the identity level when there is one', async () => {
  const file = await sealedFile(
    'en.pdf',
    content({ locale: 'en', demoSeal: false, identityLevel: 'substanziell' }),
  );
  const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes('Confirmation of receipt'));
  assert.ok(text.includes('29 March 2026 at 03:30:00 CEST'));
  assert.ok(text.includes('Identity assurance level'));
  assert.ok(text.includes('substanziell'));
  assert.ok(!text.includes('Demo seal'));
});

test('pdfsig finds the seal valid (issuer unknown: self-signed) and a copy with one byte changed invalid', async () => {
  const file = await sealedFile('sealed.pdf', content());
  const report = tool('pdfsig', file);
  assert.match(report, /Signature Validation: Signature is Valid\./);
  assert.match(report, /Certificate Validation: Certificate issuer is unknown\./);
  assert.match(report, /Signature Type: adbe\.pkcs7\.detached/);
  assert.match(report, /Total document signed/);

  const bytes = await sealer.seal(content(), certificate);
  const tampered = Buffer.from(bytes);
  // Change one byte of the document's content (the reference in the Info dictionary's title).
  const at = tampered.indexOf('AW-2026-ABCD-EFGH');
  assert.ok(at > 0);
  tampered[at + 3] = 'X'.charCodeAt(0);
  const tamperedFile = join(dir, 'tampered.pdf');
  writeFileSync(tamperedFile, tampered);
  const tamperedReport = tool('pdfsig', tamperedFile);
  assert.doesNotMatch(tamperedReport, /Signature is Valid/);
  assert.match(tamperedReport, /Signature Validation: Digest Mismatch\./);
});

test('a long answer continues on the next page and the receipt stays valid', async () => {
  const long = Array.from({ length: 400 }, (_, i) => `Zeile ${i} mit Umlauten äöü`).join(' ');
  const file = await sealedFile(
    'long.pdf',
    content({
      sections: [
        { stepId: 's', title: 'Begründung', rows: [{ key: 'text', label: 'Begründung', value: long }] },
      ],
    }),
  );
  assert.match(tool('pdfinfo', file), /Pages:\s+[2-9]/);
  assert.match(tool('pdfsig', file), /Signature is Valid/);
  assert.ok(execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).includes('Zeile 399'));
});

test('describe reads the certificate and refuses a wrong passphrase', () => {
  const info = sealer.describe(certificate.pkcs12, certificate.passphrase);
  assert.match(info.subject, /CN=Demo-Siegel Musterstadt/);
  assert.equal(info.subject, info.issuer);
  assert.match(info.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.throws(() => sealer.describe(certificate.pkcs12, 'wrong'), ReceiptError);
  assert.throws(() => sealer.describe(Buffer.from('not a pkcs12'), 'x'), ReceiptError);
});
