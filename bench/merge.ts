/**
 * `npm run bench:merge`: the readable diffs and the three-way merge of two 500-field definitions
 * (ADR 0045) against the definition check of one of them, in one run.
 *
 *  - Baseline: `parseDefinition` of the origin's new version as uploaded JSON (JSON Schema,
 *    semantic checks, uids, freezing), the check every definition passes before it is stored.
 *  - Merge: what the catalog does when a copy takes in the origin's new version: the diff of what
 *    changed upstream (base → theirs), the diff of what changed locally (base → ours) and
 *    `mergeDefinitions(base, ours, theirs)`, which ends with the definition check of its result.
 *
 * The definitions are generated deterministically: 10 steps of 50 fields (text, number, date,
 * select/radio with options, yes/no), conditions on the first step's answers, validations,
 * computed values and a fee. "Ours" changes the local settings, 20 labels, adds 5 fields and moves
 * 3; "theirs" changes 30 other labels, adds options to 10 fields, removes 5 fields, renames 5 keys,
 * adds 5 fields and retitles a step. Before timing, the merge must come out without conflicts and
 * hold every change of both sides; any failure exits 1. Rounds are interleaved and the figures are
 * medians over rounds. Target: merge ≤ 5 × baseline.
 *
 * Settings: BENCH_MERGE_ROUNDS (default 15), BENCH_MERGE_ROUND_MS (minimum length of a timed round
 * per contender, default 200).
 */
import { cpus, loadavg, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import { diffDefinitions } from '../src/definition/diff.ts';
import { mergeDefinitions } from '../src/definition/merge.ts';
import { parseDefinition } from '../src/definition/parse.ts';
import type { ServiceDefinition, Step } from '../src/definition/types.ts';
import { de, generateBase } from './generated-definition.ts';

const TARGET = 5;

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}
const ROUNDS = intEnv('BENCH_MERGE_ROUNDS', 15, 3);
const ROUND_MS = intEnv('BENCH_MERGE_ROUND_MS', 200, 10);

type Json = Record<string, unknown>;
const fieldsOf = (d: Json) => (d.steps as Step[]).flatMap((s) => s.fields) as unknown as Json[];

function oursOf(base: Json): Json {
  const d = structuredClone(base);
  (d.local as Json).office = { name: de('Gemeinde Beispielhausen, Bürgeramt') };
  (d.local as Json).fee = { label: de('Gebühr Beispielhausen'), rule: 1500 };
  const fields = fieldsOf(d);
  for (let i = 10; i < 30; i++) (fields[i * 3] as Json).label = de(`Unsere Frage ${i}`);
  const steps = d.steps as Step[];
  for (let i = 0; i < 5; i++) {
    steps[4]?.fields.splice(i * 3, 0, { type: 'text', key: `lokal${i}`, label: de(`Lokale Frage ${i}`) });
  }
  // Three fields of step 9 to the end of step 10 (no conditions read them).
  for (const key of ['text402', 'datum404', 'text408']) {
    const from = steps[8] as Step;
    const index = from.fields.findIndex((f) => f.key === key);
    steps[9]?.fields.push(...from.fields.splice(index, 1));
  }
  return d;
}

function theirsOf(base: Json): Json {
  const d = structuredClone(base);
  const fields = fieldsOf(d);
  for (let i = 100; i < 130; i++) (fields[i * 3 + 1] as Json).label = de(`Bessere Frage ${i}`);
  const choice = fields.filter((f) => f.type === 'select' || f.type === 'radio').slice(0, 10);
  for (const f of choice)
    (f.options as Json[]).push({ value: `neu-${f.key}`, label: de('Neue Möglichkeit') });
  const steps = d.steps as Step[];
  for (const key of ['text6', 'text12', 'janein17', 'datum20', 'text24']) {
    const step = steps.find((s) => s.fields.some((f) => f.key === key)) as Step;
    step.fields = step.fields.filter((f) => f.key !== key);
  }
  for (const key of ['wahl40', 'auswahl45', 'text48', 'datum50', 'wahl52']) {
    const field = fields.find((f) => f.key === key) as Json;
    field.key = `${key}Neu`;
  }
  for (let i = 0; i < 5; i++) {
    steps[6]?.fields.push({
      type: 'textarea',
      key: `upstream${i}`,
      label: de(`Neue Frage ${i}`),
      maxLength: 500,
    });
  }
  (steps[5] as Step).title = de('Schritt 6, besser benannt');
  return d;
}

function parsed(json: unknown, what: string): ServiceDefinition {
  const result = parseDefinition(json);
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.definition;
}

const baseJson = generateBase() as Json;
const base = parsed(baseJson, 'base');
const oursJson = oursOf(base as unknown as Json);
const theirsJson = theirsOf(base as unknown as Json);
const ours = parsed(oursJson, 'ours');
const theirs = parsed(theirsJson, 'theirs');
const answerFields = base.steps.reduce((sum, s) => sum + s.fields.length, 0);

// Verdict before timing: no conflicts, every change of both sides in the result.
const failures: string[] = [];
const verdict = mergeDefinitions(base, ours, theirs);
if (verdict.conflicts.length > 0)
  failures.push(`merge reported conflicts: ${JSON.stringify(verdict.conflicts[0])}`);
const mergedKeys = new Set(verdict.definition.steps.flatMap((s) => s.fields.map((f) => f.key)));
for (const key of ['lokal0', 'lokal4', 'upstream0', 'upstream4', 'wahl40Neu', 'text408']) {
  if (!mergedKeys.has(key)) failures.push(`merged result lacks ${key}`);
}
for (const key of ['text6', 'wahl40'])
  if (mergedKeys.has(key)) failures.push(`merged result still has ${key}`);
if (verdict.definition.local.fee?.rule !== 1500) failures.push('the local fee is not ours');
const upstreamChanges = diffDefinitions(base, theirs).length;
const localChanges = diffDefinitions(base, ours).length;
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}

const contenders = {
  check: () => parseDefinition(theirsJson),
  merge: () => {
    diffDefinitions(base, theirs);
    diffDefinitions(base, ours);
    return mergeDefinitions(base, ours, theirs);
  },
};
type Name = keyof typeof contenders;

/** Milliseconds per call over one round of at least ROUND_MS. */
function round(run: () => unknown): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ROUND_MS) {
    run();
    calls++;
    now = performance.now();
  }
  return (now - start) / calls;
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// Warm-up (JIT, the schema's compilation), then interleaved timed rounds.
for (const run of Object.values(contenders)) round(run);
const times: Record<Name, number[]> = { check: [], merge: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const name of Object.keys(contenders) as Name[]) times[name].push(round(contenders[name]));
}

const check = median(times.check);
const merge = median(times.merge);
const ratio = merge / check;
console.log(
  `bench:merge — ${release()} Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `definitions: ${answerFields} fields in ${base.steps.length} steps; ${upstreamChanges} changes upstream, ${localChanges} local; merged without conflicts`,
);
console.log(`rounds: ${ROUNDS} × ≥ ${ROUND_MS} ms per contender, medians`);
console.log(`definition check (parseDefinition, one definition): ${check.toFixed(2)} ms`);
console.log(`diff upstream + diff local + three-way merge (with its check): ${merge.toFixed(2)} ms`);
console.log(`ratio: ${ratio.toFixed(2)} × (target ≤ ${TARGET} ×) ${ratio <= TARGET ? 'met' : 'MISSED'}`);
