import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogue } from './i18n.ts';

/**
 * Names of offices and municipalities ("Stadt Musterstadt, Steueramt", "Town of Musterstadt, tax
 * office") are whatever the municipality calls itself: they take no article and no case, so a
 * text puts them beside a label or a dash, never after a preposition or an article.
 */
const NAME = /\{(office|tenant)\}/;
const BEFORE_NAME: Record<'de' | 'en', RegExp> = {
  de: /\b(bei|von|vom|an|am|beim|zur|zum|für|mit|aus|der|die|das|dem|den|des)\s+\{(office|tenant)\}/i,
  en: /\b(at|of|from|to|for|with|by|the|contact)\s+\{(office|tenant)\}/i,
};

describe('web text catalogue', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`puts no name of an office or municipality into a sentence (${locale})`, () => {
      const wrong = Object.entries(catalogue(locale)).filter(
        ([, text]) => NAME.test(text) && BEFORE_NAME[locale].test(text),
      );
      assert.deepEqual(wrong, []);
    });
  }
});
