import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// @ts-expect-error: a plain JavaScript script without type declarations.
import { findEscapes } from '../../scripts/check-self-contained.mjs';

const root = '/repo';
/** Where the paths that leave the repository lead (absolute, so this file has no such literal). */
const escapes = (source: string, file = 'test/http/some.test.ts'): string[] =>
  (findEscapes(source, file, root) as Array<{ resolved: string }>).map((f) => f.resolved);

describe('the self-contained check', () => {
  test('finds data read from beside the repository, however the path is built', () => {
    assert.deepEqual(escapes("new URL('../../../../elsewhere/data/codelists/', import.meta.url)"), [
      '/elsewhere/data/codelists',
    ]);
    assert.deepEqual(escapes("join(repoRoot, '..', 'elsewhere', 'data', 'x.xml')"), [
      '/elsewhere/data/x.xml',
    ]);
    assert.deepEqual(escapes("path.resolve(process.cwd(), '../elsewhere')"), ['/elsewhere']);
    assert.deepEqual(escapes("readFileSync('../../../../elsewhere/x.xml')", 'src/a/b.ts'), [
      '/elsewhere/x.xml',
    ]);
    assert.deepEqual(
      escapes("join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')", 'src/web/x.ts'),
      ['/'],
    );
  });

  test("accepts paths inside the repository, such as the server's way to its package root", () => {
    assert.deepEqual(
      escapes("join(dirname(fileURLToPath(import.meta.url)), '..', '..')", 'src/web/x.ts'),
      [],
    );
    assert.deepEqual(
      escapes("new URL('../../../codelists/', import.meta.url)", 'src/definition/fim/a.test.ts'),
      [],
    );
    assert.deepEqual(escapes("join(repoRoot, 'codelists', 'x.gc.xml')"), []);
    // A constant of the file is followed to where it points.
    const fixtures = "const fixtures = join(import.meta.dirname, '..', 'fixtures');";
    assert.deepEqual(
      escapes(`${fixtures} join(fixtures, '..', '..', 'definitions')`, 'test/http/a.test.ts'),
      [],
    );
    assert.deepEqual(
      escapes(`${fixtures} join(fixtures, '..', '..', '..', 'elsewhere')`, 'test/http/a.test.ts'),
      ['/elsewhere'],
    );
    assert.deepEqual(escapes("['a', 'b'].join('/'); Promise.resolve('..')"), []);
    assert.deepEqual(escapes("import x from '../../../outside.ts';"), []);
  });
});
