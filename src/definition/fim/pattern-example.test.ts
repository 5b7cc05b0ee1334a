import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patternExample } from './pattern-example.ts';

describe('patternExample', () => {
  it('reads an example off plain sequences of classes and literals', () => {
    const cases: Array<[string, string]> = [
      ['[A-Z]{2}-[0-9]{4}', 'AB-1234'],
      ['\\d{5}', '12345'],
      ['^[0-9]{5}$', '12345'],
      ['DE[0-9]{2} ?[0-9]{4}', 'DE121234'],
      ['[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?[0-9]{1,4}[EH]?', 'ABC-AB1234'],
      ['[a-z]+', 'a'],
      ['[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}', '12.12.1234'],
    ];
    for (const [pattern, example] of cases) {
      assert.equal(patternExample(pattern), example, pattern);
      assert.match(example, new RegExp(`^(?:${pattern})$`, 'u'));
    }
  });

  it('gives none where it could be wrong', () => {
    for (const pattern of ['(AB|CD)[0-9]{3}', '[^0-9]+', '.{3}', 'a(?=b)b', '[A-F0-9]{8}', '', '[0-9]{0}'])
      assert.equal(patternExample(pattern), undefined, pattern);
  });
});
