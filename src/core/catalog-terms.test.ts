import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { entryTerms, MAX_QUERY_WORDS, queryTerms } from './catalog-terms.ts';

describe('catalog search terms', () => {
  it('folds case, accents and ß, and gives every prefix of two characters or more', () => {
    assert.deepEqual(entryTerms(['Sperrmüll']), [
      'sp',
      'spe',
      'sper',
      'sperr',
      'sperrm',
      'sperrmu',
      'sperrmul',
      'sperrmull',
    ]);
    assert.ok(entryTerms(['Straße']).includes('strasse'));
    assert.deepEqual(queryTerms('  MÜLL, Straße '), ['mull', 'strasse']);
  });

  it('ignores one-letter words and caps the number of query words', () => {
    assert.deepEqual(queryTerms('a b'), []);
    assert.equal(queryTerms('aa bb cc dd ee ff gg hh ii jj').length, MAX_QUERY_WORDS);
  });

  it('finds an entry by any prefix of any of its words (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 5 }),
        fc.nat(),
        (texts, pick) => {
          const terms = new Set(entryTerms(texts));
          const words = texts.flatMap((t) => queryTerms(t));
          if (words.length === 0) return;
          const word = words[pick % words.length]!;
          // Typing the start of a word finds the entry.
          for (const query of queryTerms(word.slice(0, Math.max(2, word.length - 1)))) {
            assert.ok(terms.has(query), `${query} of ${JSON.stringify(texts)}`);
          }
        },
      ),
    );
  });
});
