/** Publish-time checks of file fields: limits beyond the platform's and misplaced fields are refused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DefinitionProblem, parseDefinition } from './parse.ts';

type Json = Record<string, unknown>;

function definition(fields: Json[]): Json {
  return {
    formatVersion: 2,
    id: 'park',
    title: { de: 'Park' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [{ id: 'eins', title: { de: 'Eins' }, fields }],
    local: { office: { name: { de: 'Amt' } } },
  };
}
const file = (over: Json = {}): Json => ({
  type: 'file',
  key: 'schein',
  label: { de: 'Schein' },
  accept: ['application/pdf', 'image/png'],
  maxSizeBytes: 5_000_000,
  maxFiles: 3,
  ...over,
});

function problems(input: unknown): DefinitionProblem[] {
  const result = parseDefinition(input);
  assert.equal(result.ok, false, 'expected the definition to be refused');
  return result.ok ? [] : result.problems;
}
const F = '/steps/0/fields/0';

describe('file field definitions', () => {
  it('accept a file field with supported types and limits within the ceiling', () => {
    assert.equal(parseDefinition(definition([file()])).ok, true);
    assert.equal(parseDefinition(definition([{ type: 'file', key: 's', label: { de: 'S' } }])).ok, true);
  });

  it('refuse unknown media types, limits above the ceiling and bad counts, each at its path', () => {
    assert.deepEqual(
      problems(definition([file({ accept: ['application/x-msdownload'] })])).map((p) => p.path),
      [`${F}/accept/0`],
    );
    assert.deepEqual(
      problems(definition([file({ accept: [] })])).map((p) => p.path),
      [`${F}/accept`],
    );
    assert.deepEqual(
      problems(definition([file({ accept: ['image/png', 'image/png'] })])).map((p) => p.path),
      [`${F}/accept`],
    );
    assert.deepEqual(
      problems(definition([file({ maxSizeBytes: 50 * 1024 * 1024 })])).map((p) => p.path),
      [`${F}/maxSizeBytes`],
    );
    assert.deepEqual(
      problems(definition([file({ maxSizeBytes: 0 })])).map((p) => p.path),
      [`${F}/maxSizeBytes`],
    );
    assert.deepEqual(
      problems(definition([file({ maxFiles: 11 })])).map((p) => p.path),
      [`${F}/maxFiles`],
    );
    assert.deepEqual(
      problems(definition([file({ maxFiles: 0 })])).map((p) => p.path),
      [`${F}/maxFiles`],
    );
    assert.deepEqual(
      problems(definition([file({ maxFiles: 1.5 })])).map((p) => p.path),
      [`${F}/maxFiles`],
    );
    assert.deepEqual(
      problems(definition([file({ minLength: 3 })])).map((p) => p.path),
      [`${F}/minLength`],
    );
  });

  it('refuse a file field inside a repeating group item, with a message saying what to do', () => {
    const group = {
      type: 'group',
      key: 'kinder',
      label: { de: 'Kinder' },
      itemLabel: { de: 'Kind' },
      maxItems: 3,
      fields: [{ type: 'text', key: 'vorname', label: { de: 'Vorname' } }, file()],
    };
    const found = problems(definition([group]));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.path, `${F}/fields/1/type`);
    assert.match(found[0]?.message ?? '', /file field cannot be part of repeating group 'kinder'/);
  });
});
