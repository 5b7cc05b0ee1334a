/** The fee on the check page: German and English number formatting, shown only when known. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { ServiceVersion } from '../../core/domain.ts';
import { parseDefinition } from '../../definition/parse.ts';
import type { Locale } from '../../definition/types.ts';
import { compile } from '../../engine/compile.ts';
import { checkPage } from './citizen.ts';

const parsed = parseDefinition(
  JSON.parse(
    readFileSync(new URL('../../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
  ),
);
assert.ok(parsed.ok);
const service: ServiceVersion = {
  id: 'v1',
  tenantId: 't1',
  serviceId: 's1',
  slug: 'hund-anmelden',
  version: 1,
  definition: parsed.definition,
  publishedAt: '2025-01-01T00:00:00Z',
};

function render(locale: Locale, fee: number | undefined): Document {
  const html = checkPage(
    {
      locale,
      tenant: { id: 't1', slug: 'musterstadt', name: { de: 'Musterstadt' }, ags: null },
      currentPath: '/',
    },
    {
      service,
      sections: [],
      problems: [],
      declarationError: false,
      csrf: 'x',
      backHref: '/',
      ...(fee !== undefined && { fee }),
    },
  );
  return new JSDOM(html).window.document;
}

describe('check page fee', () => {
  it('shows the fee in German and English formatting', () => {
    const fee = compile(parsed.definition).fee({ listenhund: false });
    assert.equal(fee, 10800);
    const de = render('de', fee).querySelector('.aw-fee');
    assert.match(de?.textContent ?? '', /108,00\s€/);
    const en = render('en', 1440000).querySelector('.aw-fee');
    assert.match(en?.textContent ?? '', /€14,400\.00/);
  });

  it("is headed by the fee's own label, not a fixed word, and its explanation follows", () => {
    const de = render('de', 10800).querySelector('.aw-fee');
    const heading = de?.querySelector('h2');
    assert.equal(heading?.textContent, 'Hundesteuer pro Jahr für diesen Hund');
    assert.equal(de?.getAttribute('aria-labelledby'), heading?.id);
    assert.doesNotMatch(de?.textContent ?? '', /Gebühr/);
    const parts = [...(de?.querySelectorAll('p') ?? [])].map((p) => p.textContent ?? '');
    assert.match(parts[0] ?? '', /^108,00\s€$/, 'the amount right under the heading');
    assert.match(parts[1] ?? '', /^108 € pro Jahr für den ersten Hund/, "then the service's note on costs");
    assert.equal(
      render('en', 10800).querySelector('.aw-fee h2')?.textContent,
      'Dog tax per year for this dog',
    );
  });

  it('shows nothing while the fee is not known', () => {
    assert.equal(render('de', undefined).querySelector('.aw-fee'), null);
  });
});
