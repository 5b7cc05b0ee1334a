import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseDefinition } from '../parse.ts';
import type { ServiceDefinition } from '../types.ts';
import { uidPlaces } from '../uid.ts';
import { keyFromLabel, stepIdFromTitle, takenKeys } from './keys.ts';
import { NEW_FIELD } from './new-field.ts';
import {
  addField,
  addStep,
  editable,
  emptyDefinition,
  fieldPlace,
  moveField,
  moveFieldToStep,
  moveStep,
  removeField,
  removeStep,
  replaceField,
  updateStep,
} from './operations.ts';

const hund = (): ServiceDefinition => {
  const parsed = parseDefinition(
    JSON.parse(
      readFileSync(new URL('../../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
    ),
  );
  assert.ok(parsed.ok);
  return editable(parsed.definition);
};

/** uid -> JSON of the element without its place: what must survive every edit. */
const uids = (d: ServiceDefinition) => new Set(uidPlaces(d).map((p) => p.uid));

type Added = { definition: ServiceDefinition; uid: string };
function added(result: Added | { refused: string } | undefined): Added {
  assert.ok(result && !('refused' in result), JSON.stringify(result));
  return result;
}

describe('editing a definition', () => {
  test('keys and step ids are made from what the designer typed', () => {
    assert.equal(keyFromLabel('Name des Hundes'), 'nameDesHundes');
    assert.equal(keyFromLabel('Größe (cm)'), 'groesseCm');
    assert.equal(keyFromLabel('1. Wohnsitz'), 'feld1Wohnsitz');
    assert.equal(keyFromLabel('—'), 'feld');
    assert.equal(stepIdFromTitle('Angaben zum Hund'), 'angaben-zum-hund');
    assert.equal(stepIdFromTitle('!!!'), 'schritt');
  });

  test('a service built from nothing: steps and fields added, valid once the office is named', () => {
    let d = emptyDefinition('test-dienst', { de: 'Testdienst' });
    const step1 = addStep(d, { de: 'Halter' });
    d = step1.definition;
    const step2 = addStep(d, { de: 'Halter' });
    d = step2.definition;
    assert.deepEqual(
      d.steps.map((s) => s.id),
      ['halter', 'halter-2'],
      'step ids are unique',
    );
    const a = added(addField(d, { stepUid: step1.uid }, 'text', { de: 'Name' }));
    const b = added(addField(a.definition, { stepUid: step1.uid }, 'text', { de: 'Name' }));
    const c = added(addField(b.definition, { stepUid: step2.uid }, 'group', { de: 'Name' }));
    d = c.definition;
    assert.deepEqual(
      [...takenKeys(d)].sort(),
      ['name', 'name2', 'name3', 'name3Name'].sort(),
      'every key is unique, the group sample item included',
    );
    assert.equal(new Set([a.uid, b.uid, c.uid, step1.uid, step2.uid]).size, 5, 'every uid is unique');
    d.local.office.name.de = 'Bürgeramt';
    const parsed = parseDefinition(d);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    assert.deepEqual(uids(parsed.definition), uids(d), 'the check keeps the uids the editor gave');
  });

  test('every field type is added valid, also as an item of a group where the format allows it', () => {
    for (const type of Object.keys(NEW_FIELD) as Array<keyof typeof NEW_FIELD>) {
      const d = emptyDefinition('x', { de: 'X' });
      d.local.office.name.de = 'Amt';
      const step = addStep(d, { de: 'Eins' });
      const withGroup = added(addField(step.definition, { stepUid: step.uid }, 'group', { de: 'Kinder' }));
      const one = added(addField(withGroup.definition, { stepUid: step.uid }, type, { de: 'Feld' }));
      const parsed = parseDefinition(one.definition);
      assert.ok(parsed.ok, `${type}: ${JSON.stringify(!parsed.ok && parsed.problems)}`);
      const item = addField(one.definition, { groupUid: withGroup.uid }, type, { de: 'Im Eintrag' });
      if (type === 'group' || type === 'file') {
        assert.deepEqual(item, { refused: 'not-in-group' }, type);
      } else {
        const parsedItem = parseDefinition(added(item).definition);
        assert.ok(
          parsedItem.ok,
          `${type} in a group: ${JSON.stringify(!parsedItem.ok && parsedItem.problems)}`,
        );
      }
    }
  });

  test('moving, changing and removing keeps every uid and leaves the argument unchanged', () => {
    const d = hund();
    const before = JSON.stringify(d);
    const all = uids(d);
    const [first, second] = d.steps;
    const field = second!.fields[0]!;

    const moved = moveStep(d, second!.uid!, -1)!;
    assert.deepEqual(
      moved.steps.slice(0, 2).map((s) => s.uid),
      [second!.uid, first!.uid],
    );
    assert.deepEqual(uids(moved), all);
    assert.deepEqual(
      moveStep(d, first!.uid!, -1)!.steps.map((s) => s.uid),
      d.steps.map((s) => s.uid),
      'the first stays first',
    );

    const down = moveField(d, first!.fields[0]!.uid!, 1)!;
    assert.equal(down.steps[0]!.fields[1]!.uid, first!.fields[0]!.uid);
    assert.deepEqual(uids(down), all);

    const across = moveFieldToStep(d, field.uid!, first!.uid!)!;
    assert.equal(across.steps[0]!.fields.at(-1)!.uid, field.uid);
    assert.equal(fieldPlace(across, field.uid!)!.step, 0);
    assert.deepEqual(uids(across), all);

    const renamed = replaceField(d, field.uid!, {
      ...field,
      key: 'umbenannt',
      uid: 'f-other',
    } as typeof field)!;
    assert.equal(renamed.steps[1]!.fields[0]!.key, 'umbenannt');
    assert.equal(renamed.steps[1]!.fields[0]!.uid, field.uid, 'a new key keeps the uid');

    const retitled = updateStep(d, first!.uid!, { title: { de: 'Neu' }, id: 'neu' })!;
    assert.equal(retitled.steps[0]!.uid, first!.uid, 'a new step id keeps the uid');
    assert.equal(retitled.steps[0]!.id, 'neu');

    const without = removeField(d, field.uid!)!;
    assert.deepEqual(uids(without), new Set([...all].filter((u) => u !== field.uid)));
    const withoutStep = removeStep(d, first!.uid!)!;
    assert.equal(withoutStep.steps.length, d.steps.length - 1);

    // A new field whose key was freed by a rename does not take the renamed field's uid.
    const added2 = added(addField(renamed, { stepUid: first!.uid! }, 'text', { de: field.key }));
    assert.notEqual(added2.uid, field.uid);
    assert.equal(
      new Set(uidPlaces(added2.definition).map((p) => p.uid)).size,
      uidPlaces(added2.definition).length,
    );

    assert.equal(JSON.stringify(d), before, 'no operation changed its argument');
  });

  test('an element that is not there is reported, not invented', () => {
    const d = hund();
    assert.equal(moveStep(d, 's-missing', 1), undefined);
    assert.equal(removeField(d, 'f-missing'), undefined);
    assert.equal(addField(d, { stepUid: 's-missing' }, 'text', { de: 'X' }), undefined);
    const item = d.steps.flatMap((s) => s.fields).find((f) => f.type === 'group');
    if (item?.type === 'group') {
      assert.equal(
        moveFieldToStep(d, item.fields[0]!.uid!, d.steps[0]!.uid!),
        undefined,
        'item fields stay in their group',
      );
    }
  });
});
