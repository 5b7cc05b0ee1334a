/**
 * Every demo definition in definitions/ parses, compiles, and together they exercise every field
 * type and a step-level condition (so the demo is a real end-to-end fixture for the web layer).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoDefinitionFiles } from '../../test/support/demo-definitions.ts';
import { FIELD_TYPES } from '../definition/field-types/table.ts';
import { parseDefinition } from '../definition/parse.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { compile } from './compile.ts';

// As publishing resolves them: code list references become a snapshot of options.
const files = await demoDefinitionFiles();

describe('demo definitions', () => {
  const parsed: ServiceDefinition[] = [];

  it('exist', () => {
    assert.ok(files.length >= 4);
  });

  for (const { file, json } of files) {
    it(`${file} parses and compiles`, () => {
      const result = parseDefinition(json);
      assert.ok(result.ok, `${file}: ${JSON.stringify(!result.ok && result.problems, null, 2)}`);
      assert.equal(`${result.definition.id}.json`, file.split('/')[1], 'file name matches the id');
      assert.match(result.definition.leikaKey ?? '', /^\d{14}$/);
      for (const step of result.definition.steps) {
        assert.ok(step.title.en, `${file} ${step.id} has an English title`);
      }
      const model = compile(result.definition);
      assert.ok(model.applicableSteps({}).length > 0);
      parsed.push(result.definition);
    });
  }

  it('together use every field type and a step-level condition', () => {
    const used = new Set(parsed.flatMap((d) => d.steps.flatMap((s) => s.fields.map((f) => f.type))));
    assert.deepEqual(
      [...FIELD_TYPES].filter((t) => !used.has(t)),
      [],
    );
    assert.ok(parsed.some((d) => d.steps.some((s) => s.showIf !== undefined)));
  });
});
