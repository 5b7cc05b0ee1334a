/**
 * Code lists from directories of genericode files (`*.gc.xml`): the repository's `codelists/` and
 * the operator's `AMTSWEG_CODELIST_DIR`. Files are parsed on first use and again only when their
 * size or modification time changes, so an operator can drop in a new version of a list without
 * a restart. A file that cannot be read or is not a valid code list is reported (once per
 * change) and skipped; it never takes the other lists down with it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeListSource } from '../../core/code-lists.ts';
import { type CodeList, FimImportError, parseGenericode } from '../../definition/fim/index.ts';

interface Entry {
  stamp: string;
  list: CodeList | undefined;
}

export type CodeListDirectory = CodeListSource;

const numeric = new Intl.Collator('en', { numeric: true });

/**
 * `dirs` in order of precedence: when two files hold the same list and version, the first
 * directory's wins (the operator's directory comes first).
 */
export function codeListDirectory(
  dirs: readonly string[],
  onProblem: (file: string, message: string) => void = () => {},
): CodeListDirectory {
  const cache = new Map<string, Entry>();

  const scan = (): CodeList[] => {
    const lists: CodeList[] = [];
    for (const dir of dirs) {
      let names: string[];
      try {
        names = readdirSync(dir)
          .filter((n) => n.endsWith('.gc.xml'))
          .sort();
      } catch (error) {
        onProblem(dir, `cannot read the code list directory: ${(error as Error).message}`);
        continue;
      }
      for (const name of names) {
        const file = join(dir, name);
        let stamp: string;
        try {
          const st = statSync(file);
          stamp = `${st.size}:${st.mtimeMs}`;
        } catch {
          continue; // removed meanwhile
        }
        let entry = cache.get(file);
        if (!entry || entry.stamp !== stamp) {
          entry = { stamp, list: undefined };
          try {
            entry.list = parseGenericode(readFileSync(file, 'utf8'));
          } catch (error) {
            if (!(error instanceof FimImportError) && (error as NodeJS.ErrnoException).code === undefined)
              throw error;
            onProblem(file, `not used: ${(error as Error).message}`);
          }
          cache.set(file, entry);
        }
        if (entry.list) lists.push(entry.list);
      }
    }
    return lists;
  };

  return {
    async find(uri, version) {
      const candidates = scan().filter((l) => l.canonicalUri === uri || l.canonicalVersionUri === uri);
      if (version !== undefined)
        return candidates.find((l) => l.version === version || l.canonicalVersionUri === version);
      // The newest version: XÖV versions are dates (2026-04-30) or numbers (2, 10); compare both.
      let newest: CodeList | undefined;
      for (const l of candidates) {
        if (!newest || numeric.compare(l.version ?? '', newest.version ?? '') > 0) newest = l;
      }
      return newest;
    },
    describe: () => (dirs.length === 0 ? 'none configured' : dirs.join(', ')),
    all: scan,
  };
}
