import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefinition } from '../definition/parse.ts';
import { compile } from './compile.ts';

const ctx = { today: '2025-06-01' };

function model() {
  const result = parseDefinition({
    formatVersion: 2,
    id: 'controls',
    title: { de: 'Steuerzeichen' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'eins',
        title: { de: 'Eins' },
        fields: [
          { type: 'text', key: 'name', label: { de: 'Name', en: 'Name' } },
          { type: 'textarea', key: 'notiz', label: { de: 'Notiz', en: 'Note' } },
          { type: 'date', key: 'tag', label: { de: 'Tag', en: 'Day' } },
          {
            type: 'group',
            key: 'kinder',
            label: { de: 'Kinder', en: 'Children' },
            itemLabel: { de: 'Kind', en: 'Child' },
            maxItems: 3,
            fields: [{ type: 'text', key: 'vorname', label: { de: 'Vorname', en: 'First name' } }],
          },
        ],
      },
    ],
    local: { office: { name: { de: 'Amt' } } },
  });
  assert.ok(result.ok, JSON.stringify(result));
  return compile(result.definition);
}

describe('control characters in posted input', () => {
  it('are refused in single-line text, with a message in German and English, and nothing is kept', () => {
    const m = model();
    for (const bad of ['A\u0000B', 'A\tB', 'A\nB', 'A\u001bB', 'A\u007fB', 'A\u0085B']) {
      const result = m.submitStep('eins', { name: bad }, { name: 'vorher' }, ctx);
      assert.equal(result.errors.length, 1, JSON.stringify(bad));
      assert.equal(result.errors[0]?.inputId, 'field-name');
      assert.match(result.errors[0]?.message.de ?? '', /^Die Antwort enthält Steuerzeichen/);
      assert.match(result.errors[0]?.message.en ?? '', /^The answer contains control characters/);
      assert.deepEqual(result.answers, { name: 'vorher' }, 'the earlier answer stays, nothing new is kept');
    }
  });

  it('multi-line text may hold tabs and line breaks, nothing else', () => {
    const m = model();
    const ok = m.submitStep('eins', { notiz: 'Zeile 1\r\n\tZeile 2' }, {}, ctx);
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.answers.notiz, 'Zeile 1\n\tZeile 2');
    const refused = m.submitStep('eins', { notiz: 'Zeile\u0000' }, {}, ctx);
    assert.equal(refused.errors[0]?.inputId, 'field-notiz');
    assert.equal(refused.answers.notiz, undefined);
  });

  it('are refused in the parts of a field and in the items of a group, at that input', () => {
    const m = model();
    const date = m.submitStep(
      'eins',
      { 'tag-tag': '1', 'tag-monat': '2\u0000', 'tag-jahr': '2000' },
      {},
      ctx,
    );
    assert.deepEqual(
      date.errors.map((e) => [e.key, e.inputId]),
      [['tag', 'field-tag-monat']],
    );
    const item = m.submitStep('eins', { 'kinder-2-vorname': 'Ann\u0008a' }, {}, ctx);
    assert.deepEqual(
      item.errors.map((e) => [e.key, e.inputId]),
      [['kinder', 'field-kinder-2-vorname']],
    );
    assert.match(item.errors[0]?.message.de ?? '', /^Kind 2, Vorname: Die Antwort enthält Steuerzeichen/);
  });

  it('ordinary text, umlauts, emoji and non-Latin scripts pass', () => {
    const m = model();
    const result = m.submitStep('eins', { name: 'Jürgen 😀 Ωμέγα 山田 ‎' }, {}, ctx);
    assert.deepEqual(result.errors, []);
  });
});
