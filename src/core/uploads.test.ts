import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceDefinition } from '../definition/types.ts';
import type { FileRef } from '../engine/fields/file-refs.ts';
import { cleanFileName, hasRoom, withFile, withoutFile } from './uploads.ts';

const ref = (n: string): FileRef => ({
  id: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5${n}`,
  name: `${n}.pdf`,
  mediaType: 'application/pdf',
  size: 10,
  sha256: 'a'.repeat(64),
});
const definition = {
  steps: [
    {
      id: 's',
      title: { de: 'S' },
      fields: [{ type: 'file', key: 'nachweis', label: { de: 'N' }, maxFiles: 2 }],
    },
  ],
} as unknown as ServiceDefinition;
const field = definition.steps[0]!.fields[0] as Extract<
  ServiceDefinition['steps'][0]['fields'][0],
  { type: 'file' }
>;

describe('uploads', () => {
  it('cleans file names: no paths, no control or direction characters, at most 200 characters', () => {
    assert.equal(cleanFileName('C:\\Users\\erika\\Scan.pdf'), 'Scan.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('a\r\nb\u0000.pdf'), 'ab.pdf');
    assert.equal(cleanFileName('rechnung\u202Efdp.exe'), 'rechnungfdp.exe');
    assert.equal(cleanFileName('   '), 'Datei');
    const long = cleanFileName(`${'x'.repeat(300)}.pdf`);
    assert.equal(long.length, 200);
    assert.ok(long.endsWith('.pdf'));
  });

  it('keeps the answer in step with the stored files, within maxFiles', () => {
    let answers = withFile({}, 'nachweis', ref('a'));
    assert.equal(hasRoom(field, answers), true);
    answers = withFile(answers, 'nachweis', ref('b'));
    assert.equal(hasRoom(field, answers), false);
    answers = withoutFile(answers, definition, ref('a').id)!;
    assert.deepEqual(answers, { nachweis: [ref('b')] });
    assert.deepEqual(withoutFile(answers, definition, ref('b').id), {});
    assert.equal(withoutFile(answers, definition, 'unknown'), undefined);
  });
});
