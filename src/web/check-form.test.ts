import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { editable } from '../definition/edit/operations.ts';
import { checkRule, findCheck, readCheckPickers } from '../definition/edit/validations.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { checkCheckForm, formOfCheck } from './check-form.ts';

const HUND = editable(
  JSON.parse(
    readFileSync(new URL('../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
  ) as ServiceDefinition,
);

test("the demo's check reads as pickers ('valid only if') and the form saves it unchanged", () => {
  const found = findCheck(HUND, 'haltungNachGeburt')!;
  const form = formOfCheck(found.validation, HUND, found.owner);
  assert.ok(form, 'shown as pickers');
  assert.equal(form.mode, 'valid');
  const back = checkCheckForm(form, HUND, found.owner);
  assert.ok(back.ok);
  assert.deepEqual(back.validation.rule, found.validation.rule);
  assert.deepEqual(back.validation.fields, found.validation.fields);
});

test('a check whose fields are not what the form derives stays JSON', () => {
  const found = findCheck(HUND, 'haltungNachGeburt')!;
  const other = { ...found.validation, fields: ['hundGeburtsdatum', 'haltungsbeginn', 'haltungsbeginn'] };
  assert.equal(formOfCheck(other, HUND, found.owner), undefined);
});

test('round trip: whatever reads as check pickers writes back unchanged (fast-check)', () => {
  const leaf = fc.oneof(
    fc.constant({ var: 'a' }),
    fc.record({
      '<': fc.tuple(fc.constant({ var: 'a' }), fc.oneof(fc.integer(), fc.constant({ var: 'b' }))),
    }),
    fc.record({ '==': fc.tuple(fc.constant({ var: 'b' }), fc.oneof(fc.string(), fc.boolean())) }),
    fc.anything(),
  );
  const rule = fc.oneof(leaf, fc.record({ '!': fc.tuple(leaf) }), fc.record({ '!': fc.array(leaf) }));
  fc.assert(
    fc.property(rule, (r) => {
      const read = readCheckPickers(r);
      if (read) assert.equal(JSON.stringify(checkRule(read)), JSON.stringify(r));
    }),
  );
});
