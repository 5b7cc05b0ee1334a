import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeListDirectory } from '../adapters/codelists/directory.ts';
import { BUNDLED_CODELIST_DIR } from '../config.ts';
import { resolveCodeLists } from './code-lists.ts';

const shipped = codeListDirectory([BUNDLED_CODELIST_DIR]);

const definition = (codeList: Record<string, string>) => ({
  formatVersion: 2,
  id: 'gemeinde',
  title: { de: 'Gemeinde' },
  summary: { de: 'Gemeinde' },
  declaration: { de: 'Ja' },
  steps: [
    {
      id: 'wo',
      title: { de: 'Wo' },
      fields: [{ type: 'select', key: 'gemeinde', label: { de: 'Gemeinde' }, codeList }],
    },
  ],
  local: { office: { name: { de: 'Amt' } } },
});

type Resolved = {
  steps: Array<{ fields: Array<{ options: Array<{ value: string; detail?: { de: string } }> }> }>;
};

async function optionsOf(codeList: Record<string, string>) {
  const outcome = await resolveCodeLists(definition(codeList), shipped);
  assert.ok(outcome.ok);
  return (outcome.definition as Resolved).steps[0]?.fields[0]?.options ?? [];
}

describe('municipalities with their Kreis and Land', () => {
  it('gives every municipality of the AGS list the Kreis and Land it lies in', async () => {
    const options = await optionsOf({ uri: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags' });
    assert.equal(options.length, 11_227);
    const detail = (code: string) => options.find((o) => o.value === code)?.detail?.de;
    assert.equal(detail('01051012'), 'Dithmarschen, Schleswig-Holstein');
    assert.equal(detail('13071020'), 'Mecklenburgische Seenplatte, Mecklenburg-Vorpommern');
    assert.equal(detail('03241001'), 'Region Hannover, Niedersachsen');
    // A kreisfreie Stadt is its own Kreis; an area outside any Kreis still has its Land.
    assert.equal(detail('01001000'), 'Schleswig-Holstein');
    assert.equal(detail('03901999'), 'Niedersachsen');
    assert.equal(options.filter((o) => o.detail === undefined).length, 0);
  });

  it('leaves other lists, and the AGS list read by another column, as they are', async () => {
    const other = await optionsOf({
      uri: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland',
    });
    assert.equal(other.filter((o) => o.detail !== undefined).length, 0);
    const byName = await optionsOf({
      uri: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags',
      codeColumn: 'Bezeichnung',
    });
    assert.equal(byName.filter((o) => o.detail !== undefined).length, 0);
  });
});
