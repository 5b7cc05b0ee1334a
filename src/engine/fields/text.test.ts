import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATTERN_INPUT_MAX_CHARS } from '../../definition/pattern-safety.ts';
import type { TextField } from '../../definition/types.ts';
import { textField } from './text.ts';

const ctx = { today: '2025-06-01' };
const field: TextField = {
  type: 'text',
  key: 'vorname',
  label: { de: 'Vorname', en: 'First name' },
  hint: { de: 'Wie im Ausweis', en: 'As in your ID' },
  required: true,
  maxLength: 5,
  minLength: 2,
  autocomplete: 'given-name',
};
const plz: TextField = {
  type: 'text',
  key: 'plz',
  label: { de: 'PLZ', en: 'Postcode' },
  pattern: { regex: '[0-9]{5}', message: { de: 'Fünf Ziffern', en: 'Five digits' } },
};

describe('text field', () => {
  it('parses trimmed text; empty or whitespace-only is no answer', () => {
    assert.deepEqual(textField.parse(field, { vorname: '  Erika ' }), {
      value: 'Erika',
      rawKept: { vorname: '  Erika ' },
    });
    assert.equal(textField.parse(field, { vorname: '   ' }).value, undefined);
    assert.equal(textField.parse(field, {}).value, undefined);
    // A repeated name cannot smuggle in a second value.
    assert.equal(textField.parse(field, { vorname: ['Erika', 'Max'] }).value, 'Erika');
  });

  it('validates required, length and pattern with polite messages in both languages', () => {
    assert.deepEqual(textField.validate(field, undefined, ctx), {
      de: 'Geben Sie eine Antwort ein',
      en: 'Enter an answer',
    });
    assert.deepEqual(textField.validate(field, 'Maximilian', ctx), {
      de: 'Die Antwort darf höchstens 5 Zeichen lang sein',
      en: 'The answer must be 5 characters or fewer',
    });
    assert.deepEqual(
      textField.validate(field, 'E', ctx)?.de,
      'Die Antwort muss mindestens 2 Zeichen lang sein',
    );
    assert.equal(textField.validate(field, 'Erika', ctx), null);
    // Counted in characters, not UTF-16 units.
    assert.equal(textField.validate(field, '😀😀😀', ctx), null);
    assert.equal(textField.validate(plz, undefined, ctx), null);
    assert.equal(textField.validate(plz, '12345', ctx), null);
    // Anchors are implied: a match inside the value is not enough.
    assert.deepEqual(textField.validate(plz, '123456', ctx), { de: 'Fünf Ziffern', en: 'Five digits' });
    assert.deepEqual(textField.validate(field, 7, ctx)?.de, 'Geben Sie eine Antwort ein');
  });

  it('applies a pattern only to input of at most PATTERN_INPUT_MAX_CHARS characters', () => {
    // A quadratic pattern passes publishing; on 20,000 characters it would take a third of a second.
    const words: TextField = {
      type: 'text',
      key: 'wort',
      label: { de: 'Wort', en: 'Word' },
      pattern: { regex: '[a-z]+[a-z]+', message: { de: 'Nur Buchstaben', en: 'Letters only' } },
    };
    assert.deepEqual(textField.validate(words, `${'a'.repeat(20_000)}!`, ctx), {
      de: `Die Antwort darf höchstens ${PATTERN_INPUT_MAX_CHARS.toLocaleString('de-DE')} Zeichen lang sein`,
      en: `The answer must be ${PATTERN_INPUT_MAX_CHARS.toLocaleString('en-GB')} characters or fewer`,
    });
    assert.equal(textField.validate(words, 'a'.repeat(PATTERN_INPUT_MAX_CHARS), ctx), null);
    assert.equal(textField.dataSchema(words)?.maxLength, PATTERN_INPUT_MAX_CHARS);
  });

  it('speaks of the answer, never quoting the question (ADR 0029)', () => {
    const question: TextField = {
      type: 'text',
      key: 'seit',
      label: { de: 'Seit wann halten Sie den Hund?', en: 'Since when have you kept the dog?' },
      required: true,
    };
    const message = textField.validate(question, undefined, ctx);
    assert.deepEqual(message, { de: 'Geben Sie eine Antwort ein', en: 'Enter an answer' });
  });

  it('formats as is and knows when it is empty', () => {
    assert.equal(textField.format(field, 'Erika', 'de'), 'Erika');
    assert.equal(textField.isEmpty(''), true);
    assert.equal(textField.isEmpty(undefined), true);
    assert.equal(textField.isEmpty('x'), false);
  });

  it('renders a labelled input with hint, autocomplete and value', () => {
    const html = textField.view({
      field,
      value: 'Erika',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.equal(
      html,
      '<div class="kern-form-input"><label class="kern-label" for="field-vorname">Vorname</label><div class="kern-hint" id="field-vorname-hint">Wie im Ausweis</div><input class="kern-form-input__input" id="field-vorname" name="vorname" type="text" value="Erika" autocomplete="given-name" aria-describedby="field-vorname-hint"></div>',
    );
  });

  it('renders errors linked by aria-describedby, keeps what was typed, escapes it', () => {
    const error = { key: 'vorname', inputId: 'field-vorname', message: { de: 'Zu lang', en: 'Too long' } };
    const html = textField.view({
      field,
      value: undefined,
      raw: { vorname: '"><script>' },
      error,
      locale: 'en',
    }).value;
    assert.match(html, /class="kern-form-input kern-form-input--error"/);
    assert.match(html, /aria-describedby="field-vorname-hint field-vorname-error" aria-invalid="true"/);
    assert.match(html, /value="&quot;&gt;&lt;script&gt;"/);
    assert.match(
      html,
      /<p class="kern-error" id="field-vorname-error">.*Error: <\/span>Too long<\/span><\/p>/,
    );
  });

  it('marks optional fields in the label', () => {
    const html = textField.view({
      field: plz,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /PLZ <span class="kern-label__optional">\(optional\)<\/span><\/label>/);
  });
});
