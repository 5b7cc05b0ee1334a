/**
 * Properties of the three-way merge over random edits of a real service, as designers make them:
 * labels, help texts, keys, required, conditions, options, fields added, removed, moved and
 * reordered, steps retitled, reordered and removed, the fee and the office changed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sameJson } from './diff.ts';
import { mergeDefinitions } from './merge.ts';
import { parseDefinition } from './parse.ts';
import type { Field, Option, ServiceDefinition } from './types.ts';

function load(path: string): ServiceDefinition {
  const result = parseDefinition(JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')));
  assert.ok(result.ok);
  return result.definition;
}

const BASES = [load('definitions/musterstadt/hund-anmelden.json'), load('test/fixtures/kinder.json')];

type Edit =
  | {
      op: 'label' | 'hint' | 'stepTitle' | 'office' | 'relabelOption';
      at: number;
      other: number;
      text: string;
    }
  | {
      op: 'key' | 'required' | 'remove' | 'showIf' | 'addOption' | 'fee' | 'swapSteps' | 'removeStep';
      at: number;
    }
  | { op: 'move' | 'swap' | 'add'; at: number; other: number };

const TEXTS = ['Neu', 'Geändert', 'Anders'];
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constantFrom('label', 'hint', 'stepTitle', 'office', 'relabelOption'),
    at: fc.nat(40),
    other: fc.nat(20),
    text: fc.constantFrom(...TEXTS),
  }),
  fc.record({
    op: fc.constantFrom('key', 'required', 'remove', 'showIf', 'addOption', 'fee', 'swapSteps', 'removeStep'),
    at: fc.nat(40),
  }),
  fc.record({ op: fc.constantFrom('move', 'swap', 'add'), at: fc.nat(40), other: fc.nat(20) }),
) as fc.Arbitrary<Edit>;
const edits = fc.array(edit, { maxLength: 6 });

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

/** Applies the edits to a copy, as `side` (new keys, uids and values are named after the side). */
function edited(base: ServiceDefinition, list: readonly Edit[], side: string): ServiceDefinition {
  const d = structuredClone(base) as ServiceDefinition;
  const fields = () => d.steps.flatMap((s) => s.fields);
  list.forEach((e, n) => {
    const f = pick(fields(), e.at) as (Field & { options?: Option[]; codeList?: unknown }) | undefined;
    const step = pick(d.steps, e.at);
    switch (e.op) {
      case 'label':
        if (f && 'label' in f) f.label = { de: `${e.text} ${f.key}` };
        return;
      case 'hint':
        if (f && f.type !== 'info' && f.type !== 'warning') f.hint = { de: e.text };
        return;
      case 'stepTitle':
        if (step) step.title = { de: `${e.text} ${step.id}` };
        return;
      case 'office':
        d.local.office = { name: { de: `${e.text} Amt` } };
        return;
      case 'relabelOption': {
        const option = f?.options ? pick(f.options, e.other) : undefined;
        if (option) option.label = { de: e.text };
        return;
      }
      case 'key':
        if (f) f.key = `${f.key}${side}${n}`;
        return;
      case 'required':
        if (f && 'required' in f) f.required = !f.required;
        return;
      case 'remove':
        if (step && step.fields.length > 1) step.fields.splice(e.at % step.fields.length, 1);
        return;
      case 'showIf':
        if (f) f.showIf = { '==': [1, 1] };
        return;
      case 'addOption':
        if (f?.options && !f.codeList) f.options.push({ value: `${side}${n}`, label: { de: side } });
        return;
      case 'fee':
        d.local.fee = { label: { de: 'Gebühr' }, rule: e.at * 100 };
        return;
      case 'swapSteps':
        if (d.steps.length > 1) {
          const i = e.at % (d.steps.length - 1);
          [d.steps[i], d.steps[i + 1]] = [d.steps[i + 1]!, d.steps[i]!];
        }
        return;
      case 'removeStep':
        if (d.steps.length > 1) d.steps.splice(e.at % d.steps.length, 1);
        return;
      case 'move': {
        const from = pick(d.steps, e.at);
        const to = pick(d.steps, e.other);
        if (from && to && from !== to && from.fields.length > 1) {
          to.fields.push(from.fields.splice(e.other % from.fields.length, 1)[0]!);
        }
        return;
      }
      case 'swap':
        if (step && step.fields.length > 1) {
          const i = e.other % (step.fields.length - 1);
          [step.fields[i], step.fields[i + 1]] = [step.fields[i + 1]!, step.fields[i]!];
        }
        return;
      case 'add':
        step?.fields.splice(e.other % (step.fields.length + 1), 0, {
          type: 'text',
          key: `neu${side}${n}`,
          label: { de: `Neu ${side} ${n}` },
          uid: `f-${side}-${n}`,
        });
        return;
    }
  });
  return d;
}

const valid = (d: ServiceDefinition) => parseDefinition(d).ok;
const RUNS = { numRuns: 150 };

describe('mergeDefinitions (properties)', () => {
  test('merge(base, x, base) = x, without conflicts when x passes the check', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), edits, (base, list) => {
        const x = edited(base, list, 'o');
        const { definition, conflicts } = mergeDefinitions(base, x, base);
        assert.ok(sameJson(definition, x));
        assert.deepEqual(
          conflicts.map((c) => c.id),
          valid(x) ? [] : ['check'],
        );
      }),
      RUNS,
    );
  });

  test('merge(base, base, y) = y, without conflicts when y passes the check', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), edits, (base, list) => {
        const y = edited(base, list, 't');
        const { definition, conflicts } = mergeDefinitions(base, base, y);
        assert.ok(sameJson(definition, y));
        assert.deepEqual(
          conflicts.map((c) => c.id),
          valid(y) ? [] : ['check'],
        );
      }),
      RUNS,
    );
  });

  test('merge(b, x, y) = merge(b, y, x) when neither has conflicts (local settings aside: ours wins)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), edits, edits, (base, ours, theirs) => {
        const x = edited(base, ours, 'o');
        const y = edited(base, theirs, 't');
        const xy = mergeDefinitions(base, x, y);
        const yx = mergeDefinitions(base, y, x);
        if (xy.conflicts.length > 0 || yx.conflicts.length > 0) return;
        assert.ok(sameJson({ ...xy.definition, local: null }, { ...yx.definition, local: null }));
        // Each local setting only one side changed is that side's in both.
        for (const name of ['office', 'fee'] as const) {
          const changedByX = !sameJson(base.local[name], x.local[name]);
          const changedByY = !sameJson(base.local[name], y.local[name]);
          if (changedByX !== changedByY)
            assert.ok(sameJson(xy.definition.local[name], yx.definition.local[name]));
        }
      }),
      RUNS,
    );
  });

  test('a result without conflicts passes the definition check; one that fails it says so', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), edits, edits, (base, ours, theirs) => {
        const { definition, conflicts } = mergeDefinitions(
          base,
          edited(base, ours, 'o'),
          edited(base, theirs, 't'),
        );
        const others = conflicts.filter((c) => c.id !== 'check');
        if (others.length > 0) return;
        const check = conflicts.find((c) => c.id === 'check');
        assert.equal(valid(definition), check === undefined);
        if (check) assert.ok((check.problems ?? []).length > 0);
      }),
      RUNS,
    );
  });
});
