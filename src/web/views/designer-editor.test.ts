import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServiceDefinition } from '../../definition/types.ts';
import { problemHref } from './designer-editor.ts';

const definition = {
  steps: [
    {
      uid: 's-1',
      id: 'eins',
      title: { de: 'Eins' },
      fields: [
        { uid: 'f-1', type: 'text', key: 'a', label: { de: 'A' } },
        {
          uid: 'f-2',
          type: 'group',
          key: 'g',
          label: { de: 'G' },
          itemLabel: { de: 'E' },
          maxItems: 2,
          fields: [{ uid: 'f-3', type: 'text', key: 'b', label: { de: 'B' } }],
        },
      ],
      validations: [{ id: 'endeNachBeginn', rule: true, message: { de: 'x' }, fields: ['a'] }],
    },
  ],
  computed: [{ key: 'summe', rule: 1 }],
  validations: [{ id: 'x.y', rule: true, message: { de: 'x' }, fields: ['a'] }],
} as unknown as ServiceDefinition;

describe('a problem links to the place to fix it', () => {
  const base = '/staff/design/entwuerfe/d';
  const cases: Array<[string, string]> = [
    ['/steps', `${base}#schritt-hinzufuegen`],
    ['/steps/0/title/en', `${base}/schritte/s-1#in-title-en`],
    ['/steps/0/fields', `${base}/schritte/s-1#feld-hinzufuegen`],
    ['/steps/0/fields/0/label/de', `${base}/felder/f-1#in-label-de`],
    ['/steps/0/fields/0/pattern/regex', `${base}/felder/f-1#in-pattern-regex`],
    ['/steps/0/fields/0/showIf', `${base}/felder/f-1#in-showIf`],
    ['/steps/0/fields/1/fields/0/key', `${base}/felder/f-3#in-key`],
    ['/steps/0/fields/1/maxItems', `${base}/felder/f-2#in-maxItems`],
    ['/steps/0/validations/0/rule', `${base}/pruefungen/endeNachBeginn`],
    ['/steps/0/validations/1', `${base}/pruefungen`],
    ['/validations/0/fields/0', `${base}/pruefungen`],
    ['/local/office/name/de', `${base}/startseite#in-officeName-de`],
    ['/local/office/email', `${base}/startseite#in-office-email`],
    ['/startPage/description/ls', `${base}/startseite#in-description-ls`],
    ['/leikaKey', `${base}/startseite#in-leikaKey`],
    ['/local/fee/rule', `${base}/gebuehr`],
    ['/computed/0/rule', `${base}/berechnet/summe`],
    ['/computed/3', `${base}/berechnet`],
    ['/notes/0', `${base}/code`],
    ['', `${base}/code`],
  ];
  for (const [path, href] of cases) {
    test(path || '(the whole document)', () => assert.equal(problemHref(base, definition, path), href));
  }
});
