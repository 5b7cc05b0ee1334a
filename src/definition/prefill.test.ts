/** Publish-time checks of `prefill`: the attribute must fit the field type, and items are never prefilled. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DefinitionProblem, parseDefinition } from './parse.ts';
import { hasPrefill, prefilledFields } from './prefill.ts';

type Json = Record<string, unknown>;

function definition(fields: Json[]): Json {
  return {
    formatVersion: 2,
    id: 'melde',
    title: { de: 'Melde' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [{ id: 'eins', title: { de: 'Eins' }, fields }],
    local: { office: { name: { de: 'Amt' } } },
  };
}

function problems(input: unknown): DefinitionProblem[] {
  const result = parseDefinition(input);
  assert.equal(result.ok, false, 'expected the definition to be refused');
  return result.ok ? [] : result.problems;
}

describe('prefill in definitions', () => {
  it('accepts attributes that fit their field types', () => {
    const result = parseDefinition(
      definition([
        {
          type: 'text',
          key: 'name',
          label: { de: 'Name' },
          prefill: { from: 'familyName', editable: false },
        },
        { type: 'date', key: 'geb', label: { de: 'Geb.' }, prefill: { from: 'birthDate' } },
        { type: 'email', key: 'mail', label: { de: 'Mail' }, prefill: { from: 'email' } },
        { type: 'address', key: 'adr', label: { de: 'Anschrift' }, prefill: { from: 'address' } },
        { type: 'postcode', key: 'plz', label: { de: 'PLZ' }, prefill: { from: 'postcode' } },
      ]),
    );
    assert.equal(result.ok, true, JSON.stringify(!result.ok && result.problems));
    if (!result.ok) return;
    const step = result.definition.steps[0];
    assert.ok(step);
    assert.deepEqual(
      prefilledFields(step).map((p) => [p.field.key, p.prefill.from]),
      [
        ['name', 'familyName'],
        ['geb', 'birthDate'],
        ['mail', 'email'],
        ['adr', 'address'],
        ['plz', 'postcode'],
      ],
    );
    assert.equal(hasPrefill(result.definition), true);
  });

  it('refuses an attribute the field type cannot show, naming both', () => {
    const found = problems(
      definition([{ type: 'email', key: 'mail', label: { de: 'Mail' }, prefill: { from: 'birthDate' } }]),
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]?.path, '/steps/0/fields/0/prefill/from');
    assert.match(found[0]?.message ?? '', /'mail'.*'birthDate'.*accepts email/);
  });

  it('refuses prefill on a type that cannot be prefilled', () => {
    const found = problems(
      definition([
        {
          type: 'yesno',
          key: 'hund',
          label: { de: 'Hund?' },
          prefill: { from: 'givenName' },
        },
      ]),
    );
    assert.ok(found.some((p) => p.path.startsWith('/steps/0/fields/0')));
  });

  it('refuses an unknown attribute and unknown prefill properties', () => {
    const unknown = problems(
      definition([{ type: 'text', key: 'n', label: { de: 'N' }, prefill: { from: 'shoeSize' } }]),
    );
    assert.ok(unknown.some((p) => p.path === '/steps/0/fields/0/prefill/from'));
    const extra = problems(
      definition([{ type: 'text', key: 'n', label: { de: 'N' }, prefill: { from: 'city', lock: true } }]),
    );
    assert.ok(extra.some((p) => p.path.startsWith('/steps/0/fields/0/prefill')));
  });

  it('refuses prefill inside a repeating group item', () => {
    const found = problems(
      definition([
        {
          type: 'group',
          key: 'kinder',
          label: { de: 'Kinder' },
          itemLabel: { de: 'Kind' },
          maxItems: 5,
          fields: [
            { type: 'text', key: 'vorname', label: { de: 'Vorname' }, prefill: { from: 'givenName' } },
          ],
        },
      ]),
    );
    assert.deepEqual(
      found.map((p) => p.path),
      ['/steps/0/fields/0/fields/0/prefill'],
    );
  });

  it('says a definition without prefill has none', () => {
    const result = parseDefinition(definition([{ type: 'text', key: 'n', label: { de: 'N' } }]));
    assert.equal(result.ok && hasPrefill(result.definition), false);
  });

  it('refuses a service id the citizen pages use themselves', () => {
    const found = problems({
      ...definition([{ type: 'text', key: 'n', label: { de: 'N' } }]),
      id: 'meine-antraege',
    });
    assert.deepEqual(
      found.map((p) => p.path),
      ['/id'],
    );
  });
});
