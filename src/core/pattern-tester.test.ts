import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffSession } from './domain.ts';
import { PATTERN_TEST_MAX_SAMPLES, samplesOf, testPattern } from './pattern-tester.ts';
import { regexAnalyser } from './regex-analysis.ts';

const designer = { roles: ['designer'] } as unknown as StaffSession;

test('samples are the non-blank lines, trimmed as the engine trims an answer', () => {
  assert.deepEqual(samplesOf(' 12345 \r\n\n1234\n  '), ['12345', '1234']);
});

test('the anchored pattern tells which samples match, as the engine would', async () => {
  const analyser = await regexAnalyser();
  const outcome = testPattern(designer, '[0-9]{5}', ['12345', '1234', '123456', 'a2345'], analyser);
  assert.deepEqual(outcome, {
    kind: 'tested',
    results: [
      { sample: '12345', matches: true },
      { sample: '1234', matches: false },
      { sample: '123456', matches: false },
      { sample: 'a2345', matches: false },
    ],
  });
});

test('a catastrophic pattern is refused with the reason and never run', async () => {
  let ran = false;
  const analyser = await regexAnalyser();
  const sample = `${'a'.repeat(40)}!`;
  const outcome = testPattern(designer, '(a+)+', [sample], (source, ms) => {
    const verdict = analyser(source, ms);
    ran = true;
    return verdict;
  });
  assert.ok(ran, 'analysed');
  assert.equal(outcome.kind, 'refused');
  assert.equal(outcome.kind === 'refused' && outcome.reason, 'pattern-unsafe');
  assert.match(outcome.kind === 'refused' ? (outcome.detail ?? '') : '', /exponential/);
});

test('bad input is refused before anything runs', () => {
  const never = () => {
    throw new Error('the analyser must not be asked');
  };
  const reason = (regex: string, samples: string[]) => {
    const outcome = testPattern(designer, regex, samples, never);
    return outcome.kind === 'refused' ? outcome.reason : outcome.kind;
  };
  assert.equal(reason('', ['a']), 'pattern-missing');
  assert.equal(reason('a'.repeat(1001), ['a']), 'pattern-too-long');
  assert.equal(reason('a', []), 'samples-missing');
  assert.equal(
    reason(
      'a',
      Array.from({ length: PATTERN_TEST_MAX_SAMPLES + 1 }, () => 'a'),
    ),
    'too-many-samples',
  );
  assert.equal(reason('a', ['a'.repeat(1001)]), 'sample-too-long');
  assert.equal(reason('[a-', ['a']), 'pattern-syntax');
});

test('only designers test patterns', () => {
  const caseworker = { roles: ['caseworker'] } as unknown as StaffSession;
  assert.throws(() => testPattern(caseworker, 'a', ['a'], () => ({ kind: 'safe' })));
});
