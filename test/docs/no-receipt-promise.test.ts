/**
 * The platform sends mail to a citizen only to the field a definition marks as the applicant's
 * contact e-mail (`applicantContact`, ADR 0041): that field's own texts may say that the receipt
 * (Eingangsbestätigung) is sent there; no other text a citizen reads may promise that a receipt or
 * an email about the application will be sent. The sealed receipt exists as a download on the
 * confirmation page (ADR 0032), so naming it is fine. The demo services' texts and every UI
 * catalogue are read.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

/** Phrases that promise a receipt or an email from the platform, German and English. */
const PROMISES = [
  /(senden|schicken|erhalten|bekommen)[^.]*(eingangs|empfangs)bestätigung/i,
  /(eingangs|empfangs)bestätigung[^.]*(zusenden|zugeschickt|per post|per e-?mail|erhalten sie)/i,
  /bestätigung (per|an|via|über) .*e-?mail/i,
  /e-?mail[^.]*(eingang|bestätig|antrag bekommen|antrag erhalten)/i,
  /(senden|schicken) (wir )?Ihnen (dann |sofort |automatisch )?eine (e-?mail|bestätigung|nachricht)/i,
  /(send|e-?mail|post)[^.]*\breceipt\b/i,
  /\breceipt\b[^.]*(by|via) (e-?mail|post)/i,
  /send you (a|an) (confirmation|e-?mail|message)/i,
  /send (the|a) confirmation/i,
  /(confirmation|acknowledg(e)?ment) (by|via) e-?mail/i,
];

/** Every string value of a JSON document, with its path; the marked contact field's are true. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (
    value &&
    typeof value === 'object' &&
    (value as { applicantContact?: unknown }).applicantContact === true
  ) {
    return;
  }
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}/${i}`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}/${k}`);
  }
}

function promisesIn(where: string, texts: Iterable<[string, string]>): string[] {
  const found: string[] = [];
  for (const [path, text] of texts) {
    for (const promise of PROMISES) if (promise.test(text)) found.push(`${where}${path}: ${text}`);
  }
  return found;
}

test('no demo service promises a receipt or an email', () => {
  const dir = join(root, 'definitions');
  const found: string[] = [];
  let files = 0;
  for (const tenant of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, tenant)).filter((f) => f.endsWith('.json'))) {
      files++;
      const json: unknown = JSON.parse(readFileSync(join(dir, tenant, file), 'utf8'));
      found.push(...promisesIn(`${tenant}/${file}`, strings(json)));
    }
  }
  assert.ok(files >= 4, 'the demo services were read');
  assert.deepEqual(found, []);
});

test("the contact field's own texts are the exception, and only they", () => {
  const marked = {
    type: 'email',
    applicantContact: true,
    hint: { de: 'Dorthin schicken wir Ihnen die Eingangsbestätigung.' },
  };
  const unmarked = { ...marked, applicantContact: false };
  assert.deepEqual(promisesIn('x', strings({ steps: [{ fields: [marked] }] })), []);
  assert.equal(promisesIn('x', strings({ steps: [{ fields: [unmarked] }] })).length, 1);
});

const CITIZEN_CATALOGUES = ['common.ts', 'citizen.ts'];

test('no UI text promises a receipt or an email', () => {
  // The catalogues citizens read; staff areas (Verwaltung, Service-Design) may speak of the
  // e-mail that reports an application to the office.
  const catalogues = [
    ...CITIZEN_CATALOGUES.map((f) => join('src', 'web', 'i18n', f)),
    join('src', 'engine', 'texts.ts'),
    join('src', 'engine', 'fields', 'messages.ts'),
  ];
  const found: string[] = [];
  for (const file of catalogues) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    found.push(
      ...promisesIn(
        file,
        lines.map((line, i): [string, string] => [`:${i + 1}`, line]),
      ),
    );
  }
  assert.deepEqual(found, []);
});

test('the phrases are recognised (the check can fail)', () => {
  for (const text of [
    'Wir senden Ihnen eine Eingangsbestätigung, wenn Sie eine E-Mail-Adresse angeben.',
    'Wir schicken Ihnen dann eine E-Mail.',
    'We will send you a confirmation if you give an email address.',
    'We will send the confirmation and any questions to this address.',
  ]) {
    assert.notDeepEqual(promisesIn('', [['', text]]), [], text);
  }
});
