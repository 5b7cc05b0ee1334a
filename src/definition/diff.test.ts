import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { demoDefinitionFiles } from '../../test/support/demo-definitions.ts';
import { type DefinitionChange, diffDefinitions, sameJson } from './diff.ts';
import { parseDefinition } from './parse.ts';
import type { Field, ServiceDefinition } from './types.ts';

function parsed(json: unknown): ServiceDefinition {
  const result = parseDefinition(json);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.definition;
}

const load = (path: string): ServiceDefinition =>
  parsed(JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')));

/** A mutable copy to change, as an editor would, keeping every uid. */
const hund = () => structuredClone(load('definitions/musterstadt/hund-anmelden.json')) as ServiceDefinition;
const field = (d: ServiceDefinition, key: string): Field =>
  d.steps.flatMap((s) => s.fields).find((f) => f.key === key) as Field;
const kinds = (changes: DefinitionChange[]) => changes.map((c) => c.kind);

describe('diffDefinitions', () => {
  test('finds nothing between equal definitions, whatever the order of their keys', async () => {
    for (const { file, json } of await demoDefinitionFiles()) {
      const d = parsed(json);
      const reversed = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(reversed)
          : value && typeof value === 'object'
            ? Object.fromEntries(
                Object.entries(value)
                  .reverse()
                  .map(([k, v]) => [k, reversed(v)]),
              )
            : value;
      assert.deepEqual(diffDefinitions(d, structuredClone(d)), [], file);
      assert.deepEqual(diffDefinitions(d, reversed(d) as ServiceDefinition), [], file);
    }
  });

  test('a renamed key is one change of the same field, not a removal and an addition', () => {
    const after = hund();
    (field(after, 'geburtsdatum') as { key: string }).key = 'geburtsdatumHalter';
    const changes = diffDefinitions(hund(), after);
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0], {
      kind: 'field-changed',
      field: {
        uid: field(hund(), 'geburtsdatum').uid,
        key: 'geburtsdatumHalter',
        label: { de: 'Geburtsdatum', en: 'Date of birth' },
      },
      aspect: 'key',
      from: 'geburtsdatum',
      to: 'geburtsdatumHalter',
    });
  });

  test('a field moved to another step is a move, with both steps named', () => {
    const after = hund();
    const [halter, hundStep] = after.steps;
    const email = halter!.fields.splice(
      halter!.fields.findIndex((f) => f.key === 'email'),
      1,
    )[0]!;
    hundStep!.fields.push(email);
    const changes = diffDefinitions(hund(), after);
    assert.deepEqual(kinds(changes), ['field-moved']);
    const move = changes[0] as Extract<DefinitionChange, { kind: 'field-moved' }>;
    assert.equal(move.from.title.de, halter!.title.de);
    assert.equal(move.to.title.de, hundStep!.title.de);
  });

  test('fields added and removed name their step; the label of a new field is its own', () => {
    const after = hund();
    after.steps[0]!.fields.push({
      type: 'text',
      key: 'geburtsname',
      uid: 'f-neu',
      label: { de: 'Geburtsname' },
    });
    after.steps[1]!.fields = after.steps[1]!.fields.filter((f) => f.key !== 'chipnummer');
    const changes = diffDefinitions(hund(), after);
    assert.deepEqual(kinds(changes), ['field-added', 'field-removed']);
    assert.deepEqual(changes[0], {
      kind: 'field-added',
      field: { uid: 'f-neu', key: 'geburtsname', label: { de: 'Geburtsname' } },
      step: { uid: after.steps[0]!.uid, title: after.steps[0]!.title },
    });
  });

  test('label, required, options, conditions and other settings are told apart', () => {
    const before = hund();
    const after = hund();
    const vorname = field(after, 'vorname') as { label: { de: string }; maxLength?: number };
    vorname.label = { de: 'Vorname(n)' };
    vorname.maxLength = 40;
    const rasse = field(after, 'rasse') as { options: Array<{ value: string; label: { de: string } }> };
    rasse.options = [{ value: 'pudel', label: { de: 'Pudel' } }, ...rasse.options.slice(1)];
    rasse.options[1]!.label = { de: 'Anders benannt' };
    (field(after, 'telefon') as { required?: boolean }).required = true;
    (field(after, 'sachkundenachweis') as { showIf?: unknown }).showIf = { '==': [1, 1] };
    const changes = diffDefinitions(before, after).filter((c) => c.kind === 'field-changed');
    const about = (key: string) => changes.filter((c) => c.kind === 'field-changed' && c.field.key === key);
    assert.deepEqual(
      about('vorname').map((c) => c.kind === 'field-changed' && [c.aspect, c.properties ?? c.to]),
      [
        ['label', { de: 'Vorname(n)' }],
        ['settings', ['maxLength']],
      ],
    );
    const options = about('rasse')[0] as Extract<DefinitionChange, { kind: 'field-changed' }>;
    assert.equal(options.aspect, 'options');
    assert.deepEqual(options.added, ['pudel']);
    assert.deepEqual(options.removed, [
      (field(before, 'rasse') as { options: Array<{ value: string }> }).options[0]!.value,
    ]);
    assert.equal(options.relabelled?.length, 1);
    assert.deepEqual(
      about('telefon').map((c) => c.kind === 'field-changed' && [c.aspect, c.from, c.to]),
      [['required', false, true]],
    );
    assert.deepEqual(
      about('sachkundenachweis').map((c) => c.kind === 'field-changed' && c.aspect),
      ['condition'],
    );
  });

  test('an absent "required" and "required": false mean the same', () => {
    const after = hund();
    (field(after, 'telefon') as { required?: boolean }).required = false;
    assert.deepEqual(diffDefinitions(hund(), after), []);
  });

  test('the fee, rules, office and order of steps and fields', () => {
    const after = hund();
    after.local = {
      ...after.local,
      fee: { ...after.local.fee!, rule: 9600 },
      office: { name: { de: 'Kämmerei' } },
    };
    after.computed = after.computed?.slice(1);
    after.steps = [after.steps[1]!, after.steps[0]!, ...after.steps.slice(2)];
    after.steps[0]!.fields.reverse();
    const changes = kinds(diffDefinitions(hund(), after));
    assert.deepEqual(changes, [
      'service-changed',
      'steps-reordered',
      'fields-reordered',
      'computed-removed',
      'fee-changed',
    ]);
  });

  test('item fields of a repeating group are named with their group', () => {
    const before = load('test/fixtures/kinder.json');
    const after = structuredClone(before) as ServiceDefinition;
    const group = after.steps.flatMap((s) => s.fields).find((f) => f.type === 'group');
    assert.ok(group?.type === 'group');
    (group.fields[0] as { label: { de: string } }).label = { de: 'Neu' };
    const changes = diffDefinitions(before, after);
    assert.equal(changes.length, 1);
    const change = changes[0]!;
    assert.ok(change.kind === 'field-changed' && change.field.group?.uid === group.uid);
  });
});

describe('sameJson', () => {
  test('ignores key order and undefined properties, not array order', () => {
    assert.ok(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }));
    assert.ok(sameJson({ a: 1, c: undefined }, { a: 1 }));
    assert.ok(!sameJson([1, 2], [2, 1]));
    assert.ok(!sameJson({ a: 1 }, { a: '1' }));
    assert.ok(!sameJson(null, {}));
  });
});
