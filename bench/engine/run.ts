/**
 * `npm run bench:engine`: validation throughput of the form engine against Ajv (the ceiling) and
 * SurveyJS (`survey-core`), in one run, on the generated 200-field definition of ./generate.ts:
 *
 *  - Amtsweg: `compile(definition)` once, then `finalize(answers, ctx)` per answer set; as a second
 *    figure, `submitStep` for every applicable step over the posted form input of the set.
 *  - Ajv 2020 (`allErrors: true`, ajv-formats) on the data schema of the definition
 *    (`engine/data-schema.ts`, plus `formatMinimum`/`formatMaximum` for date limits, which the data
 *    contract only documents). "flat": the schema of the definition with every condition removed —
 *    evaluates no conditions and is equivalent only in variant A (the ceiling of issue 3);
 *    "conditional": the schema with its if/then/else — equivalent in both variants.
 *  - SurveyJS: the equivalent survey JSON, model built once; per answer set `survey.data = answers`
 *    (which replaces the whole value hash: the clearing between calls) and `survey.validate(false)`.
 *    It is about 300 × slower, so each round validates the next slice of the 256 sets that fits
 *    its time budget, and its agreement with the engine is reported, not enforced.
 *
 * Every contender gets the same 256 distinct answer sets per variant (half invalid), prepared
 * before timing; nothing is cached between calls beyond what each library keeps per compiled
 * schema/model. Rounds are interleaved (A and B, every contender, round after round) and the
 * figures are medians over rounds. Before timing, every verdict is checked: the engine must report
 * exactly the generated defects, Ajv must agree with the engine on validity and on the fields in
 * error, submitStep must agree with finalize. Any failure exits 1; missing a target does not.
 *
 * Settings: BENCH_ENGINE_ROUNDS (default 7), BENCH_ENGINE_ROUND_MS (minimum length of a timed
 * round of a fast contender, default 150), BENCH_ENGINE_SURVEY_SECONDS (SurveyJS's share of the
 * timed rounds, default 20), BENCH_ENGINE_TIME_LIMIT (seconds since start after which no new round
 * starts, default 90; at least 3 rounds always run).
 */
import { cpus, loadavg, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { Model } from 'survey-core';
import { parseDefinition } from '../../src/definition/parse.ts';
import type { Answers, ServiceDefinition } from '../../src/definition/types.ts';
import { compile } from '../../src/engine/compile.ts';
import { dataSchema } from '../../src/engine/data-schema.ts';
import type { JsonSchema } from '../../src/engine/fields/contract.ts';
import type { EngineContext, FormModel } from '../../src/engine/model.ts';
import {
  ANSWER_SETS,
  type AnswerSet,
  generateAnswerSets,
  generateDefinition,
  TODAY,
  type Variant,
} from './generate.ts';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext types.
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ??
  addFormatsPlugin) as unknown as (ajv: Ajv2020) => Ajv2020;

const TARGET_AJV = 0.5;
const TARGET_SURVEY = 100;
const TARGET_COMPILE = 1;

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

const ROUNDS = intEnv('BENCH_ENGINE_ROUNDS', 7, 1);
const ROUND_MS = intEnv('BENCH_ENGINE_ROUND_MS', 150, 10);
/** Checked between rounds (everything is synchronous): no new round starts after it. */
const TIME_LIMIT_S = intEnv('BENCH_ENGINE_TIME_LIMIT', 90, 10);
/** Time for the slow contender (SurveyJS) over all its timed rounds, both variants. */
const SLOW_BUDGET_MS = intEnv('BENCH_ENGINE_SURVEY_SECONDS', 20, 1) * 1000;

const failures: string[] = [];
const notes: string[] = [];
const ctx: EngineContext = { today: TODAY };
const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** The same inputs in error (each once: a validator may report several problems of one input). */
const sameKeys = (a: readonly string[], b: readonly string[]) =>
  isDeepStrictEqual([...new Set(a)].sort(), [...new Set(b)].sort());
/** What an engine error points at: the field key, or `kinder-3-vorname` inside a group item. */
const errorId = (e: { inputId: string }) => e.inputId.slice('field-'.length);

// ---------------------------------------------------------------------------------------------
// Setup

const t0 = performance.now();
const gen = generateDefinition();
const parsed = parseDefinition(gen.definition);
if (!parsed.ok) {
  console.error('bench:engine: the generated definition is refused by parseDefinition:');
  for (const p of parsed.problems.slice(0, 10)) console.error(`  ${p.path}: ${p.message}`);
  process.exit(1);
}
const definition = parsed.definition;
const allFields = definition.steps.flatMap((s) => s.fields);
const groups = allFields.flatMap((f) => (f.type === 'group' ? [f] : []));
/** Answer fields with the group's items counted: 170 plain fields + 10 items × 3. */
const answerFieldCount =
  allFields.length - groups.length + groups.reduce((n, g) => n + g.maxItems * g.fields.length, 0);
const conditionCount =
  definition.steps.filter((s) => s.showIf !== undefined).length +
  allFields.filter((f) => f.showIf !== undefined).length;

const sets: Record<Variant, AnswerSet[]> = {
  A: generateAnswerSets(gen, 'A'),
  B: generateAnswerSets(gen, 'B'),
};

function withoutConditions(def: ServiceDefinition): ServiceDefinition {
  return {
    ...def,
    steps: def.steps.map(({ showIf: _s, ...step }) => ({
      ...step,
      fields: step.fields.map(({ showIf: _f, ...field }) => field),
    })),
  };
}

/** The data schema plus date limits as ajv-formats keywords (the data contract only documents them). */
function ajvSchema(def: ServiceDefinition): JsonSchema {
  const schema = dataSchema(def, 'urn:amtsweg:bench:engine');
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  const limits = (field: { min?: string; max?: string }) => ({
    ...(field.min !== undefined && { formatMinimum: field.min }),
    ...(field.max !== undefined && { formatMaximum: field.max }),
  });
  for (const field of def.steps.flatMap((s) => s.fields)) {
    if (field.type === 'date') properties[field.key] = { ...properties[field.key], ...limits(field) };
    if (field.type !== 'group') continue;
    // Inside the items of a repeating group: the same limits on each item's dates.
    const group = properties[field.key] as { items: { properties: Record<string, JsonSchema> } };
    const itemProperties = { ...group.items.properties };
    for (const child of field.fields)
      if (child.type === 'date')
        itemProperties[child.key] = { ...itemProperties[child.key], ...limits(child) };
    properties[field.key] = { ...group, items: { ...group.items, properties: itemProperties } };
  }
  return { ...schema, properties };
}

const schemas = { flat: ajvSchema(withoutConditions(definition)), conditional: ajvSchema(definition) };

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv;
}

const model: FormModel = compile(definition);
const ajvFlat: ValidateFunction = newAjv().compile(schemas.flat);
const ajvConditional: ValidateFunction = newAjv().compile(schemas.conditional);
const surveyBuildStart = performance.now();
const survey = new Model(gen.survey);
const surveyBuildMs = performance.now() - surveyBuildStart;
/** SurveyJS gets its own deep copies, so it can never touch what the other contenders read. */
const surveySets: Record<Variant, Answers[]> = {
  A: sets.A.map((s) => structuredClone(s.answers)),
  B: sets.B.map((s) => structuredClone(s.answers)),
};

// ---------------------------------------------------------------------------------------------
// Correctness (before timing)

function ajvErrorKeys(errors: readonly ErrorObject[] | null | undefined): string[] {
  const keys = new Set<string>();
  for (const e of errors ?? []) {
    const path = e.instancePath.split('/').slice(1);
    if (e.keyword === 'required')
      path.push(String((e.params as { missingProperty: string }).missingProperty));
    // `if`/`allOf` summaries at the root name no field; the required error beside them does.
    if (path.length === 0) continue;
    const [key, index, child] = path as [string, string | undefined, string | undefined];
    // An item of a repeating group (`/kinder/2/vorname`) is named like the engine's input id.
    if (
      child !== undefined &&
      index !== undefined &&
      /^[0-9]+$/.test(index) &&
      groups.some((g) => g.key === key)
    )
      keys.add(`${key}-${Number(index) + 1}-${child}`);
    else keys.add(key);
  }
  return [...keys];
}

function surveyErrorKeys(): string[] {
  // Questions that became hidden keep the errors of an earlier validate(); only visible ones count.
  const keys: string[] = [];
  for (const q of survey.getAllQuestions(true)) {
    if (!q.isParentVisible) continue;
    if (q.getType() === 'paneldynamic') {
      const panels = (
        q as unknown as { panels: Array<{ questions: Array<{ name: string; errors: unknown[] }> }> }
      ).panels;
      panels.forEach((panel, i) => {
        for (const inner of panel.questions)
          if (inner.errors.length > 0) keys.push(`${q.name}-${i + 1}-${inner.name}`);
      });
    }
    if (q.errors.length > 0) keys.push(q.name);
  }
  return keys;
}

function submitChain(set: AnswerSet): { answers: Answers; errorKeys: string[] } {
  let answers: Answers = {};
  const errorKeys: string[] = [];
  for (const { stepId, input } of set.raw) {
    const result = model.submitStep(stepId, input, answers, ctx);
    answers = result.answers;
    for (const e of result.errors) errorKeys.push(errorId(e));
  }
  return { answers, errorKeys };
}

function fail(message: string): void {
  if (failures.length < 20) failures.push(message);
  else if (failures.length === 20) failures.push('… (further failures not listed)');
}

/** The engine's verdict per set, for comparing SurveyJS's verdicts from the timed runs. */
const engineValid: Record<Variant, boolean[]> = { A: [], B: [] };
/** SurveyJS: fields in error compared on the first sets (validate(true) is as slow as the timed call). */
const SURVEY_KEY_SAMPLE = 6;
const surveyKeyAgreement: Record<Variant, { agree: number; checked: number; samples: string[] }> = {
  A: { agree: 0, checked: 0, samples: [] },
  B: { agree: 0, checked: 0, samples: [] },
};

for (const variant of ['A', 'B'] as const) {
  sets[variant].forEach((set, i) => {
    const where = `variant ${variant}, answer set ${i}`;
    const final = model.finalize(set.answers, ctx);
    const engineKeys = final.errors.map(errorId);
    const valid = engineKeys.length === 0;
    engineValid[variant].push(valid);
    if (!sameKeys(engineKeys, set.expectedErrors))
      fail(`${where}: engine reports [${engineKeys}] but the generated defects are [${set.expectedErrors}]`);
    if (valid && !isDeepStrictEqual(final.answers, set.answers))
      fail(`${where}: finalize dropped or changed answers of visible fields`);

    const chain = submitChain(set);
    if (!sameKeys(chain.errorKeys, engineKeys))
      fail(`${where}: submitStep reports [${chain.errorKeys}], finalize [${engineKeys}]`);
    if (!isDeepStrictEqual(chain.answers, set.answers))
      fail(`${where}: the answers built by submitStep from the raw input differ from the stored answers`);

    const ajvs: Array<[string, ValidateFunction]> = [['conditional', ajvConditional]];
    if (variant === 'A') ajvs.push(['flat', ajvFlat]);
    for (const [name, validate] of ajvs) {
      const ajvValid = validate(set.answers);
      const keys = ajvErrorKeys(validate.errors);
      if (ajvValid !== valid)
        fail(
          `${where}: Ajv (${name}) says ${ajvValid ? 'valid' : 'invalid'} [${keys}], engine [${engineKeys}]`,
        );
      else if (!sameKeys(keys, engineKeys))
        fail(`${where}: Ajv (${name}) reports fields [${keys}], engine [${engineKeys}]`);
    }

    if (i < SURVEY_KEY_SAMPLE) {
      survey.clear(true, true);
      survey.data = surveySets[variant][i] as Answers;
      const surveyValid = survey.validate(true);
      const surveyKeys = surveyErrorKeys();
      const agreement = surveyKeyAgreement[variant];
      agreement.checked += 1;
      if (surveyValid === valid && sameKeys(surveyKeys, engineKeys)) agreement.agree += 1;
      else if (agreement.samples.length < 2)
        agreement.samples.push(`set ${i}: SurveyJS [${surveyKeys}], engine [${engineKeys}]`);
    }
  });
}
survey.clear(true, true);
const setupMs = performance.now() - t0;

// ---------------------------------------------------------------------------------------------
// Throughput

interface Contender {
  name: string;
  variants: readonly Variant[];
  /** Validates the answer sets `from` … `from + count - 1` (mod 256) once; returns how many are invalid. */
  pass: (variant: Variant, from: number, count: number) => number;
  /** SurveyJS: too slow for all 256 sets per round; each round takes the next slice of them. */
  slow?: boolean;
}

function forSets<T>(
  list: readonly T[],
  from: number,
  count: number,
  check: (item: T, index: number) => boolean,
): number {
  let invalid = 0;
  for (let n = 0; n < count; n++) {
    const index = (from + n) % list.length;
    if (!check(list[index] as T, index)) invalid++;
  }
  return invalid;
}

/** SurveyJS's verdicts from the timed runs, per set index (undefined: not reached). */
const surveyValid: Record<Variant, Array<boolean | undefined>> = { A: [], B: [] };

const contenders: Contender[] = [
  {
    name: 'Amtsweg finalize',
    variants: ['A', 'B'],
    pass: (v, from, count) =>
      forSets(sets[v], from, count, (set) => model.finalize(set.answers, ctx).errors.length === 0),
  },
  {
    name: 'Amtsweg submitStep (all steps, raw input)',
    variants: ['A', 'B'],
    pass: (v, from, count) =>
      forSets(sets[v], from, count, (set) => {
        let answers: Answers = {};
        let errors = 0;
        for (const { stepId, input } of set.raw) {
          const result = model.submitStep(stepId, input, answers, ctx);
          answers = result.answers;
          errors += result.errors.length;
        }
        return errors === 0;
      }),
  },
  {
    name: 'Ajv flat (no conditions; ceiling)',
    variants: ['A'],
    pass: (v, from, count) => forSets(sets[v], from, count, (set) => ajvFlat(set.answers)),
  },
  {
    name: 'Ajv conditional (if/then/else)',
    variants: ['A', 'B'],
    pass: (v, from, count) => forSets(sets[v], from, count, (set) => ajvConditional(set.answers)),
  },
  {
    name: 'SurveyJS survey-core',
    variants: ['A', 'B'],
    slow: true,
    // `data =` replaces the whole value hash (survey-core 3.x), which is the clearing between calls;
    // survey.clear() is not called in the timed loop: its cost would only flatter the ratio.
    pass: (v, from, count) =>
      forSets(surveySets[v], from, count, (answers, index) => {
        survey.data = answers;
        const valid = survey.validate(false);
        surveyValid[v][index] = valid;
        return valid;
      }),
  },
];

interface Slot {
  contender: Contender;
  variant: Variant;
  /** Answer sets per timed pass, and passes per round. */
  sliceSize: number;
  reps: number;
  next: number;
  rates: number[];
}

const slots: Slot[] = [];
for (const contender of contenders) {
  for (const variant of contender.variants) {
    let sliceSize = ANSWER_SETS;
    let reps = 1;
    if (contender.slow) {
      // Warm-up and calibration on 4 sets, then a slice per round that fits the budget.
      contender.pass(variant, 0, 2);
      const start = performance.now();
      contender.pass(variant, 2, 4);
      const perSet = (performance.now() - start) / 4;
      const budgetPerRound = SLOW_BUDGET_MS / contender.variants.length / ROUNDS;
      sliceSize = Math.max(4, Math.min(ANSWER_SETS, Math.floor(budgetPerRound / perSet)));
    } else {
      let passMs = 0;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        contender.pass(variant, 0, ANSWER_SETS);
        passMs = performance.now() - start;
      }
      reps = Math.max(1, Math.ceil(ROUND_MS / Math.max(passMs, 0.01)));
    }
    slots.push({ contender, variant, sliceSize, reps, next: 0, rates: [] });
  }
}

let roundsDone = 0;
for (let round = 0; round < ROUNDS; round++) {
  if (round >= 3 && (performance.now() - t0) / 1000 > TIME_LIMIT_S) {
    notes.push(`stopped after ${round} rounds: the time limit of ${TIME_LIMIT_S} s was reached`);
    break;
  }
  for (const variant of ['A', 'B'] as const) {
    for (const slot of slots) {
      if (slot.variant !== variant) continue;
      const start = performance.now();
      for (let r = 0; r < slot.reps; r++) slot.contender.pass(variant, slot.next, slot.sliceSize);
      const seconds = (performance.now() - start) / 1000;
      slot.next = (slot.next + slot.sliceSize) % ANSWER_SETS;
      slot.rates.push((slot.reps * slot.sliceSize) / seconds);
    }
  }
  roundsDone += 1;
}

// The timed passes must see the same verdicts as the checks above.
for (const slot of slots) {
  if (slot.contender.slow) continue;
  const expected = engineValid[slot.variant].filter((v) => !v).length;
  const invalid = slot.contender.pass(slot.variant, 0, ANSWER_SETS);
  if (invalid !== expected)
    fail(
      `${slot.contender.name}, variant ${slot.variant}: ${invalid} invalid sets after timing, expected ${expected}`,
    );
}

// ---------------------------------------------------------------------------------------------
// Compile time

function timeCompileEngine(): number {
  // compile() is far below timer resolution per call: batches of 20, per-call time.
  const batch = 20;
  const start = performance.now();
  for (let i = 0; i < batch; i++) compile(definition);
  return (performance.now() - start) / batch;
}

function timeCompileAjv(schema: JsonSchema): number {
  const ajv = newAjv(); // a fresh instance: Ajv caches compiled schemas per instance
  const start = performance.now();
  ajv.compile(schema);
  return performance.now() - start;
}

/** Compile plus the first validation of a fresh copy: includes the engine's lazy per-definition work (regexes, option maps). */
function timeFirstEngine(def: ServiceDefinition, answers: Answers): number {
  const start = performance.now();
  compile(def).finalize(answers, ctx);
  return performance.now() - start;
}

function timeFirstAjv(schema: JsonSchema, answers: Answers): number {
  const ajv = newAjv();
  const start = performance.now();
  ajv.compile(schema)(answers);
  return performance.now() - start;
}

const COMPILE_SAMPLES = 9;
const COMPILE_WARMUP = 2;
const compileTimes = { engine: [] as number[], flat: [] as number[], conditional: [] as number[] };
const firstTimes = { engine: [] as number[], conditional: [] as number[] };
const firstAnswers = (sets.A[0] as AnswerSet).answers;
for (let i = 0; i < COMPILE_SAMPLES + COMPILE_WARMUP; i++) {
  const e = timeCompileEngine();
  const f = timeCompileAjv(schemas.flat);
  const c = timeCompileAjv(schemas.conditional);
  const copy = structuredClone(definition);
  const fe = timeFirstEngine(copy, firstAnswers);
  const fc = timeFirstAjv(structuredClone(schemas.conditional), firstAnswers);
  if (i < COMPILE_WARMUP) continue;
  compileTimes.engine.push(e);
  compileTimes.flat.push(f);
  compileTimes.conditional.push(c);
  firstTimes.engine.push(fe);
  firstTimes.conditional.push(fc);
}

// ---------------------------------------------------------------------------------------------
// Report

const rate = (name: string, variant: Variant): number | undefined => {
  const slot = slots.find((s) => s.contender.name.startsWith(name) && s.variant === variant);
  return slot ? median(slot.rates) : undefined;
};
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

const visibleStats = (variant: Variant) => {
  const counts = sets[variant].map((s) => s.visibleFields);
  return `${fmt(median(counts))} of ${answerFieldCount} visible (median; ${Math.min(...counts)}–${Math.max(...counts)})`;
};

console.log('Amtsweg engine benchmark (npm run bench:engine)');
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Linux ${release()}, Node ${process.version}, ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
console.log(
  `Definition: ${answerFieldCount} answer fields (${allFields.length} top-level, the group's items counted) on ` +
    `${definition.steps.length} steps, ${conditionCount} conditions ` +
    `(${definition.steps.filter((s) => s.showIf !== undefined).length} on steps); ` +
    `${ANSWER_SETS} distinct answer sets per variant, half invalid (1–3 defects each)`,
);
console.log(`Variant A: every condition true, ${visibleStats('A')}`);
console.log(`Variant B: ${visibleStats('B')}`);
for (const g of groups)
  console.log(
    `Repeating group "${g.label.de}": ${g.maxItems} items × ${g.fields.length} required fields, each item validated ` +
      `(Ajv: array of objects in the data contract; SurveyJS: paneldynamic)`,
  );
console.log(
  `Setup and correctness checks: ${fmt(setupMs)} ms; SurveyJS model built in ${fmt(surveyBuildMs, 1)} ms`,
);
console.log('');
console.log(
  `Validations/s (median of ${roundsDone} interleaved rounds; in brackets: answer sets validated per round — ` +
    'SurveyJS takes the next slice of the 256 sets each round):',
);
const nameWidth = Math.max(...contenders.map((c) => c.name.length));
console.log(
  `  ${'contender'.padEnd(nameWidth)}  ${'A: all visible'.padStart(26)}  ${'B: about half hidden'.padStart(26)}`,
);
for (const contender of contenders) {
  const cells = (['A', 'B'] as const).map((variant) => {
    const slot = slots.find((s) => s.contender === contender && s.variant === variant);
    if (!slot) return 'n/a (not equivalent)'.padStart(26);
    return `${fmt(median(slot.rates))} (${fmt(slot.reps * slot.sliceSize)})`.padStart(26);
  });
  console.log(`  ${contender.name.padEnd(nameWidth)}  ${cells.join('  ')}`);
}
console.log('');
console.log('Ratios (targets of issue 3):');
const engineA = rate('Amtsweg finalize', 'A') as number;
const engineB = rate('Amtsweg finalize', 'B') as number;
const flatA = rate('Ajv flat', 'A') as number;
const condA = rate('Ajv conditional', 'A') as number;
const condB = rate('Ajv conditional', 'B') as number;
const surveyA = rate('SurveyJS', 'A') as number;
const surveyB = rate('SurveyJS', 'B') as number;
const ratioLines: Array<[string, number, number, 'min']> = [
  ['A: engine / Ajv flat (ceiling)', engineA / flatA, TARGET_AJV, 'min'],
  ['B: engine / Ajv conditional (the only equivalent schema in B)', engineB / condB, TARGET_AJV, 'min'],
  ['A: engine / SurveyJS', engineA / surveyA, TARGET_SURVEY, 'min'],
  ['B: engine / SurveyJS', engineB / surveyB, TARGET_SURVEY, 'min'],
];
for (const [label, value, target] of ratioLines)
  console.log(
    `  ${label.padEnd(62)} ${value.toFixed(2).padStart(8)}  (target ≥ ${target}: ${verdict(value >= target)})`,
  );
console.log(
  `  ${'A: engine / Ajv conditional (for reference)'.padEnd(62)} ${(engineA / condA).toFixed(2).padStart(8)}`,
);
const submitA = rate('Amtsweg submitStep', 'A') as number;
const submitB = rate('Amtsweg submitStep', 'B') as number;
console.log(
  `  ${'submitStep chain / Ajv flat (A), / Ajv conditional (B)'.padEnd(62)} ${(submitA / flatA).toFixed(2).padStart(8)}, ${(submitB / condB).toFixed(2)}  (parses raw input too; no target)`,
);
console.log('');
const ce = median(compileTimes.engine);
const cf = median(compileTimes.flat);
const cc = median(compileTimes.conditional);
console.log(`Compile (median of ${COMPILE_SAMPLES}):`);
console.log(`  Amtsweg compile(definition)            ${ce.toFixed(3).padStart(9)} ms`);
console.log(`  Ajv compile(schema), conditional      ${cc.toFixed(3).padStart(9)} ms`);
console.log(`  Ajv compile(schema), flat             ${cf.toFixed(3).padStart(9)} ms`);
console.log(
  `  ratio engine / Ajv conditional         ${(ce / cc).toFixed(4).padStart(9)}  (target ≤ ${TARGET_COMPILE}: ${verdict(ce / cc <= TARGET_COMPILE)}); / Ajv flat ${(ce / cf).toFixed(4)}`,
);
const fe = median(firstTimes.engine);
const fc = median(firstTimes.conditional);
console.log(
  `  compile + first validation, fresh copy: Amtsweg ${fe.toFixed(3)} ms, Ajv conditional ${fc.toFixed(3)} ms ` +
    `(ratio ${(fe / fc).toFixed(4)}; includes the engine's lazily built regexes and option maps)`,
);
console.log('');
console.log('Correctness:');
for (const variant of ['A', 'B'] as const) {
  const seen = surveyValid[variant]
    .map((valid, i) => [valid, engineValid[variant][i]] as const)
    .filter(([valid]) => valid !== undefined);
  const agree = seen.filter(([a, b]) => a === b).length;
  const keys = surveyKeyAgreement[variant];
  console.log(
    `  SurveyJS vs engine, variant ${variant}: same validity on ${agree}/${seen.length} sets it validated; ` +
      `same fields in error on ${keys.agree}/${keys.checked} sampled sets` +
      (keys.samples.length > 0 ? ` (e.g. ${keys.samples.join('; ')})` : '') +
      ' (informational; the generated defects are all of kinds SurveyJS checks too)',
  );
}
for (const note of notes) console.log(`  ${note}`);
console.log(
  '  The FIM import target (1 MB XDatenfelder ≤ 3 × bare parse) is measured by bench/fim-import.ts, not here.',
);
if (failures.length > 0) {
  console.log(`  FAILED (${failures.length}):`);
  for (const f of failures) console.log(`    ${f}`);
  process.exitCode = 1;
} else {
  console.log(
    '  passed: engine = generated defects; Ajv (flat in A, conditional in A and B) agrees with the engine on validity ' +
      'and fields in error for every set; submitStep over raw input = finalize; timed runs saw the expected invalid counts',
  );
}
