/**
 * The demo definitions in definitions/, with their code list references resolved from the bundled
 * codelists/ as publishing does (so tests see what a published version holds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { codeListDirectory } from '../../src/adapters/codelists/directory.ts';
import { BUNDLED_CODELIST_DIR } from '../../src/config.ts';
import { resolveCodeLists } from '../../src/core/code-lists.ts';

const root = new URL('../../definitions/', import.meta.url);

export const bundledCodeLists = codeListDirectory([BUNDLED_CODELIST_DIR]);

/** `{ file: 'musterstadt/hund-anmelden.json', json }`, sorted; `json` resolved, not yet parsed. */
export async function demoDefinitionFiles(): Promise<Array<{ file: string; json: unknown }>> {
  const out: Array<{ file: string; json: unknown }> = [];
  for (const tenant of readdirSync(root, { withFileTypes: true })) {
    if (!tenant.isDirectory()) continue;
    for (const name of readdirSync(new URL(`${tenant.name}/`, root)).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = `${tenant.name}/${name}`;
      const resolved = await resolveCodeLists(
        JSON.parse(readFileSync(new URL(file, root), 'utf8')),
        bundledCodeLists,
      );
      if (!resolved.ok) throw new Error(`${file}: ${JSON.stringify(resolved.problems)}`);
      out.push({ file, json: resolved.definition });
    }
  }
  return out;
}
