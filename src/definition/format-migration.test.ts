import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CURRENT_FORMAT_VERSION, migrateFormat } from './format-migration.ts';

const office = { name: { de: 'Bürgeramt' }, email: 'buergeramt@example.org' };
const fee = { rule: 1000, label: { de: 'Gebühr' } };

describe('format migration', () => {
  test('format 1: office, fee and the cost text move into local', () => {
    const v1 = {
      $schema: 'https://amtsweg.de/schemas/service-definition.json',
      formatVersion: 1,
      id: 'x',
      office,
      fee,
      startPage: { cost: { de: '10 €' }, duration: { de: '5 Minuten' } },
      steps: [],
    };
    assert.deepEqual(migrateFormat(v1), {
      $schema: 'https://amtsweg.de/schemas/service-definition.json',
      formatVersion: CURRENT_FORMAT_VERSION,
      id: 'x',
      steps: [],
      startPage: { duration: { de: '5 Minuten' } },
      local: { office, fee, cost: { de: '10 €' } },
    });
  });

  test('a start page with only the cost text goes away; nothing is invented', () => {
    const migrated = migrateFormat({ formatVersion: 1, id: 'x', startPage: { cost: { de: 'kostenlos' } } });
    assert.deepEqual(migrated, { formatVersion: 2, id: 'x', local: { cost: { de: 'kostenlos' } } });
  });

  test('leaves the input untouched and everything else to the schema', () => {
    const v1 = { formatVersion: 1, id: 'x', office };
    const copy = structuredClone(v1);
    migrateFormat(v1);
    assert.deepEqual(v1, copy);
    for (const other of [
      null,
      'text',
      [],
      { formatVersion: 2 },
      { formatVersion: 3 },
      { formatVersion: 1, local: {} },
    ]) {
      assert.equal(migrateFormat(other), other);
    }
  });
});
