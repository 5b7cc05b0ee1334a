import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServiceDefinition } from '../types.ts';
import { editable } from './operations.ts';
import { earlierFields, hasRule, ruleOf, ruleOwner, setRule } from './rules.ts';

const DEFINITION = editable({
  formatVersion: 2,
  id: 'test',
  title: { de: 'Test' },
  summary: { de: 'Test' },
  declaration: { de: 'Ja' },
  local: { office: { name: { de: 'Amt' } } },
  steps: [
    {
      id: 'eins',
      title: { de: 'Eins' },
      fields: [
        { type: 'info', key: 'hinweis', text: { de: 'Hinweis' } },
        { type: 'yesno', key: 'hund', label: { de: 'Hund?' } },
        { type: 'file', key: 'foto', label: { de: 'Foto' } },
        {
          type: 'group',
          key: 'kinder',
          label: { de: 'Kinder' },
          fields: [
            { type: 'text', key: 'name', label: { de: 'Name' } },
            { type: 'number', key: 'alter', label: { de: 'Alter' } },
          ],
        },
        {
          type: 'text',
          key: 'notiz',
          label: { de: 'Notiz' },
          showIf: { some: [{ var: 'kinder' }, { var: 'alter' }] },
        },
      ],
    },
    {
      id: 'zwei',
      title: { de: 'Zwei' },
      showIf: { var: 'hund' },
      fields: [{ type: 'number', key: 'anzahl', label: { de: 'Anzahl' } }],
    },
  ],
} as unknown as ServiceDefinition);

const uid = (key: string) => {
  for (const step of DEFINITION.steps) {
    if (step.id === key) return step.uid!;
    for (const field of step.fields) {
      if (field.key === key) return field.uid!;
      if (field.type === 'group') for (const item of field.fields) if (item.key === key) return item.uid!;
    }
  }
  throw new Error(key);
};
const keys = (target: string) => earlierFields(DEFINITION, uid(target)).map((f) => f.key);

describe('the rules of the rule builder', () => {
  test('a rule may read the answers before it: no blocks, files or groups; items inside their group', () => {
    assert.deepEqual(keys('eins'), []);
    assert.deepEqual(keys('hund'), []);
    assert.deepEqual(keys('notiz'), ['hund']);
    assert.deepEqual(keys('zwei'), ['hund', 'notiz']);
    assert.deepEqual(keys('anzahl'), ['hund', 'notiz']);
    assert.deepEqual(keys('alter'), ['hund', 'name']);
    assert.deepEqual(keys('name'), ['hund']);
    assert.deepEqual(earlierFields(DEFINITION, 'f-nichts'), []);
  });

  test('a step only shows or hides; text blocks have no rule to require', () => {
    assert.equal(hasRule(ruleOwner(DEFINITION, uid('zwei'))!, 'requiredIf'), false);
    assert.equal(hasRule(ruleOwner(DEFINITION, uid('zwei'))!, 'showIf'), true);
    assert.equal(hasRule(ruleOwner(DEFINITION, uid('hinweis'))!, 'requiredIf'), false);
    assert.equal(hasRule(ruleOwner(DEFINITION, uid('notiz'))!, 'requiredIf'), true);
    assert.equal(ruleOwner(DEFINITION, uid('alter'))!.path, '/steps/0/fields/3/fields/1');
    assert.deepEqual(ruleOf(ruleOwner(DEFINITION, uid('zwei'))!, 'showIf'), { var: 'hund' });
  });

  test('setting one rule leaves every other as it was, the definition given untouched', () => {
    const before = JSON.stringify(DEFINITION);
    const next = setRule(DEFINITION, uid('notiz'), 'requiredIf', { var: 'hund' })!;
    const notiz = next.steps[0]!.fields[4] as { showIf?: unknown; requiredIf?: unknown };
    assert.deepEqual(notiz.requiredIf, { var: 'hund' });
    assert.equal(
      JSON.stringify(notiz.showIf),
      JSON.stringify({ some: [{ var: 'kinder' }, { var: 'alter' }] }),
    );
    assert.equal(JSON.stringify(DEFINITION), before);
    const removed = setRule(DEFINITION, uid('zwei'), 'showIf', undefined)!;
    assert.equal('showIf' in removed.steps[1]!, false);
    assert.equal(setRule(DEFINITION, uid('zwei'), 'requiredIf', { var: 'hund' }), undefined);
    assert.equal(setRule(DEFINITION, 'f-nichts', 'showIf', { var: 'hund' }), undefined);
  });
});
