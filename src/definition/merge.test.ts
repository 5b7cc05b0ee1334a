import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sameJson } from './diff.ts';
import { mergeDefinitions, resolveConflicts } from './merge.ts';
import type { MergeConflict } from './merge-conflict.ts';
import { parseDefinition } from './parse.ts';
import type {
  BlockField,
  Field,
  GroupField,
  RadioField,
  SelectField,
  ServiceDefinition,
  Step,
} from './types.ts';

/** Fields with a label and a hint: every field but the text blocks. */
type Labelled = Exclude<Field, BlockField>;

function parsed(json: unknown): ServiceDefinition {
  const result = parseDefinition(json);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.definition;
}

const load = (path: string): ServiceDefinition =>
  parsed(JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')));

const BASE = load('definitions/musterstadt/hund-anmelden.json');
const KINDER = load('test/fixtures/kinder.json');

/** A mutable copy to change as a designer would, keeping every uid. */
const copy = (d: ServiceDefinition = BASE) => structuredClone(d) as ServiceDefinition;
const all = (d: ServiceDefinition) =>
  d.steps.flatMap((s) => s.fields.flatMap((f) => (f.type === 'group' ? [f, ...f.fields] : [f])));
const field = <T extends Field = Labelled>(d: ServiceDefinition, key: string): T => {
  const found = all(d).find((f) => f.key === key);
  assert.ok(found, `no field ${key}`);
  return found as T;
};
const uid = (key: string, d = BASE) => field(d, key).uid as string;
const step = (d: ServiceDefinition, id: string): Step => d.steps.find((s) => s.id === id) as Step;
const keysOf = (s: Step) => s.fields.map((f) => f.key);
const ids = (conflicts: MergeConflict[]) => conflicts.map((c) => c.id);
function take(d: ServiceDefinition, key: string): Field {
  for (const s of d.steps) {
    const i = s.fields.findIndex((f) => f.key === key);
    if (i >= 0) return s.fields.splice(i, 1)[0] as Field;
  }
  throw new Error(`no field ${key}`);
}

function clean(
  base: ServiceDefinition,
  ours: ServiceDefinition,
  theirs: ServiceDefinition,
): ServiceDefinition {
  const result = mergeDefinitions(base, ours, theirs);
  assert.deepEqual(result.conflicts, []);
  return result.definition;
}

describe('mergeDefinitions', () => {
  test('with nothing changed on either side, the result is the base, and it is frozen', () => {
    const merged = clean(BASE, copy(), copy());
    assert.ok(sameJson(merged, BASE));
    assert.ok(Object.isFrozen(merged.steps[0]?.fields[0]));
  });

  test('fields added on both sides are both kept, each after the field it follows on its side', () => {
    const ours = copy();
    const theirs = copy();
    const halter = (d: ServiceDefinition) => step(d, 'halter').fields;
    halter(ours).splice(2, 0, {
      type: 'text',
      key: 'geburtsname',
      label: { de: 'Geburtsname' },
      uid: 'f-ours',
    });
    halter(theirs).push({ type: 'text', key: 'titel', label: { de: 'Titel' }, uid: 'f-theirs' });
    const merged = clean(BASE, ours, theirs);
    const keys = keysOf(step(merged, 'halter'));
    assert.deepEqual(keys.slice(0, 4), ['vorname', 'nachname', 'geburtsname', 'geburtsdatum']);
    assert.equal(keys.at(-1), 'titel');
    assert.equal(keys.length, keysOf(step(BASE, 'halter')).length + 2);
  });

  test('a field removed upstream goes; one removed here stays removed', () => {
    const ours = copy();
    const theirs = copy();
    take(ours, 'telefon');
    take(theirs, 'chipnummer');
    const merged = clean(BASE, ours, theirs);
    assert.equal(
      all(merged).find((f) => f.key === 'telefon' || f.key === 'chipnummer'),
      undefined,
    );
  });

  test('a field moved to another step upstream moves, and keeps the label changed here', () => {
    const ours = copy();
    const theirs = copy();
    field(ours, 'email').label = { de: 'E-Mail für Rückfragen', en: 'E-mail for questions' };
    step(theirs, 'hund').fields.push(take(theirs, 'email'));
    const merged = clean(BASE, ours, theirs);
    assert.ok(!keysOf(step(merged, 'halter')).includes('email'));
    assert.equal(keysOf(step(merged, 'hund')).at(-1), 'email');
    assert.equal(field(merged, 'email').label.de, 'E-Mail für Rückfragen');
  });

  test('moving a field to two different steps is a conflict about its place', () => {
    const ours = copy();
    const theirs = copy();
    step(ours, 'hund').fields.push(take(ours, 'email'));
    step(theirs, 'zahlung').fields.push(take(theirs, 'email'));
    const { conflicts, definition } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), [`field:${uid('email')}/place`]);
    assert.equal(conflicts[0]?.ours, step(BASE, 'hund').uid);
    assert.equal(conflicts[0]?.theirs, step(BASE, 'zahlung').uid);
    assert.ok(keysOf(step(definition, 'hund')).includes('email'), 'ours is kept until decided');
  });

  test('a key renamed upstream is the same field (by uid): the label changed here is kept on it', () => {
    const ours = copy();
    const theirs = copy();
    field(ours, 'telefon').label = { de: 'Telefon (tagsüber)' };
    field(theirs, 'telefon').key = 'telefonnummer';
    const merged = clean(BASE, ours, theirs);
    assert.equal(all(merged).filter((f) => f.uid === uid('telefon')).length, 1);
    assert.equal(field(merged, 'telefonnummer').label.de, 'Telefon (tagsüber)');
  });

  test('a rule added here that reads a key renamed upstream fails the check, reported as a conflict', () => {
    const ours = copy();
    const theirs = copy();
    field(ours, 'telefon').showIf = { var: 'ermaessigung' };
    field(theirs, 'ermaessigung').key = 'ermaessigungBeantragt';
    // Upstream renamed its own uses along with the key, as the editor does.
    step(theirs, 'ermaessigung').showIf = { var: 'ermaessigungBeantragt' };
    const { conflicts } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), ['check']);
    assert.equal(conflicts[0]?.reason, 'check-failed');
    assert.ok(conflicts[0]?.problems?.some((p) => p.message.includes('ermaessigung')));
  });

  test('labels: changed on one side is taken, alike on both is one change, differently is a conflict', () => {
    const ours = copy();
    const theirs = copy();
    field(theirs, 'vorname').label = { de: 'Vorname(n)', en: 'First name(s)' };
    field(ours, 'nachname').label = { de: 'Familienname', en: 'Surname' };
    field(theirs, 'nachname').label = { de: 'Familienname', en: 'Surname' };
    field(ours, 'ort').label = { de: 'Wohnort', en: 'Place of residence' };
    field(theirs, 'ort').label = { de: 'Stadt', en: 'Town' };
    const { conflicts, definition } = mergeDefinitions(BASE, ours, theirs);
    assert.equal(field(definition, 'vorname').label.de, 'Vorname(n)');
    assert.equal(field(definition, 'nachname').label.de, 'Familienname');
    assert.equal(field(definition, 'ort').label.de, 'Wohnort');
    assert.deepEqual(conflicts, [
      {
        id: `field:${uid('ort')}/label`,
        reason: 'both-changed',
        subject: {
          kind: 'field',
          field: { uid: uid('ort'), key: 'ort', label: { de: 'Wohnort', en: 'Place of residence' } },
          property: 'label',
        },
        base: field(BASE, 'ort').label,
        ours: { de: 'Wohnort', en: 'Place of residence' },
        theirs: { de: 'Stadt', en: 'Town' },
      },
    ]);
  });

  test('options are merged by value: added on both sides, relabelled, removed', () => {
    const ours = copy();
    const theirs = copy();
    const rasse = (d: ServiceDefinition) => field<SelectField>(d, 'rasse').options;
    const first = rasse(BASE)[1]?.value as string;
    const second = rasse(BASE)[2]?.value as string;
    rasse(ours).push({ value: 'xoloitzcuintle', label: { de: 'Xoloitzcuintle' } });
    rasse(theirs).push({ value: 'lagotto', label: { de: 'Lagotto Romagnolo' } });
    (rasse(theirs)[1] as { label: unknown }).label = { de: 'Neu benannt' };
    rasse(ours).splice(2, 1);
    const merged = field<SelectField>(clean(BASE, ours, theirs), 'rasse').options;
    const values = merged.map((o) => o.value);
    assert.ok(values.includes('xoloitzcuintle') && values.includes('lagotto'));
    assert.ok(!values.includes(second));
    assert.equal(merged.find((o) => o.value === first)?.label.de, 'Neu benannt');
    assert.equal(values.length, rasse(BASE).length + 1);
  });

  test('an option relabelled differently on both sides is a conflict named by its value', () => {
    const ours = copy();
    const theirs = copy();
    field<RadioField>(ours, 'geschlecht').options[0]!.label = { de: 'männlich' };
    field<RadioField>(theirs, 'geschlecht').options[0]!.label = { de: 'Rüde (männlich)' };
    const { conflicts } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), [`field:${uid('geschlecht')}/option:ruede/label`]);
    assert.deepEqual(conflicts[0]?.subject, {
      kind: 'field',
      field: { uid: uid('geschlecht'), key: 'geschlecht', label: field(BASE, 'geschlecht').label },
      option: 'ruede',
      property: 'label',
    });
  });

  test('rules: a changed condition, computed value and validation are taken; both changing one is a conflict', () => {
    const ours = copy();
    const theirs = copy();
    field(theirs, 'sachkundenachweis').showIf = { var: 'listenhund' };
    field(ours, 'sachkundenachweis').hint = { de: 'Steht auf der Bescheinigung.' };
    (theirs.computed![0] as { rule: unknown }).rule = { '+': [{ var: ['weitereHunde', 0] }, 2] };
    step(ours, 'hund').validations![0]!.message = { de: 'Der Beginn der Haltung liegt vor der Geburt.' };
    step(theirs, 'halter').showIf = { '!': { var: 'ermaessigung' } };
    step(ours, 'halter').showIf = { var: 'ermaessigung' };
    const { conflicts, definition } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(field(definition, 'sachkundenachweis').showIf, { var: 'listenhund' });
    assert.equal(field(definition, 'sachkundenachweis').hint?.de, 'Steht auf der Bescheinigung.');
    assert.deepEqual(definition.computed?.[0]?.rule, { '+': [{ var: ['weitereHunde', 0] }, 2] });
    assert.match(step(definition, 'hund').validations?.[0]?.message.de ?? '', /vor der Geburt/);
    assert.deepEqual(ids(conflicts), [`step:${step(BASE, 'halter').uid}/showIf`]);
  });

  test('a validation added on each side: both are kept', () => {
    const ours = copy();
    const theirs = copy();
    const rule = (id: string) => ({ id, rule: true, message: { de: id }, fields: ['plz'] });
    ours.validations = [rule('plzHier')];
    theirs.validations = [rule('plzOriginal')];
    const merged = clean(BASE, ours, theirs);
    assert.deepEqual(merged.validations?.map((v) => v.id).sort(), ['plzHier', 'plzOriginal']);
  });

  test('removed upstream but changed here is a conflict; the field stays until decided', () => {
    const ours = copy();
    const theirs = copy();
    field(ours, 'chipnummer').label = { de: 'Transpondernummer' };
    take(theirs, 'chipnummer');
    const { conflicts, definition } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), [`field:${uid('chipnummer')}`]);
    assert.equal(conflicts[0]?.reason, 'removed-upstream');
    assert.equal(conflicts[0]?.theirs, undefined);
    assert.equal(field(definition, 'chipnummer').label.de, 'Transpondernummer');
  });

  test('removed here but changed upstream is a conflict; it stays removed until decided', () => {
    const ours = copy();
    const theirs = copy();
    take(ours, 'chipnummer');
    field(theirs, 'chipnummer').label = { de: 'Transpondernummer' };
    const { conflicts, definition } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), [`field:${uid('chipnummer')}`]);
    assert.equal(conflicts[0]?.reason, 'removed-here');
    assert.equal(
      all(definition).find((f) => f.key === 'chipnummer'),
      undefined,
    );
  });

  test('a step removed upstream while a field was added to it here is a conflict about the step', () => {
    const ours = copy();
    const theirs = copy();
    step(ours, 'zahlung').fields.push({
      type: 'text',
      key: 'verwendungszweck',
      label: { de: 'Zweck' },
      uid: 'f-zweck',
    });
    theirs.steps = theirs.steps.filter((s) => s.id !== 'zahlung');
    const { conflicts } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), [`step:${step(BASE, 'zahlung').uid}`]);
    assert.equal(conflicts[0]?.reason, 'removed-upstream');
  });

  test('steps reordered on one side are taken; differently on both sides is a conflict', () => {
    const oneSide = copy();
    [oneSide.steps[0], oneSide.steps[1]] = [oneSide.steps[1] as Step, oneSide.steps[0] as Step];
    const merged = clean(BASE, copy(), oneSide);
    assert.deepEqual(
      merged.steps.map((s) => s.id),
      oneSide.steps.map((s) => s.id),
    );
    const ours = copy();
    const theirs = copy();
    [ours.steps[0], ours.steps[1]] = [ours.steps[1] as Step, ours.steps[0] as Step];
    [theirs.steps[2], theirs.steps[3]] = [theirs.steps[3] as Step, theirs.steps[2] as Step];
    const { conflicts } = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(conflicts), ['steps/order']);
  });

  test('item fields of a repeating group: added on both sides, and a field moved into the group', () => {
    const ours = copy(KINDER);
    const theirs = copy(KINDER);
    const group = (d: ServiceDefinition) => all(d).find((f) => f.type === 'group') as GroupField;
    group(ours).fields.push({ type: 'text', key: 'schule', label: { de: 'Schule' }, uid: 'f-schule' });
    group(theirs).fields.unshift({ type: 'text', key: 'spitzname', label: { de: 'Rufname' }, uid: 'f-ruf' });
    const merged = group(clean(KINDER, ours, theirs)).fields.map((f) => f.key);
    assert.equal(merged[0], 'spitzname');
    assert.equal(merged.at(-1), 'schule');
    assert.equal(merged.length, group(KINDER).fields.length + 2);
  });

  test('local settings: ours always wins, unless only theirs changed', () => {
    const ours = copy();
    const theirs = copy();
    ours.local.office = {
      name: { de: 'Gemeinde Beispielhausen, Kämmerei' },
      email: 'kaemmerei@beispielhausen.example',
    };
    theirs.local.office = { name: { de: 'Stadt Musterstadt, Steuerabteilung' } };
    ours.local.fee = { label: { de: 'Hundesteuer' }, rule: 9000 };
    theirs.local.fee = { label: { de: 'Hundesteuer Musterstadt' }, rule: 12000 };
    theirs.local.cost = { de: 'Neuer Kostentext des Originals' };
    const merged = clean(BASE, ours, theirs);
    assert.deepEqual(merged.local.office, ours.local.office);
    assert.deepEqual(merged.local.fee, ours.local.fee);
    assert.deepEqual(merged.local.cost, theirs.local.cost);
  });

  test("the service's id stays ours: it is the copy's address", () => {
    const ours = copy();
    const theirs = copy();
    ours.id = 'hund-anmelden-beispielhausen';
    theirs.id = 'hundesteuer-anmeldung';
    theirs.title = { de: 'Hund zur Hundesteuer anmelden' };
    const merged = clean(BASE, ours, theirs);
    assert.equal(merged.id, 'hund-anmelden-beispielhausen');
    assert.equal(merged.title.de, 'Hund zur Hundesteuer anmelden');
  });

  test('the inputs are never changed', () => {
    const ours = copy();
    const theirs = copy();
    field(ours, 'ort').label = { de: 'Wohnort' };
    field(theirs, 'ort').label = { de: 'Stadt' };
    const before = [structuredClone(ours), structuredClone(theirs)];
    mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual([ours, theirs], before);
    // Nor frozen: a draft the caller keeps editing stays editable (with and without conflicts).
    mergeDefinitions(BASE, copy(), theirs);
    for (const d of [ours, theirs]) {
      assert.equal(Object.isFrozen(d.steps[0]), false, 'a step of an input is frozen');
      assert.equal(Object.isFrozen(field(d, 'vorname').label), false, 'a label of an input is frozen');
    }
  });
});

describe('resolveConflicts', () => {
  const conflicted = () => {
    const ours = copy();
    const theirs = copy();
    field(ours, 'ort').label = { de: 'Wohnort' };
    field(theirs, 'ort').label = { de: 'Stadt' };
    field(ours, 'chipnummer').label = { de: 'Transpondernummer' };
    take(theirs, 'chipnummer');
    return { ours, theirs };
  };

  test('take theirs, take ours, or an edited value: the result passes the check', () => {
    const { ours, theirs } = conflicted();
    const label = `field:${uid('ort')}/label`;
    const chip = `field:${uid('chipnummer')}`;
    const r1 = resolveConflicts(BASE, ours, theirs, {
      [label]: { take: 'theirs' },
      [chip]: { take: 'theirs' },
    });
    assert.deepEqual(r1.conflicts, []);
    assert.deepEqual(r1.unknown, []);
    assert.equal(field(r1.definition, 'ort').label.de, 'Stadt');
    assert.equal(
      all(r1.definition).find((f) => f.key === 'chipnummer'),
      undefined,
    );
    assert.ok(parseDefinition(r1.definition).ok);

    const edited = { de: 'Wohnort (Stadt)', en: 'Town' };
    const r2 = resolveConflicts(BASE, ours, theirs, { [label]: { value: edited }, [chip]: { take: 'ours' } });
    assert.deepEqual(r2.conflicts, []);
    assert.deepEqual(field(r2.definition, 'ort').label, edited);
    assert.equal(field(r2.definition, 'chipnummer').label.de, 'Transpondernummer');
  });

  test('an undecided conflict stays listed; a decision for no conflict is reported as unknown', () => {
    const { ours, theirs } = conflicted();
    const result = resolveConflicts(BASE, ours, theirs, {
      [`field:${uid('ort')}/label`]: { take: 'ours' },
      'field:f-gibt-es-nicht/label': { take: 'theirs' },
    });
    assert.deepEqual(ids(result.conflicts), [`field:${uid('chipnummer')}`]);
    assert.deepEqual(result.unknown, ['field:f-gibt-es-nicht/label']);
  });

  test('an edited value the definition refuses is a failed check, not a broken result', () => {
    const { ours, theirs } = conflicted();
    const result = resolveConflicts(BASE, ours, theirs, {
      [`field:${uid('ort')}/label`]: { value: 42 },
      [`field:${uid('chipnummer')}`]: { take: 'ours' },
    });
    assert.deepEqual(ids(result.conflicts), ['check']);
    assert.ok(result.conflicts[0]?.problems?.some((p) => p.path.endsWith('/label')));
  });

  test('a field whose step is gone asks for a place; a step given as the place puts it there', () => {
    const ours = copy();
    const theirs = copy();
    const zahlung = step(BASE, 'zahlung').uid as string;
    step(ours, 'zahlung').fields.push(take(ours, 'telefon'));
    theirs.steps = theirs.steps.filter((s) => s.id !== 'zahlung');
    const first = mergeDefinitions(BASE, ours, theirs);
    assert.deepEqual(ids(first.conflicts), [`step:${zahlung}`]);
    const removeStep = { [`step:${zahlung}`]: { take: 'theirs' } } as const;
    const second = resolveConflicts(BASE, ours, theirs, removeStep);
    assert.deepEqual(ids(second.conflicts), [`field:${uid('telefon')}/place`]);
    assert.equal(second.conflicts[0]?.reason, 'place-removed');
    const hund = step(BASE, 'hund').uid as string;
    const third = resolveConflicts(BASE, ours, theirs, {
      ...removeStep,
      [`field:${uid('telefon')}/place`]: { value: hund },
    });
    assert.deepEqual(third.conflicts, []);
    assert.equal(keysOf(step(third.definition, 'hund')).at(-1), 'telefon');
    assert.ok(!keysOf(step(third.definition, 'halter')).includes('telefon'));
    const nowhere = resolveConflicts(BASE, ours, theirs, {
      ...removeStep,
      [`field:${uid('telefon')}/place`]: { value: zahlung },
    });
    assert.deepEqual(ids(nowhere.conflicts), [`field:${uid('telefon')}/place`], 'a removed step is no place');
    assert.equal(
      third.definition.steps.find((s) => s.id === 'zahlung'),
      undefined,
    );
  });
});
