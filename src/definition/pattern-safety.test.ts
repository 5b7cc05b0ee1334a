import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkPatternSafety,
  PATTERN_CHECK_TOTAL_MS,
  type RegexAnalyser,
  type RegexVerdict,
} from './pattern-safety.ts';
import type { ServiceDefinition } from './types.ts';

function definitionWith(patterns: Record<string, string>): ServiceDefinition {
  return {
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
          ...Object.entries(patterns).map(([key, regex]) => ({
            type: 'text' as const,
            key,
            label: { de: key },
            pattern: { regex, message: { de: 'Falsch' } },
          })),
          {
            type: 'group',
            key: 'kinder',
            label: { de: 'Kinder' },
            itemLabel: { de: 'Kind' },
            fields: [
              {
                type: 'text',
                key: 'kname',
                label: { de: 'Name' },
                pattern: { regex: 'x+x+y', message: { de: 'Falsch' } },
              },
            ],
          },
        ],
      },
    ],
    local: { office: { name: { de: 'Amt' } } },
  } as ServiceDefinition;
}

/** Answers from a table of verdicts by the unanchored pattern; counts its calls. */
function fakeAnalyser(verdicts: Record<string, RegexVerdict>): RegexAnalyser & { calls: string[] } {
  const calls: string[] = [];
  const analyse = (source: string) => {
    calls.push(source);
    const inner = source.slice('^(?:'.length, -')$'.length);
    return verdicts[inner] ?? { kind: 'safe' };
  };
  return Object.assign(analyse, { calls });
}

describe('pattern safety', () => {
  it('refuses exponential, cubic and undecided patterns, naming the field; allows linear and quadratic', () => {
    const analyse = fakeAnalyser({
      '(a+)+!': { kind: 'exponential' },
      'a*a*a*b': { kind: 'polynomial', degree: 3 },
      '[^@]+@[^@]+': { kind: 'polynomial', degree: 2 },
      '(?=x)': { kind: 'unknown', why: 'unsupported' },
      'x+x+y': { kind: 'exponential' },
    });
    const problems = checkPatternSafety(
      definitionWith({ a: '(a+)+!', b: 'a*a*a*b', c: '[^@]+@[^@]+', d: '(?=x)', e: '[0-9]{5}' }),
      analyse,
      () => 0,
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        '/steps/0/fields/0/pattern/regex',
        '/steps/0/fields/1/pattern/regex',
        '/steps/0/fields/3/pattern/regex',
        '/steps/0/fields/5/fields/0/pattern/regex',
      ],
    );
    assert.match(problems[0]?.message ?? '', /^the pattern of field 'a' can take exponential time/);
    assert.match(problems[1]?.message ?? '', /field 'b' .*3rd or higher power/);
    assert.match(problems[2]?.message ?? '', /field 'd' could not be shown to be safe \(unsupported\)/);
    assert.match(problems[3]?.message ?? '', /field 'kname'/);
  });

  it('analyses each distinct pattern once', () => {
    const analyse = fakeAnalyser({});
    checkPatternSafety(definitionWith({ a: '[0-9]{5}', b: '[0-9]{5}', c: '[0-9]{4}' }), analyse, () => 0);
    assert.deepEqual(analyse.calls, ['^(?:[0-9]{5})$', '^(?:[0-9]{4})$', '^(?:x+x+y)$']);
  });

  it('refuses the patterns left when the time for one definition has run out', () => {
    let clock = 0;
    const analyse = fakeAnalyser({});
    const slow: RegexAnalyser = (source, timeoutMs) => {
      clock += PATTERN_CHECK_TOTAL_MS; // the first check uses up the whole budget
      return analyse(source, timeoutMs);
    };
    const problems = checkPatternSafety(definitionWith({ a: 'a', b: 'b' }), slow, () => clock);
    assert.equal(analyse.calls.length, 1);
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/steps/0/fields/1/pattern/regex', '/steps/0/fields/2/fields/0/pattern/regex'],
    );
    assert.match(problems[0]?.message ?? '', /time for checking the patterns of one definition ran out/);
  });
});
