import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publishTimeChecks } from './publishing.ts';

const withPattern = (regex: string) => ({
  formatVersion: 2,
  id: 'muster',
  title: { de: 'Muster' },
  summary: { de: 'Muster' },
  declaration: { de: 'Ja' },
  steps: [
    {
      id: 'eins',
      title: { de: 'Eins' },
      fields: [
        {
          type: 'text',
          key: 'kennung',
          label: { de: 'Kennung' },
          pattern: { regex, message: { de: 'Falsch' } },
        },
      ],
    },
  ],
  local: { office: { name: { de: 'Amt' } } },
});

describe('publish-time check of patterns with recheck', () => {
  it('refuses patterns that backtrack catastrophically, naming the field', async () => {
    // (a|a)*! is one a naive checker lets through (it ran 4.8 s on a short input).
    for (const regex of ['(a+)+!', '(a|a)*!', '([a-z]+\\s?)+$', 'a*a*a*b']) {
      const result = await publishTimeChecks(withPattern(regex), {});
      assert.equal(result.ok, false, regex);
      if (result.ok) continue;
      assert.equal(result.problems[0]?.path, '/steps/0/fields/0/pattern/regex');
      assert.match(result.problems[0]?.message ?? '', /^the pattern of field 'kennung' /);
    }
  });

  it('publishes the patterns services really use, an e-mail pattern among them', async () => {
    for (const regex of [
      '[0-9]{5}',
      '[^\\s@]+@[^\\s@]+\\.[^\\s@]+',
      '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
      '[A-ZÄÖÜ][a-zäöüß]+( [A-ZÄÖÜ][a-zäöüß]+)*',
      'DE[0-9]{2}( ?[0-9]{4}){4} ?[0-9]{2}',
      '\\p{L}+',
    ]) {
      const result = await publishTimeChecks(withPattern(regex), {});
      assert.equal(result.ok, true, regex);
    }
  });
});
