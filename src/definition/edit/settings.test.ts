import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Field } from '../types.ts';
import { applySettings, optionsText } from './settings.ts';

describe('field settings from a form', () => {
  test('common and own settings are read; empty optional texts are left out', () => {
    const field: Field = {
      type: 'text',
      key: 'name',
      uid: 'f-1',
      label: { de: 'Name' },
      showIf: { var: 'x' },
    };
    const result = applySettings(field, {
      's.key': 'vorname',
      's.label.de': 'Vorname',
      's.label.en': '',
      's.hint.de': '',
      's.hint.ls': 'Ihr Vor-Name',
      's.required': 'ja',
      's.minLength': '2',
      's.maxLength': '',
      's.pattern.regex': '[A-Z].*',
      's.pattern.message.de': 'Groß anfangen',
    });
    assert.ok(result.ok);
    assert.deepEqual(result.field, {
      type: 'text',
      key: 'vorname',
      uid: 'f-1',
      label: { de: 'Vorname' },
      hint: { de: '', ls: 'Ihr Vor-Name' },
      required: true,
      minLength: 2,
      pattern: { regex: '[A-Z].*', message: { de: 'Groß anfangen' } },
      showIf: { var: 'x' },
    });
  });

  test("an e-mail field is marked as the applicant's contact address by its checkbox", () => {
    const field: Field = { type: 'email', key: 'mail', label: { de: 'E-Mail' } };
    const marked = applySettings(field, {
      's.key': 'mail',
      's.label.de': 'E-Mail',
      's.applicantContact': 'ja',
    });
    assert.ok(marked.ok);
    assert.equal((marked.field as Extract<Field, { type: 'email' }>).applicantContact, true);
    const unmarked = applySettings(marked.field, { 's.key': 'mail', 's.label.de': 'E-Mail' });
    assert.ok(unmarked.ok);
    assert.equal('applicantContact' in unmarked.field, false);
  });

  test('what cannot be read is refused by name and changes nothing', () => {
    const field: Field = { type: 'number', key: 'n', label: { de: 'N' } };
    const result = applySettings(field, {
      's.key': 'n',
      's.label.de': 'N',
      's.min': 'zwei',
      's.integer': 'ja',
    });
    assert.deepEqual(result, { ok: false, errors: [{ name: 'min', code: 'number' }] });
    const file: Field = { type: 'file', key: 'f', label: { de: 'F' } };
    assert.deepEqual(applySettings(file, { 's.key': 'f', 's.accept': ['image/gif'] }), {
      ok: false,
      errors: [{ name: 'accept', code: 'media-type' }],
    });
  });

  test('options round-trip through their text; a default-true flag is stored only when off', () => {
    const options = [
      { value: 'a', label: { de: 'Ä', en: 'A' } },
      { value: 'b', label: { de: 'B' } },
    ];
    assert.equal(optionsText(options), 'a | Ä | A\nb | B');
    const field: Field = { type: 'radio', key: 'r', label: { de: 'R' }, options: [] };
    const result = applySettings(field, {
      's.key': 'r',
      's.label.de': 'R',
      's.options': optionsText(options),
    });
    assert.ok(result.ok);
    assert.deepEqual((result.field as { options: unknown }).options, options);
    const number: Field = { type: 'number', key: 'n', label: { de: 'N' } };
    const off = applySettings(number, { 's.key': 'n', 's.label.de': 'N', 's.min': '1,5' });
    assert.ok(off.ok);
    assert.deepEqual(off.field, { type: 'number', key: 'n', label: { de: 'N' }, min: 1.5, integer: false });
  });

  test('rules are JSON in place: read, removed when emptied, kept when the form does not carry them', () => {
    const field: Field = { type: 'text', key: 't', label: { de: 'T' }, showIf: { var: 'a' } };
    const base = { 's.key': 't', 's.label.de': 'T' };
    const kept = applySettings(field, base);
    assert.ok(kept.ok);
    assert.deepEqual((kept.field as { showIf?: unknown }).showIf, { var: 'a' }, 'no input: never lost');
    const changed = applySettings(field, { ...base, 's.showIf': '{"!": {"var": "b"}}', 's.requiredIf': '' });
    assert.ok(changed.ok);
    assert.deepEqual((changed.field as { showIf?: unknown }).showIf, { '!': { var: 'b' } });
    const removed = applySettings(field, { ...base, 's.showIf': '  ' });
    assert.ok(removed.ok);
    assert.equal('showIf' in removed.field, false);
    assert.deepEqual(applySettings(field, { ...base, 's.showIf': '{"var":' }), {
      ok: false,
      errors: [{ name: 'showIf', code: 'json' }],
    });
  });

  test('a prefill set in the definition file is kept when the field is edited (the form has no control for it)', () => {
    const field: Field = {
      type: 'text',
      key: 'familienname',
      label: { de: 'Familienname' },
      prefill: { from: 'familyName', editable: false },
    };
    const result = applySettings(field, { 's.key': 'familienname', 's.label.de': 'Nachname' });
    assert.ok(result.ok);
    assert.deepEqual((result.field as { prefill?: unknown }).prefill, {
      from: 'familyName',
      editable: false,
    });
  });
});
