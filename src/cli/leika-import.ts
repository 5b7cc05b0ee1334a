/**
 * `amtsweg leika-import FILE [--replace]` (ADR 0053): imports the official LeiKa CSV into the
 * installation's catalogue. Exit 0 imported; 1 nothing imported (a catalogue exists without
 * --replace, no valid row, unreadable file); 2 not a LeiKa CSV. Skipped rows go to stderr with
 * their line numbers; the counts to stdout.
 */
import { readFileSync } from 'node:fs';
import { importLeikaCatalogue } from '../core/leika/catalogue.ts';
import type { SkippedRow } from '../core/leika/csv.ts';
import type { Clock, Store } from '../core/ports.ts';

const REASONS: Record<SkippedRow['reason'], string> = {
  'key-malformed': 'the key is not 14 digits',
  'name-missing': 'no Bezeichnung',
  'key-duplicate': 'the key came before',
};

function reportSkipped(skipped: readonly SkippedRow[]): void {
  for (const row of skipped) {
    console.error(`line ${row.line}: skipped, ${REASONS[row.reason]}: "${row.key}"`);
  }
}

/** Reads FILE before the database is opened, so an unreadable file changes nothing. */
export function readImportFile(file: string | undefined): Buffer | number {
  if (!file) {
    console.error('amtsweg: leika-import needs a FILE (the LeiKa CSV; see amtsweg --help)');
    return 2;
  }
  try {
    return readFileSync(file);
  } catch (error) {
    console.error(`amtsweg: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
}

export async function leikaImportCommand(
  deps: { store: Store; clock: Clock },
  file: string,
  bytes: Buffer,
  replace: boolean,
): Promise<number> {
  const outcome = await importLeikaCatalogue(deps, bytes, { replace });
  switch (outcome.kind) {
    case 'not-leika':
      console.error(
        `amtsweg: ${file} is not a LeiKa CSV: ${outcome.message.replace(/\s+/g, ' ')}. Nothing changed.`,
      );
      return 2;
    case 'empty':
      reportSkipped(outcome.skipped);
      console.error(`amtsweg: ${file} has no row with a valid key and name. Nothing changed.`);
      return 1;
    case 'exists':
      console.error(
        `amtsweg: a LeiKa catalogue was imported at ${outcome.importedAt}; add --replace to replace it. Nothing changed.`,
      );
      return 1;
    case 'imported':
      reportSkipped(outcome.skipped);
      console.log(
        `LeiKa catalogue ${outcome.replaced ? `replaced (was imported at ${outcome.replaced})` : 'imported'}: ` +
          `${outcome.imported} entries, ${outcome.skipped.length} rows skipped ` +
          `(format ${outcome.format}, encoding ${outcome.encoding})`,
      );
      return 0;
  }
}
