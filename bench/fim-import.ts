/**
 * `npm run bench:fim`: importing the generated ~1 MB XDatenfelder file (scripts/generate-fim.ts)
 * against a bare parse of the same string with the same XML parser (saxes, the same options the
 * importer uses: xmlns and position tracking on, no handlers). Target of issue 3: import ≤ 3 × bare
 * parse, medians of the same run.
 *
 * Both are run interleaved (bare, import, bare, import, ...) after a warm-up, so drift of the
 * machine (turbo, other load) hits both alike. Prints the medians, the ratio and, with
 * BENCH_FIM_PHASES=1, the split of the import into tree build, reading + mapping and the final
 * parseDefinition check. Settings: BENCH_FIM_RUNS (timed runs each, default 15),
 * BENCH_FIM_WARMUP (default 5), BENCH_FIM_BYTES (default 1000000). Exits 1 when the import fails
 * or the ratio exceeds the target (so CI can use it); BENCH_FIM_NO_FAIL=1 only reports.
 */
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import { generateFimXml } from '../scripts/generate-fim.ts';
import { importFim } from '../src/definition/fim/index.ts';
import { FimMapper } from '../src/definition/fim/map.ts';
import { FimReader, NAMESPACES } from '../src/definition/fim/read.ts';
import { child, parseXml } from '../src/definition/fim/xml.ts';
import { parseDefinition } from '../src/definition/parse.ts';

const TARGET = 3;

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

const runs = intEnv('BENCH_FIM_RUNS', 15, 1);
const warmup = intEnv('BENCH_FIM_WARMUP', 5, 0);
const bytes = intEnv('BENCH_FIM_BYTES', 1_000_000, 1_000);
const xml = generateFimXml(bytes);

function bareParse(): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.write(xml).close();
}

let fields = 0;
let warnings = 0;
function fullImport(): void {
  const result = importFim(xml);
  if (!result.ok) throw new Error(`import failed: ${result.error.code}: ${result.error.message}`);
  fields = result.definition.steps.reduce((n, s) => n + s.fields.length, 0);
  warnings = result.warnings.length;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The import's phases, timed separately (same code path as importFim, see import.ts). */
function phases(): { tree: number; readMap: number; check: number } {
  const ns = NAMESPACES['3.0.0'];
  let root = parseXml('<x/>');
  const tree = time(() => {
    root = parseXml(xml);
  });
  let definition: ReturnType<FimMapper['map']>;
  const readMap = time(() => {
    const element = child(root, ns, 'stammdatenschema');
    if (!element) throw new Error('no stammdatenschema');
    const doc = new FimReader(ns, '3.0.0').readDocument(root, 'stammdatenschema', element);
    definition = new FimMapper([]).map(doc);
  });
  const check = time(() => {
    if (!parseDefinition(definition, { adopt: true }).ok) throw new Error('invalid definition');
  });
  return { tree, readMap, check };
}

for (let i = 0; i < warmup; i++) {
  bareParse();
  fullImport();
}
const bare: number[] = [];
const full: number[] = [];
for (let i = 0; i < runs; i++) {
  bare.push(time(bareParse));
  full.push(time(fullImport));
}
const bareMedian = median(bare);
const importMedian = median(full);
const ratio = importMedian / bareMedian;

const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
console.log(
  `FIM import bench: ${(xml.length / 1e6).toFixed(2)} MB (${xml.length} chars), ${fields} fields, ${warnings} warnings; ${runs} runs each after ${warmup} warm-up, interleaved; node ${process.version}`,
);
console.log(`bare parse (saxes, xmlns+position)  median ${fmt(bareMedian)}`);
console.log(`importFim (incl. parseDefinition)    median ${fmt(importMedian)}`);
if (process.env.BENCH_FIM_PHASES === '1') {
  const p = Array.from({ length: runs }, phases);
  console.log(`  tree build (parseXml)              median ${fmt(median(p.map((x) => x.tree)))}`);
  console.log(`  reading + mapping                  median ${fmt(median(p.map((x) => x.readMap)))}`);
  console.log(`  parseDefinition check              median ${fmt(median(p.map((x) => x.check)))}`);
}
const verdict = ratio <= TARGET ? 'ok' : 'ABOVE TARGET';
console.log(`ratio import / bare parse: ${ratio.toFixed(2)} × (target ≤ ${TARGET} ×) ${verdict}`);
if (ratio > TARGET && process.env.BENCH_FIM_NO_FAIL !== '1') process.exitCode = 1;
