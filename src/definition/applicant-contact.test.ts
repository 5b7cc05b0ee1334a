/** The applicant's contact e-mail: one marked `email` field at most, never in a repeating group. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applicantContactKey } from './applicant-contact.ts';
import { parseDefinition } from './parse.ts';

type Json = Record<string, unknown>;

function definition(fields: Json[]): Json {
  return {
    formatVersion: 2,
    id: 'kontakt',
    title: { de: 'Kontakt' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [{ id: 'eins', title: { de: 'Eins' }, fields }],
    local: { office: { name: { de: 'Amt' } } },
  };
}
const email = (key: string, over: Json = {}): Json => ({
  type: 'email',
  key,
  label: { de: 'E-Mail' },
  ...over,
});

describe("the applicant's contact e-mail", () => {
  it('is the marked email field, if any', () => {
    const marked = parseDefinition(
      definition([email('privat'), email('kontakt', { applicantContact: true })]),
    );
    assert.ok(marked.ok);
    assert.equal(applicantContactKey(marked.definition), 'kontakt');
    const none = parseDefinition(definition([email('privat'), email('dienst', { applicantContact: false })]));
    assert.ok(none.ok);
    assert.equal(applicantContactKey(none.definition), undefined);
  });

  it('is refused on two fields, inside a repeating group, and on a field that is not an e-mail', () => {
    const two = parseDefinition(
      definition([email('a', { applicantContact: true }), email('b', { applicantContact: true })]),
    );
    assert.equal(two.ok, false);
    assert.deepEqual(!two.ok && two.problems.map((p) => p.path), ['/steps/0/fields/1/applicantContact']);
    assert.match(
      !two.ok ? two.problems[0]!.message : '',
      /only one field .* the first is at \/steps\/0\/fields\/0/,
    );

    const inGroup = parseDefinition(
      definition([
        {
          type: 'group',
          key: 'personen',
          label: { de: 'Personen' },
          itemLabel: { de: 'Person' },
          maxItems: 5,
          fields: [email('mail', { applicantContact: true })],
        },
      ]),
    );
    assert.equal(inGroup.ok, false);
    assert.deepEqual(!inGroup.ok && inGroup.problems.map((p) => p.path), [
      '/steps/0/fields/0/fields/0/applicantContact',
    ]);
    assert.match(!inGroup.ok ? inGroup.problems[0]!.message : '', /repeating group 'personen'/);

    const text = parseDefinition(
      definition([{ type: 'text', key: 'x', label: { de: 'X' }, applicantContact: true }]),
    );
    assert.equal(text.ok, false, 'only e-mail fields have the property');
  });
});
