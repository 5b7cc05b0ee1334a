import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { serviceDefinitionSchema } from './schema.ts';

it('schemas/service-definition.json equals the schema module (run scripts/write-schema.ts)', () => {
  // Compared as data, not text, so formatting the JSON file does not count as drift.
  const file = JSON.parse(
    readFileSync(new URL('../../schemas/service-definition.json', import.meta.url), 'utf8'),
  );
  assert.deepEqual(file, JSON.parse(JSON.stringify(serviceDefinitionSchema)));
});
