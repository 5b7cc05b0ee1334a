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
    assert.match(de?.textContent ?? '', /Gebühr: 108,00\s€/);
    assert.match(de?.textContent ?? '', /Hundesteuer pro Jahr/);
    const en = render('en', 1440000).querySelector('.aw-fee');
    assert.match(en?.textContent ?? '', /Fee: €14,400\.00/);
  });

  it('shows nothing while the fee is not known', () => {
    assert.equal(render('de', undefined).querySelector('.aw-fee'), null);
  });
});
