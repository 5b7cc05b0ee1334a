import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseDefinition } from './parse.ts';
import type { ServiceDefinition } from './types.ts';
import { derivedUid, uidPlaces } from './uid.ts';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const hundV1 = () => read('../../test/fixtures/format-1/hund-anmelden.json');
const hundV2 = () => read('../../definitions/musterstadt/hund-anmelden.json');

function parsed(input: unknown): ServiceDefinition {
  const result = parseDefinition(input);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.definition;
}

function base() {
  return {
    formatVersion: 2,
    id: 'kinder',
    title: { de: 'Kinder' },
    summary: { de: 'Kinder angeben' },
    declaration: { de: 'Stimmt.' },
    steps: [
      {
        id: 'kinder',
        title: { de: 'Kinder' },
        fields: [
          { type: 'text', key: 'name', label: { de: 'Name' } } as Record<string, unknown>,
          {
            type: 'group',
            key: 'kinder',
            label: { de: 'Kinder' },
            itemLabel: { de: 'Kind' },
            maxItems: 5,
            fields: [{ type: 'text', key: 'vorname', label: { de: 'Vorname' } }],
          },
          {
            type: 'group',
            key: 'pflegekinder',
            label: { de: 'Pflegekinder' },
            itemLabel: { de: 'Pflegekind' },
            maxItems: 5,
            fields: [{ type: 'text', key: 'vorname', label: { de: 'Vorname' } }],
          },
        ],
      } as Record<string, unknown> & { fields: Array<Record<string, unknown>> },
    ],
    local: { office: { name: { de: 'Amt' } } },
  };
}

describe('stable ids (uid) of steps and fields', () => {
  test('every step, field and item field has one after parsing, unique, derived from kind and key', () => {
    const definition = parsed(base());
    const places = uidPlaces(definition);
    assert.equal(places.length, 6);
    assert.ok(places.every((p) => p.uid !== undefined));
    assert.equal(new Set(places.map((p) => p.uid)).size, 6, 'item keys shared by two groups get two uids');
    assert.equal(definition.steps[0]?.uid, derivedUid('step', 'kinder'));
    assert.equal(definition.steps[0]?.fields[0]?.uid, derivedUid('field', 'name'));
    assert.deepEqual(parsed(base()), definition, 'the same document always gets the same uids');
  });

  test('a uid the document gives is kept when the key changes, and a derived one never takes it', () => {
    const doc = base();
    const name = doc.steps[0]!.fields[0]!;
    name.uid = derivedUid('field', 'vorname');
    name.key = 'nachname';
    const definition = parsed(doc);
    assert.equal(definition.steps[0]?.fields[0]?.uid, derivedUid('field', 'vorname'));
    const uids = uidPlaces(definition).map((p) => p.uid);
    assert.equal(new Set(uids).size, uids.length);
  });

  test('duplicate and malformed uids are refused at their place', () => {
    const duplicate = base();
    duplicate.steps[0]!.fields[0]!.uid = 'f-eins';
    (duplicate.steps[0]!.fields[1]!.fields as Array<Record<string, unknown>>)[0]!.uid = 'f-eins';
    const refused = parseDefinition(duplicate);
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && refused.problems, [
      {
        path: '/steps/0/fields/1/fields/0/uid',
        message: "duplicate uid 'f-eins' (first used at /steps/0/fields/0)",
      },
    ]);
    const malformed = base();
    malformed.steps[0]!.uid = 'Schritt 1';
    const problems = parseDefinition(malformed);
    assert.ok(!problems.ok && problems.problems.some((p) => p.path === '/steps/0/uid'));
  });
});

describe('format 1 documents', () => {
  test('are read as format 2: local settings moved, nothing else changed', () => {
    const fromV1 = parsed(hundV1());
    assert.equal(fromV1.formatVersion, 2);
    assert.deepEqual(fromV1, parsed(hundV2()), 'the demo file is the format-1 fixture, migrated');
    assert.equal(fromV1.local.office.name.de, 'Stadt Musterstadt, Steueramt');
    assert.ok(fromV1.local.fee);
  });

  test('leave the document given untouched', () => {
    const input = hundV1();
    const before = JSON.stringify(input);
    parsed(input);
    assert.equal(JSON.stringify(input), before);
  });

  test('with a local section are refused by the schema, not merged', () => {
    const input = { ...(hundV1() as object), local: { office: { name: { de: 'X' } } } };
    const result = parseDefinition(input);
    assert.ok(!result.ok && result.problems.some((p) => p.path === '/formatVersion'));
  });
});
