import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseGenericode } from '../../definition/fim/index.ts';
import type { Option, SelectField, ServiceDefinition } from '../../definition/types.ts';
import { checkedInBrowser } from '../browser-needs.ts';
import { compile } from '../compile.ts';
import { matchOptions, normalize, suggestions } from './option-search.ts';
import { isSearchable, withoutLongLists } from './search-select.ts';
import { selectField } from './select.ts';

const ags = parseGenericode(
  readFileSync(new URL('../../../codelists/xoev-ags-2026-04-30.gc.xml', import.meta.url), 'utf8'),
).options;
const field: SelectField = {
  type: 'select',
  key: 'gemeinde',
  label: { de: 'Gemeinde', en: 'Municipality' },
  required: true,
  options: ags,
};
const ctx = { today: '2025-06-01' };
const kind = (text: string) => matchOptions(ags, text).kind;
const one = (text: string) => {
  const r = matchOptions(ags, text);
  return r.kind === 'one' ? r.option.value : r.kind;
};

describe('matching options by what people type', () => {
  it('ignores case, accents and how umlauts are spelled', () => {
    assert.equal(normalize('  MÜNCHEN, Landeshauptstadt '), 'munchen landeshauptstadt');
    assert.equal(normalize('Muenchen'), normalize('München'));
    assert.equal(normalize('Straße'), normalize('strasse'));
    for (const typed of ['München', 'münchen', 'MUENCHEN', 'Munchen'])
      assert.equal(one(typed), '09162000', typed);
  });

  it('takes a code, a "Name (code)" suggestion, an exact name or a single partial match', () => {
    assert.equal(one('03241001'), '03241001');
    assert.equal(one('Buchholz (03257008)'), '03257008');
    assert.equal(one('Hannover'), '03241001', 'the name before the comma');
    assert.equal(one('Hannover, Landeshauptstadt'), '03241001');
    assert.equal(one('helgol'), '01056025', 'the only label containing it');
  });

  it('several matches: at most ten, with the total; none; empty', () => {
    const several = matchOptions(ags, 'Buchholz');
    assert.ok(several.kind === 'several');
    // Exactly named first, then names starting with it, then names containing it.
    assert.deepEqual(
      several.options.map((o) => o.label.de),
      [
        'Buchholz',
        'Buchholz',
        'Buchholz',
        'Buchholz',
        'Buchholz in der Nordheide, Stadt',
        'Buchholz (Aller)',
        'Buchholz (Westerwald)',
        'Märkisch Buchholz, Stadt',
        'Gremersdorf-Buchholz',
        'Annaberg-Buchholz, Stadt',
      ],
    );
    assert.equal(several.total, 10);
    const many = matchOptions(ags, 'Bad');
    assert.ok(many.kind === 'several' && many.options.length === 10 && many.total > 100);
    assert.equal(kind('Qwertzuiop'), 'none');
    assert.equal(kind('  '), 'empty');
    assert.equal(kind('!!!'), 'none');
  });

  it('suggestions carry the code, so a picked one is unambiguous', () => {
    const list = suggestions(ags, 'Buchholz', 'de');
    assert.equal(list.length, 10);
    for (const s of list) assert.equal(one(s.label), s.value);
  });
});

describe('select with a long list: a searchable input', () => {
  it('is searchable above 300 options, or when asked for', () => {
    assert.equal(isSearchable(field), true);
    const short: Option[] = ags.slice(0, 300);
    assert.equal(isSearchable({ ...field, options: short }), false);
    assert.equal(isSearchable({ ...field, options: short, search: true }), true);
  });

  it('one match is the answer; none and several are polite errors', () => {
    assert.equal(selectField.parse(field, { gemeinde: 'Hannover' }).value, '03241001');
    const none = selectField.parse(field, { gemeinde: 'Atlantis' });
    assert.equal(none.value, undefined);
    assert.equal(
      none.invalid?.de,
      'Zu „Atlantis“ haben wir keinen Eintrag gefunden. Prüfen Sie die Schreibweise oder geben Sie weniger Buchstaben ein',
    );
    const several = selectField.parse(field, { gemeinde: 'Buchholz' });
    assert.equal(several.invalid?.de, 'Zu „Buchholz“ passen mehrere Einträge. Wählen Sie einen davon aus');
    const many = selectField.parse(field, { gemeinde: 'Bad' });
    assert.match(many.invalid?.de ?? '', /^Zu „Bad“ passen \d+ Einträge. Wählen Sie einen der ersten 10 aus/);
    assert.equal(selectField.parse(field, { gemeinde: ' ' }).value, undefined);
    assert.equal(selectField.validate(field, undefined, ctx)?.de, 'Wählen Sie eine Antwort aus');
    assert.equal(
      selectField.validate(field, 'Hannover', ctx)?.de,
      'Wählen Sie eine der angebotenen Antworten aus',
    );
  });

  it('a match picked from the list is taken, unless the text now means something else', () => {
    assert.equal(
      selectField.parse(field, { gemeinde: 'Buchholz', 'gemeinde-choice': '03257008' }).value,
      '03257008',
    );
    assert.equal(
      selectField.parse(field, { gemeinde: 'Hannover', 'gemeinde-choice': '03257008' }).value,
      '03241001',
    );
    assert.equal(
      selectField.parse(field, { gemeinde: 'Buchholz', 'gemeinde-choice': 'nope' }).value,
      undefined,
    );
  });

  it('renders a text input, the matches as radios, and never the whole list', () => {
    const raw = { gemeinde: 'Buchholz' };
    const parsed = selectField.parse(field, raw);
    const error = { key: 'gemeinde', inputId: 'field-gemeinde', message: parsed.invalid ?? { de: '' } };
    const markup = selectField.view({
      field,
      value: undefined,
      raw,
      error,
      locale: 'de',
      suggestionsUrl: (key) => `/musterstadt/ummelden/auswahl/${key}`,
    }).value;
    assert.doesNotMatch(markup, /<select|<option/);
    assert.match(markup, /<input [^>]*id="field-gemeinde" name="gemeinde" type="text" autocomplete="off"/);
    assert.match(markup, /data-aw-options="\/musterstadt\/ummelden\/auswahl\/gemeinde"/);
    assert.match(markup, /value="Buchholz"/);
    assert.equal(markup.match(/type="radio"/g)?.length, 10);
    assert.match(markup, /<legend class="kern-label">Passende Einträge<\/legend>/);
    assert.match(markup, /Buchholz \(03257008\)/, 'repeated names with their code');
    assert.ok(markup.length < 5000, `${markup.length} characters`);
    const answered = selectField.view({
      field,
      value: '03241001',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(answered, /value="Hannover, Landeshauptstadt"/);
    assert.doesNotMatch(answered, /data-aw-options/, 'no suggestions where the caller names no URL');
    assert.equal(selectField.format(field, '03241001', 'de'), 'Hannover, Landeshauptstadt');
  });

  it('the browser gets the definition without long lists, and leaves such fields to the server', () => {
    const definition = {
      formatVersion: 2,
      id: 'x',
      title: { de: 'X' },
      summary: { de: 'X' },
      declaration: { de: 'Ja' },
      steps: [{ id: 'eins', title: { de: 'Eins' }, fields: [field] }],
      local: { office: { name: { de: 'Amt' } } },
    } as ServiceDefinition;
    const started = performance.now();
    const model = compile(definition);
    const compileMs = performance.now() - started;
    assert.ok(compileMs < 200, `compile took ${compileMs.toFixed(1)} ms`);
    const browser = withoutLongLists(definition);
    const stripped = browser.steps[0]?.fields[0] as SelectField;
    assert.deepEqual(stripped.options, []);
    assert.equal(checkedInBrowser(stripped), false, 'left to the server');
    assert.ok(JSON.stringify(browser).length < 1000);
    // The stripped field still renders as the searchable input, e.g. when revealed in the browser.
    assert.match(
      compile(browser).renderField({
        field: stripped,
        value: undefined,
        raw: undefined,
        error: undefined,
        locale: 'de',
        suggestionsUrl: (key) => `/auswahl/${key}`,
      }).value,
      /data-aw-options="\/auswahl\/gemeinde"/,
    );
    assert.equal(model.definition.steps[0]?.fields[0], field);
  });
});
