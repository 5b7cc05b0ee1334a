import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATORS, type PickerNode, toJsonLogic } from '../../definition/edit/rule-pickers.ts';
import { parseDefinition } from '../../definition/parse.ts';
import type { ServiceDefinition } from '../../definition/types.ts';
import { ruleSentence } from './rule-sentence.ts';

const parsed = parseDefinition(
  JSON.parse(
    readFileSync(new URL('../../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
  ),
);
assert.ok(parsed.ok);
const HUND: ServiceDefinition = parsed.definition;
const SUBJECT = { de: 'Nummer des Sachkundenachweises', en: 'Certificate of competence number' };

describe('ruleSentence', () => {
  test('says a condition with the labels of the field and its options', () => {
    assert.equal(
      ruleSentence('de', 'showIf', SUBJECT, { '==': [{ var: 'listenhund' }, true] }, HUND)?.value,
      'Zeige <em>Nummer des Sachkundenachweises</em>, wenn <em>Ist Ihr Hund ein gefährlicher Hund (Listenhund)?</em> = Ja',
    );
    assert.equal(
      ruleSentence(
        'en',
        'requiredIf',
        SUBJECT,
        { in: [{ var: 'rasse' }, ['pitbull', 'bullterrier', 'andere']] },
        HUND,
      )?.value,
      '<em>Certificate of competence number</em> is required if <em>Breed</em> is <em>Pit Bull Terrier</em>, <em>Bull Terrier</em> or <em>Other breed</em>',
    );
  });

  test('joins groups with und/oder, nested groups in brackets', () => {
    const text = ruleSentence(
      'de',
      'showIf',
      SUBJECT,
      {
        and: [
          { var: 'ermaessigung' },
          { or: [{ '>': [{ var: 'weitereHunde' }, 1] }, { '!': { var: 'listenhund' } }] },
        ],
      },
      HUND,
    )?.value;
    assert.match(
      text ?? '',
      /wenn <em>[^<]+<\/em> ist Ja oder angegeben und \(<em>[^<]+<\/em> &gt; <code>1<\/code> oder <em>[^<]+<\/em> ist Nein oder leer\)$/,
    );
  });

  test('every operator reads in both languages, placeholders filled', () => {
    for (const operator of OPERATORS) {
      const node: PickerNode =
        operator === 'oneOf'
          ? { kind: 'condition', field: 'rasse', operator, values: ['labrador'] }
          : operator === 'isTrue' || operator === 'isFalse'
            ? { kind: 'condition', field: 'rasse', operator }
            : { kind: 'condition', field: 'rasse', operator, value: 'labrador' };
      for (const l of ['de', 'en'] as const) {
        const text = ruleSentence(l, 'showIf', SUBJECT, toJsonLogic(node), HUND)?.value ?? '';
        assert.doesNotMatch(text, /\{\w+\}/, text);
        assert.match(text, /<em>(Rasse|Breed)<\/em>/);
      }
    }
  });

  test('a rule the pickers cannot show is said to stay JSON; no rule, no sentence', () => {
    assert.match(
      ruleSentence('de', 'showIf', SUBJECT, { some: [{ var: 'x' }, { var: '' }] }, HUND)?.value ?? '',
      /bleibt als JSON Logic erhalten/,
    );
    assert.equal(ruleSentence('de', 'showIf', SUBJECT, undefined, HUND), undefined);
  });

  test('escapes labels and values', () => {
    const text = ruleSentence(
      'de',
      'showIf',
      { de: '<b>x</b>' },
      { '==': [{ var: 'chipnummer' }, '<script>'] },
      HUND,
    )?.value;
    assert.doesNotMatch(text ?? '', /<script>|<b>/);
  });
});
