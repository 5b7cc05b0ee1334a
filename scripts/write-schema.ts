/**
 * Writes schemas/service-definition.json from src/definition/schema.ts, the single source of the
 * format's JSON Schema (definition/ must not read files, so the schema lives there as a module),
 * and schemas/service-package.json from src/definition/package/format.ts (ADR 0051).
 * Run after changing the schema: `node --import tsx scripts/write-schema.ts`.
 * src/definition/schema.test.ts fails when the committed file drifts from the module.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { servicePackageSchema } from '../src/definition/package/format.ts';
import { serviceDefinitionSchema } from '../src/definition/schema.ts';

const target = fileURLToPath(new URL('../schemas/service-definition.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(serviceDefinitionSchema, null, 2)}\n`);
console.log(`wrote ${target}`);

const packageTarget = fileURLToPath(new URL('../schemas/service-package.json', import.meta.url));
writeFileSync(packageTarget, `${JSON.stringify(servicePackageSchema, null, 2)}\n`);
console.log(`wrote ${packageTarget}`);
