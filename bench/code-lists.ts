/**
 * `node --import tsx bench/code-lists.ts`: what a long code list costs — reading the AGS list
 * (11,227 municipalities), resolving and checking a definition that uses it (publish), compiling
 * it, matching typed text, and the size of what a step page carries. Figures in docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeListDirectory } from '../src/adapters/codelists/directory.ts';
import { BUNDLED_CODELIST_DIR } from '../src/config.ts';
import { resolveCodeLists } from '../src/core/code-lists.ts';
import { parseGenericode } from '../src/definition/fim/index.ts';
import { parseDefinition } from '../src/definition/parse.ts';
import type { ServiceDefinition } from '../src/definition/types.ts';
import { compile } from '../src/engine/compile.ts';
import { matchOptions } from '../src/engine/fields/option-search.ts';
import { withoutLongLists } from '../src/engine/fields/search-select.ts';
import { repoRoot } from './common.ts';

function time<T>(label: string, runs: number, fn: () => T): T {
  let result: T | undefined;
  const started = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  const ms = (performance.now() - started) / runs;
  console.log(`${label.padEnd(58)} ${ms < 1 ? ms.toFixed(3) : ms.toFixed(1)} ms`);
  return result as T;
}

const agsXml = readFileSync(join(BUNDLED_CODELIST_DIR, 'xoev-ags-2026-04-30.gc.xml'), 'utf8');
time('parse the AGS genericode file (3.2 MB, 11,227 rows)', 5, () => parseGenericode(agsXml));

const input = JSON.parse(
  readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'bewohnerparkausweis.json'), 'utf8'),
) as unknown;
const dir = codeListDirectory([BUNDLED_CODELIST_DIR]);
let started = performance.now();
const resolved = await resolveCodeLists(input, dir);
console.log(
  `${'resolve the reference, first time (scans and parses the directory)'.padEnd(58)} ${(performance.now() - started).toFixed(1)} ms`,
);
started = performance.now();
await resolveCodeLists(input, dir);
console.log(
  `${'resolve again (parsed lists cached by mtime and size)'.padEnd(58)} ${(performance.now() - started).toFixed(1)} ms`,
);
if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
const definition = time('parseDefinition (schema + semantics) with 11,227 options', 5, () => {
  const r = parseDefinition(resolved.definition);
  if (!r.ok) throw new Error('does not parse');
  return r.definition;
}) as ServiceDefinition;
const model = time('compile', 20, () => compile(definition));
const field = definition.steps[1]?.fields.find((f) => f.key === 'hauptwohnsitzGemeinde');
if (field?.type !== 'select') throw new Error('no municipality field');
matchOptions(field.options, 'index');
time('match "Buchholz" (several)', 200, () => matchOptions(field.options, 'Buchholz'));
time('match "Hannover" (one, by name)', 200, () => matchOptions(field.options, 'Hannover'));
time('match "03241001" (one, by code)', 200, () => matchOptions(field.options, '03241001'));
time('submitStep "wohnung" with the municipality', 200, () =>
  model.submitStep(
    'wohnung',
    {
      strasse: 'A',
      hausnummer: '1',
      plz: '38302',
      ort: 'M',
      zone: 'a',
      hauptwohnsitz: 'no',
      hauptwohnsitzGemeinde: 'Buchholz',
    },
    {},
    { today: '2026-01-01' },
  ),
);
const html = model.renderField({
  field,
  value: undefined,
  raw: { hauptwohnsitzGemeinde: 'Buchholz' },
  error: undefined,
  locale: 'de',
}).value;
console.log(`${'rendered field, several matches'.padEnd(58)} ${html.length} bytes`);
console.log(
  `${'published definition JSON (stored once per version)'.padEnd(58)} ${JSON.stringify(definition).length} bytes`,
);
console.log(
  `${'definition the browser reads (its own resource, ADR 0022)'.padEnd(58)} ${JSON.stringify(withoutLongLists(definition)).length} bytes`,
);
