/** Publish-time checks of repeating groups: everything that could fail at fill-in time is refused here. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DefinitionProblem, parseDefinition } from './parse.ts';

type Json = Record<string, unknown>;

function group(overrides: Json = {}): Json {
  return {
    type: 'group',
    key: 'kinder',
    label: { de: 'Kinder' },
    itemLabel: { de: 'Kind' },
    minItems: 1,
    maxItems: 5,
    fields: [
      { type: 'text', key: 'vorname', label: { de: 'Vorname' }, required: true },
      { type: 'yesno', key: 'imHaushalt', label: { de: 'Im Haushalt?' } },
    ],
    ...overrides,
  };
}

function definition(groupField: Json, extra: Json = {}): Json {
  return {
    formatVersion: 2,
    id: 'kinder',
    title: { de: 'Kinder' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'eins',
        title: { de: 'Eins' },
        fields: [{ type: 'yesno', key: 'allein', label: { de: 'Allein?' } }, groupField],
      },
      {
        id: 'zwei',
        title: { de: 'Zwei' },
        fields: [{ type: 'text', key: 'spaeter', label: { de: 'Später' } }],
      },
    ],
    ...extra,
    local: { office: { name: { de: 'Amt' } } },
  };
}

function problems(input: unknown): DefinitionProblem[] {
  const result = parseDefinition(input);
  assert.equal(result.ok, false, 'expected the definition to be refused');
  return result.ok ? [] : result.problems;
}

const G = '/steps/0/fields/1';

describe('repeating group definitions', () => {
  it('accept item rules that read earlier item fields and earlier answers, and outer rules over the list', () => {
    const result = parseDefinition(
      definition(
        group({
          fields: [
            { type: 'yesno', key: 'imHaushalt', label: { de: 'Im Haushalt?' }, required: true },
            {
              type: 'text',
              key: 'anschrift',
              label: { de: 'Anschrift' },
              showIf: { and: [{ '==': [{ var: 'imHaushalt' }, false] }, { var: 'allein' }] },
              requiredIf: { var: 'allein' },
            },
          ],
        }),
        {
          computed: [
            {
              key: 'anzahlKinder',
              rule: { reduce: [{ var: 'kinder' }, { '+': [{ var: 'accumulator' }, 1] }, 0] },
            },
          ],
          validations: [
            {
              id: 'einKindImHaushalt',
              rule: { some: [{ var: 'kinder' }, { var: 'imHaushalt' }] },
              message: { de: 'Mindestens ein Kind muss im Haushalt leben' },
              fields: ['kinder'],
            },
          ],
        },
      ),
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  });

  it('refuse minItems greater than maxItems, and bounds outside 0..100', () => {
    assert.deepEqual(problems(definition(group({ minItems: 4, maxItems: 2 }))), [
      { path: `${G}/minItems`, message: 'minItems (4) must not be greater than maxItems (2)' },
    ]);
    const bounds = problems(definition(group({ maxItems: 0 }))).map((p) => p.path);
    assert.deepEqual(bounds, [`${G}/maxItems`]);
    assert.deepEqual(
      problems(definition(group({ maxItems: undefined }))).map((p) => [p.path, p.message]),
      [[`${G}/maxItems`, "missing required property 'maxItems'"]],
    );
  });

  it('refuse duplicate keys inside a group and keys that shadow keys outside it', () => {
    const dup = group({
      fields: [
        { type: 'text', key: 'vorname', label: { de: 'Vorname' } },
        { type: 'text', key: 'vorname', label: { de: 'Nochmal' } },
        { type: 'text', key: 'allein', label: { de: 'Schatten' } },
      ],
    });
    assert.deepEqual(problems(definition(dup)), [
      {
        path: `${G}/fields/1/key`,
        message: `duplicate key 'vorname' in repeating group 'kinder' (first used at ${G}/fields/0)`,
      },
      {
        path: `${G}/fields/2/key`,
        message:
          "key 'allein' of an item of repeating group 'kinder' is also used at /steps/0/fields/0; item keys must differ from every key outside the group",
      },
    ]);
  });

  it('refuse nested groups with one clear message', () => {
    const nested = group({ fields: [group({ key: 'enkel' })] });
    assert.deepEqual(problems(definition(nested)), [
      {
        path: `${G}/fields/0/type`,
        message: 'repeating groups cannot be nested; a group item may hold any other field type',
      },
    ]);
  });

  it('refuse item rules that read later item fields, the group itself, later answers or unknown keys', () => {
    const bad = group({
      fields: [
        { type: 'text', key: 'a', label: { de: 'A' }, showIf: { var: 'b' } },
        { type: 'text', key: 'b', label: { de: 'B' }, showIf: { '>': [{ var: 'kinder' }, 1] } },
        { type: 'text', key: 'c', label: { de: 'C' }, showIf: { var: 'spaeter' } },
        { type: 'text', key: 'd', label: { de: 'D' }, requiredIf: { var: 'gibtsNicht' } },
        { type: 'yesno', key: 'e', label: { de: 'E' }, showIf: { '==': [{ var: 'a' }, true] } },
      ],
    });
    const found = problems(definition(bad)).map((p) => [p.path, p.message]);
    assert.deepEqual(found, [
      [
        `${G}/fields/0/showIf/var`,
        `refers to item field 'b', which comes later in the item (${G}/fields/1); conditions may only use earlier answers`,
      ],
      [
        `${G}/fields/1/showIf/>/0/var`,
        "refers to its own repeating group 'kinder'; inside an item, read the item's fields by their keys",
      ],
      [
        `${G}/fields/1/showIf/>/1`,
        "compares repeating group 'kinder' (a list of items) with 1; read its items with some, all, none, filter, map or reduce",
      ],
      [
        `${G}/fields/2/showIf/var`,
        "refers to field 'spaeter', which comes later (/steps/1/fields/0); conditions may only use earlier answers",
      ],
      [`${G}/fields/3/requiredIf/var`, "refers to unknown field 'gibtsNicht'"],
    ]);
  });

  it('refuse type mismatches inside items as everywhere', () => {
    const bad = group({
      fields: [
        { type: 'yesno', key: 'a', label: { de: 'A' } },
        { type: 'text', key: 'b', label: { de: 'B' }, showIf: { '==': [{ var: 'a' }, 'ja'] } },
      ],
    });
    assert.deepEqual(
      problems(definition(bad)).map((p) => p.path),
      [`${G}/fields/1/showIf/==/1`],
    );
  });

  it('refuse reading item fields from outside the group, with a hint how to read the list', () => {
    const def = definition(group());
    (def.steps as Array<Json & { showIf?: unknown }>)[1]!.showIf = { var: 'vorname' };
    assert.deepEqual(problems(def), [
      {
        path: '/steps/1/showIf/var',
        message: `refers to 'vorname', a field inside the items of repeating group 'kinder' (${G}/fields/0); outside an item, read the list {"var": "kinder"}, e.g. with some, all, none, filter, map or reduce`,
      },
    ]);
    const validation = definition(group(), {
      validations: [{ id: 'v', rule: true, message: { de: 'x' }, fields: ['vorname'] }],
    });
    assert.match(
      problems(validation)[0]?.message ?? '',
      /^names 'vorname', a field inside the items of repeating group 'kinder'/,
    );
  });

  it('refuse comparing the list with a literal and computed values that would store items', () => {
    const compare = definition(group());
    (compare.steps as Array<Json & { showIf?: unknown }>)[1]!.showIf = { '==': [{ var: 'kinder' }, 2] };
    assert.match(
      problems(compare)[0]?.message ?? '',
      /compares repeating group 'kinder' \(a list of items\) with 2/,
    );
    const computed = definition(group(), { computed: [{ key: 'ersteKinder', rule: { var: 'kinder' } }] });
    assert.deepEqual(problems(computed), [
      {
        path: '/computed/0/rule',
        message:
          "a computed value reading repeating group 'kinder' must produce a number, text or yes/no (e.g. a count with reduce), not a list",
      },
    ]);
  });
});
