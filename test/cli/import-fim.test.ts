import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseDefinition } from '../../src/definition/parse.ts';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';
import { repoRoot } from '../support/app.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'fim');
const familienstandList = join(repoRoot, 'codelists', 'xoev-familienstand-dsmeld1401-v2.gc.xml');
const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-import-fim-'));

/** `amtsweg import-fim ...` in a child process, as an operator would run it. */
function importFim(...args: string[]) {
  const result = spawnSync(process.execPath, amtswegArgs('import-fim', ...args), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AMTSWEG_DATA_DIR: dataDir, ...AMTSWEG_COMMAND_ENV },
    timeout: 60_000,
  });
  const stderrLines = result.stderr.split('\n').filter((l) => l !== '');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, stderrLines };
}

function definitionFrom(stdout: string) {
  const parsed = parseDefinition(JSON.parse(stdout));
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.problems));
  return parsed.definition;
}

describe('amtsweg import-fim', { concurrency: 4 }, () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('a good file: exit 0, a valid definition as JSON on stdout, warnings on stderr', () => {
    const result = importFim(join(fixtures, 'v3-rich.xml'));
    assert.equal(result.code, 0, result.stderr);
    const definition = definitionFrom(result.stdout);
    assert.equal(definition.id, 'hund-anmelden');
    assert.ok(result.stderrLines.length > 0);
    for (const line of result.stderrLines) assert.match(line, /^warning: \S+ \S+: /);
    assert.ok(result.stderrLines.some((l) => /^warning: Regel R99000001: .*not enforced/.test(l)));
    // stdout is the definition only: nothing else mixed in
    assert.doesNotMatch(result.stdout, /warning:/);
  });

  test('code list files after FILE, and the code list directories, resolve codelisteReferenz', () => {
    // Familienstand is one of the bundled lists (codelists/): it resolves without a file given.
    const bundled = importFim(join(fixtures, 'familienstand.xml'));
    assert.equal(bundled.code, 0, bundled.stderr);
    const resolved = definitionFrom(bundled.stdout).steps[0]?.fields[0];
    assert.equal(resolved?.type, 'select');
    assert.deepEqual(resolved?.type === 'select' ? resolved.codeList : undefined, {
      uri: 'urn:de:dsmeld:schluesseltabelle:familienstand',
      version: '2',
    });
    assert.ok(!bundled.stderrLines.some((l) => l.includes('F92000001')));

    // A list that is nowhere: a warning and a text field that accepts the code.
    const unknownXml = join(dataDir, 'unknown-list.xml');
    writeFileSync(
      unknownXml,
      readFileSync(join(fixtures, 'familienstand.xml'), 'utf8').replaceAll(
        'urn:de:dsmeld:schluesseltabelle:familienstand',
        'urn:example:nicht-vorhanden',
      ),
    );
    const without = importFim(unknownXml);
    assert.equal(without.code, 0, without.stderr);
    assert.equal(definitionFrom(without.stdout).steps[0]?.fields[0]?.type, 'text');
    assert.ok(
      without.stderrLines.some((l) =>
        /F92000001: Die Codeliste .* wurde nicht gefunden.*\(code list .* could not be resolved/.test(l),
      ),
    );

    const withList = importFim(join(fixtures, 'familienstand.xml'), familienstandList);
    assert.equal(withList.code, 0, withList.stderr);
    const field = definitionFrom(withList.stdout).steps[0]?.fields[0];
    assert.equal(field?.type, 'select');
    assert.equal(field?.type === 'select' ? field.options.length : 0, 10);
    assert.ok(!withList.stderrLines.some((l) => l.includes('F92000001')));
  });

  const refused: Array<[string, string]> = [
    ['malformed.xml', 'FIM_MALFORMED_XML'],
    ['wrong-namespace.xml', 'FIM_WRONG_NAMESPACE'],
    ['unsupported-version.xml', 'FIM_UNSUPPORTED_VERSION'],
    ['xxe.xml', 'FIM_DOCTYPE_REFUSED'],
    ['billion-laughs.xml', 'FIM_DOCTYPE_REFUSED'],
    ['duplicate-id.xml', 'FIM_DUPLICATE_ID'],
    ['empty.xml', 'FIM_EMPTY_SCHEMA'],
    ['too-deep.xml', 'FIM_TOO_DEEP'],
  ];
  for (const [file, code] of refused) {
    test(`${file} is refused: exit 1, nothing on stdout, one line naming ${code}`, () => {
      const result = importFim(join(fixtures, file));
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(result.stderrLines.length, 1, result.stderr);
      assert.match(
        result.stderrLines[0] ?? '',
        new RegExp(`^amtsweg: .*${file} was refused \\(${code}\\): \\S`),
      );
    });
  }

  test('a file that cannot be read: exit 1, one line', () => {
    const result = importFim(join(fixtures, 'does-not-exist.xml'));
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderrLines.length, 1);
    assert.match(result.stderrLines[0] ?? '', /^amtsweg: cannot read .*does-not-exist\.xml/);
  });

  test('a code list file that is not genericode: exit 1, one line', () => {
    const result = importFim(join(fixtures, 'familienstand.xml'), join(fixtures, 'v3-rich.xml'));
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderrLines.length, 1);
    assert.match(result.stderrLines[0] ?? '', /v3-rich\.xml was refused \(FIM_INVALID_CODELIST\)/);
  });

  test('without a file: usage error, exit 2', () => {
    const result = importFim();
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /import-fim needs a FILE/);
  });
});
