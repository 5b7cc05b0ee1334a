/**
 * `amtsweg import-fim FILE [CODELIST.gc.xml ...]`: FIM XDatenfelder → definition JSON on stdout,
 * warnings on stderr, exit 1 with a one-line reason when refused. Extra files are genericode code
 * lists used to resolve `codelisteReferenz` (positional, so main.ts needs no new flags), before
 * the lists of the code list directories (`AMTSWEG_CODELIST_DIR`, the bundled `codelists/`).
 * Returns the exit code; the pure work is `importFim` in definition/fim.
 */
import { readFileSync } from 'node:fs';
import { codeListDirectory } from '../adapters/codelists/directory.ts';
import { type CodeList, FimImportError, importFim, parseGenericode } from '../definition/fim/index.ts';

export function importFimCommand(files: string[], codeListDirs: readonly string[] = []): number {
  const [file, ...listFiles] = files;
  if (!file) {
    console.error('amtsweg: import-fim needs a FILE (see amtsweg --help)');
    return 2;
  }
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      console.error(`amtsweg: cannot read ${path}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const codeLists: CodeList[] = [];
  for (const path of listFiles) {
    const text = read(path);
    if (text === undefined) return 1;
    try {
      codeLists.push(parseGenericode(text));
    } catch (error) {
      if (!(error instanceof FimImportError)) throw error;
      console.error(`amtsweg: ${path} was refused (${error.code}): ${error.message}`);
      return 1;
    }
  }
  const xml = read(file);
  if (xml === undefined) return 1;
  // Lists of the directories come after the files given (the importer takes the first match),
  // and are read only when the file refers to a code list at all: the AGS list alone takes a
  // third of a second to parse.
  if (xml.includes('codelisteReferenz')) {
    codeLists.push(
      ...codeListDirectory(codeListDirs, (path, message) =>
        console.error(`warning: ${path}: ${message}`),
      ).all(),
    );
  }
  const result = importFim(xml, { codeLists });
  if (!result.ok) {
    // One line, so scripts and the admin log can show it as is.
    console.error(
      `amtsweg: ${file} was refused (${result.error.code}): ${result.error.message.replace(/\s+/g, ' ')}`,
    );
    return 1;
  }
  for (const w of result.warnings) console.error(`warning: ${w.element}: ${w.message.de} (${w.message.en})`);
  process.stdout.write(`${JSON.stringify(result.definition, null, 2)}\n`);
  return 0;
}
