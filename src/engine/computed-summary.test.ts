import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceDefinition } from '../definition/types.ts';
import { compile } from './compile.ts';
import { formatComputedValue, summarizeComputed } from './computed-summary.ts';

const definition: ServiceDefinition = {
  formatVersion: 2,
  id: 'berechnet',
  title: { de: 'Berechnet' },
  summary: { de: 'Berechnete Werte' },
  declaration: { de: 'Stimmt.' },
  steps: [
    {
      id: 'eins',
      title: { de: 'Eins' },
      fields: [
        { type: 'number', key: 'hunde', label: { de: 'Hunde' } },
        { type: 'text', key: 'name', label: { de: 'Name' } },
      ],
    },
  ],
  computed: [
    {
      key: 'gesamt',
      label: { de: 'Hunde insgesamt', en: 'Dogs in total' },
      rule: { '*': [{ var: 'hunde' }, 1000.5] },
    },
    { key: 'zwischenwert', rule: { '+': [{ var: 'hunde' }, 1] } },
    { key: 'mehrere', label: { de: 'Mehrere Hunde' }, rule: { '>': [{ var: 'hunde' }, 1] } },
    { key: 'gruss', label: { de: 'Anrede' }, rule: { cat: ['Hallo ', { var: 'name' }] } },
    { key: 'fehlt', label: { de: 'Fehlt' }, rule: { var: 'gibtEsNicht' } },
  ],
  local: { office: { name: { de: 'Amt' } } },
};

describe('summarizeComputed', () => {
  it('shows labelled values only, formatted, in definition order, leaving out null', () => {
    const data = compile(definition).finalize({ hunde: 2, name: 'Ada' }, { today: '2026-01-01' }).answers;
    assert.equal(data.zwischenwert, 3, 'the helper is computed and stored');
    assert.deepEqual(summarizeComputed(definition, data, 'de'), [
      { key: 'gesamt', label: 'Hunde insgesamt', value: '2.001' },
      { key: 'mehrere', label: 'Mehrere Hunde', value: 'Ja' },
      { key: 'gruss', label: 'Anrede', value: 'Hallo Ada' },
    ]);
  });

  it('speaks the page language (English labels fall back to German)', () => {
    const rows = summarizeComputed(definition, { gesamt: 1234.5, mehrere: false }, 'en');
    assert.deepEqual(rows, [
      { key: 'gesamt', label: 'Dogs in total', value: '1,234.5' },
      { key: 'mehrere', label: 'Mehrere Hunde', value: 'No' },
    ]);
  });

  it('is empty without labelled computed values', () => {
    const { computed: _c, ...plain } = definition;
    assert.deepEqual(summarizeComputed(plain, { hunde: 2 }, 'de'), []);
  });
});

describe('formatComputedValue', () => {
  it('formats every storable shape for humans', () => {
    assert.equal(formatComputedValue(1234.5, 'de'), '1.234,5');
    assert.equal(formatComputedValue(-3, 'de'), '-3');
    assert.equal(formatComputedValue(true, 'de'), 'Ja');
    assert.equal(formatComputedValue(false, 'en'), 'No');
    assert.equal(formatComputedValue('A-Klasse', 'de'), 'A-Klasse');
    assert.equal(formatComputedValue(['gross', 'klein'], 'de'), 'gross, klein');
  });

  it('shows nothing for values that say nothing', () => {
    for (const value of [null, undefined, '', [], Number.NaN, { a: 1 }]) {
      assert.equal(formatComputedValue(value, 'de'), undefined, JSON.stringify(value));
    }
  });
});
