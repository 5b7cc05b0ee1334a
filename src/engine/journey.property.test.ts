/**
 * Property tests of the journey: on generated definitions (steps that apply only under conditions
 * on earlier yes/no answers, fields shown only under such conditions) and generated answers, the
 * model's next/previous/applicable steps and what `finalize` keeps agree with a naive reference.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDefinition } from '../definition/parse.ts';
import type { Answers, ServiceDefinition } from '../definition/types.ts';
import { compile } from './compile.ts';

const ctx = { today: '2026-11-28' };

/** A condition on an earlier question: "answered yes", "answered no" or "not answered yes". */
type Condition = { question: number; kind: 'yes' | 'no' | 'notYes' } | undefined;

interface Shape {
  /** Per step: its condition, and per question on it the question's own condition. */
  steps: Array<{ condition: Condition; questions: Condition[] }>;
}

const key = (q: number) => `q${q}`;

function rule(c: Condition): unknown {
  if (!c) return undefined;
  const v = { var: key(c.question) };
  if (c.kind === 'yes') return { '==': [v, true] };
  if (c.kind === 'no') return { '==': [v, false] };
  return { '!=': [v, true] };
}

/** Shapes whose conditions only read questions that come earlier, as `parse` requires. */
const shapes: fc.Arbitrary<Shape> = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 })
  .chain((perStep) => {
    let before = 0;
    const steps = perStep.map((count) => {
      const first = before;
      before += count;
      const condition = (available: number): fc.Arbitrary<Condition> =>
        available === 0
          ? fc.constant(undefined)
          : fc.option(
              fc.record({
                question: fc.integer({ min: 0, max: available - 1 }),
                kind: fc.constantFrom('yes' as const, 'no' as const, 'notYes' as const),
              }),
              { nil: undefined },
            );
      return fc.record({
        condition: condition(first),
        questions: fc.tuple(...Array.from({ length: count }, (_, i) => condition(first + i))),
      });
    });
    return fc.tuple(...steps).map((s) => ({ steps: s }));
  });

function toDefinition(shape: Shape): ServiceDefinition {
  let q = 0;
  const result = parseDefinition({
    formatVersion: 2,
    id: 'generated',
    title: { de: 'Erzeugt' },
    summary: { de: 'Erzeugt' },
    declaration: { de: 'Ja.' },
    steps: shape.steps.map((step, s) => ({
      id: `s${s}`,
      title: { de: `Schritt ${s}` },
      ...(step.condition && { showIf: rule(step.condition) }),
      fields: step.questions.map((condition) => {
        const field = { type: 'yesno', key: key(q), label: { de: `Frage ${q}` }, required: true };
        q++;
        return condition ? { ...field, showIf: rule(condition) } : field;
      }),
    })),
    local: { office: { name: { de: 'Amt' } } },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

/** The reference: one forward pass with plain JavaScript, conditions read kept answers only. */
function reference(shape: Shape, answers: Answers) {
  const kept: Answers = {};
  const applicable: string[] = [];
  const holds = (c: Condition) =>
    !c ||
    (c.kind === 'yes'
      ? kept[key(c.question)] === true
      : c.kind === 'no'
        ? kept[key(c.question)] === false
        : kept[key(c.question)] !== true);
  let q = 0;
  for (const [s, step] of shape.steps.entries()) {
    const applies = holds(step.condition);
    if (applies) applicable.push(`s${s}`);
    for (const condition of step.questions) {
      const k = key(q++);
      if (applies && holds(condition) && answers[k] !== undefined) kept[k] = answers[k];
    }
  }
  return { applicable, kept };
}

const cases = shapes.chain((shape) => {
  const total = shape.steps.reduce((n, s) => n + s.questions.length, 0);
  const answers = fc
    .array(fc.option(fc.boolean(), { nil: undefined }), { minLength: total, maxLength: total })
    .map((values) => {
      const a: Answers = {};
      for (const [i, v] of values.entries()) if (v !== undefined) a[key(i)] = v;
      return a;
    });
  return fc.tuple(fc.constant(shape), answers);
});

describe('journey (property)', () => {
  it('applicable steps match the reference; next and previous walk exactly that path', () => {
    fc.assert(
      fc.property(cases, ([shape, answers]) => {
        const model = compile(toDefinition(shape));
        const expected = reference(shape, answers).applicable;
        assert.deepEqual(
          model.applicableSteps(answers).map((s) => s.id),
          expected,
        );
        // Forward from the first applicable step: every step once, in order, then the check page.
        const forward: string[] = [];
        for (let step = model.applicableSteps(answers)[0]; step; ) {
          forward.push(step.id);
          assert.ok(forward.length <= shape.steps.length, 'next step loops');
          step = model.nextStep(step.id, answers);
        }
        assert.deepEqual(forward, expected);
        // Backward: each step's previous is the one before it on the path; the first has none.
        for (const [i, id] of expected.entries()) {
          assert.equal(model.previousStep(id, answers)?.id, i === 0 ? undefined : expected[i - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('from a step that does not apply, next and previous lead back onto the path', () => {
    fc.assert(
      fc.property(cases, ([shape, answers]) => {
        const model = compile(toDefinition(shape));
        const path = reference(shape, answers).applicable;
        for (const [s] of shape.steps.entries()) {
          const id = `s${s}`;
          if (path.includes(id)) continue;
          const next = model.nextStep(id, answers);
          const previous = model.previousStep(id, answers);
          assert.equal(
            next?.id,
            path.find((p) => Number(p.slice(1)) > s),
          );
          assert.equal(
            previous?.id,
            path.findLast((p) => Number(p.slice(1)) < s),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finalize keeps exactly the answers of visible questions on applicable steps', () => {
    fc.assert(
      fc.property(cases, ([shape, answers]) => {
        const model = compile(toDefinition(shape));
        const { kept } = reference(shape, answers);
        const final = model.finalize(answers, ctx);
        assert.deepEqual(final.answers, kept);
        // Every visible required question on the path that is unanswered is reported, and only those.
        const missing = final.errors.map((e) => e.key).sort();
        const expectedMissing = model
          .applicableSteps(answers)
          .flatMap((step) => model.visibleFields(step.id, answers))
          .map((f) => f.key)
          .filter((k) => answers[k] === undefined)
          .sort();
        assert.deepEqual(missing, expectedMissing);
      }),
      { numRuns: 300 },
    );
  });
});
