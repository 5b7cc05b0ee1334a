import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { easyField, easyLanguageCoverage, easyText, inEasyLanguage } from './easy-language.ts';
import type { ServiceDefinition } from './types.ts';

function definition(): ServiceDefinition {
  return {
    formatVersion: 2,
    id: 'leicht',
    title: { de: 'Hund anmelden' },
    summary: { de: 'Melden Sie Ihren Hund an.', ls: 'Hier melden Sie Ihren Hund an.' },
    startPage: {
      description: {
        de: 'Wer einen Hund hält, muss ihn anmelden.',
        ls: 'Haben Sie einen Hund? Dann müssen Sie ihn anmelden.',
      },
      whatYouNeed: [
        { de: 'Ihre IBAN', en: 'Your IBAN', ls: 'Ihre Konto-Nummer. Die Konto-Nummer heißt auch IBAN.' },
        { de: 'Den Chip' },
      ],
    },
    declaration: { de: 'Stimmt.' },
    steps: [
      {
        id: 'hund',
        title: { de: 'Hund' },
        description: { de: 'Angaben zum Hund', ls: 'Hier schreiben Sie etwas über Ihren Hund.' },
        fields: [
          {
            type: 'text',
            key: 'name',
            label: { de: 'Name' },
            hint: { de: 'Rufname', ls: 'So rufen Sie Ihren Hund.' },
          },
          { type: 'yesno', key: 'gross', label: { de: 'Groß?' } },
          { type: 'info', key: 'info', text: { de: 'Info', ls: 'Das ist wichtig.' } },
          { type: 'warning', key: 'warnung', title: { de: 'Achtung', ls: 'Achtung!' }, text: { de: 'Text' } },
          {
            type: 'group',
            key: 'welpen',
            label: { de: 'Welpen' },
            hint: { de: 'Alle Welpen', ls: 'Schreiben Sie alle jungen Hunde auf.' },
            itemLabel: { de: 'Welpe' },
            maxItems: 5,
            fields: [
              {
                type: 'text',
                key: 'welpenName',
                label: { de: 'Name' },
                hint: { de: 'Rufname', ls: 'So heißt der junge Hund.' },
              },
            ],
          },
        ],
      },
    ],
    local: {
      cost: { de: '108 € pro Jahr' },
      office: { name: { de: 'Steueramt' } },
    },
  };
}

describe('easyText', () => {
  it('puts the Leichte-Sprache version in place of German, keeping English', () => {
    assert.deepEqual(easyText({ de: 'Standard', en: 'English', ls: 'Leicht' }), {
      de: 'Leicht',
      en: 'English',
      ls: 'Leicht',
    });
  });

  it('leaves a text without a version, and a missing text, as they are', () => {
    const text = { de: 'Standard' };
    assert.equal(easyText(text), text);
    assert.equal(easyText(undefined), undefined);
  });
});

describe('inEasyLanguage', () => {
  it('replaces the German of every text that has a version, and nothing else', () => {
    const original = definition();
    const easy = inEasyLanguage(original);
    assert.equal(easy.summary.de, 'Hier melden Sie Ihren Hund an.');
    assert.equal(easy.startPage?.description?.de, 'Haben Sie einen Hund? Dann müssen Sie ihn anmelden.');
    assert.deepEqual(
      easy.startPage?.whatYouNeed?.map((x) => x.de),
      ['Ihre Konto-Nummer. Die Konto-Nummer heißt auch IBAN.', 'Den Chip'],
    );
    assert.equal(easy.local.cost?.de, '108 € pro Jahr', 'no version: the standard text');
    const step = easy.steps[0]!;
    assert.equal(step.description?.de, 'Hier schreiben Sie etwas über Ihren Hund.');
    assert.equal(step.title.de, 'Hund', 'titles stay');
    const [name, gross, info, warnung, welpen] = step.fields;
    assert.equal(name?.type === 'text' && name.hint?.de, 'So rufen Sie Ihren Hund.');
    assert.equal(name?.type === 'text' && name.label.de, 'Name', 'labels stay');
    assert.equal(gross, original.steps[0]!.fields[1], 'a field without help text is the same object');
    assert.equal(info?.type === 'info' && info.text.de, 'Das ist wichtig.');
    assert.equal(warnung?.type === 'warning' && warnung.title?.de, 'Achtung!');
    assert.equal(warnung?.type === 'warning' && warnung.text.de, 'Text');
    assert.ok(welpen?.type === 'group');
    assert.equal(welpen.hint?.de, 'Schreiben Sie alle jungen Hunde auf.');
    assert.equal(welpen.fields[0]?.type === 'text' && welpen.fields[0].hint?.de, 'So heißt der junge Hund.');
    assert.equal(original.summary.de, 'Melden Sie Ihren Hund an.', 'the original is untouched');
  });

  it('converts each definition once', () => {
    const original = definition();
    assert.equal(inEasyLanguage(original), inEasyLanguage(original));
  });

  it('easyField converts one field the same way', () => {
    const field = definition().steps[0]!.fields[0]!;
    assert.equal(
      easyField(field).type === 'text' && (easyField(field) as { hint: { de: string } }).hint.de,
      'So rufen Sie Ihren Hund.',
    );
  });
});

describe('easyLanguageCoverage', () => {
  it('tells whether all, some or none of the texts that may have a version have one', () => {
    const some = definition();
    assert.equal(easyLanguageCoverage(some), 'some');

    const none = definition();
    none.summary = { de: 'Melden Sie Ihren Hund an.' };
    delete none.startPage;
    none.local = { ...none.local, cost: { de: '108 €' } };
    none.steps = [
      { id: 'a', title: { de: 'A' }, fields: [{ type: 'yesno', key: 'x', label: { de: 'X', en: 'X' } }] },
    ];
    assert.equal(easyLanguageCoverage(none), 'none');

    const all = structuredClone(none);
    all.summary = { de: 'Melden Sie Ihren Hund an.', ls: 'Hier melden Sie Ihren Hund an.' };
    all.local = { ...all.local, cost: { de: '108 €', ls: 'Das kostet 108 Euro im Jahr.' } };
    assert.equal(easyLanguageCoverage(all), 'all');
  });
});
