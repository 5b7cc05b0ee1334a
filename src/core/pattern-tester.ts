/**
 * The pattern tester of a text field's page (ADR 0046 amendment): the designer types sample
 * inputs and sees which the pattern accepts, exactly as the engine matches them (anchored, flag
 * `u`, the input trimmed, at most `PATTERN_INPUT_MAX_CHARS` characters). The pattern runs on the
 * server, so it is first analysed as publishing analyses it (ADR 0027): a pattern that could
 * backtrack catastrophically is refused with the reason and never run. Nothing is saved.
 */
import {
  anchoredPattern,
  PATTERN_CHECK_MS,
  PATTERN_INPUT_MAX_CHARS,
  type RegexAnalyser,
  refusalOf,
} from '../definition/pattern-safety.ts';
import type { StaffSession } from './domain.ts';
import { requireRole } from './roles.ts';

/** More samples than a designer types to try a pattern; a post with more is refused. */
export const PATTERN_TEST_MAX_SAMPLES = 20;
/** Longer than any pattern of a form field (FIM's longest are a few hundred characters). */
export const PATTERN_TEST_MAX_REGEX = 1000;

export interface SampleResult {
  /** The sample as matched: trimmed, as the engine trims an answer. */
  sample: string;
  matches: boolean;
}

export type PatternTestRefusal =
  | 'pattern-missing'
  | 'pattern-too-long'
  | 'pattern-syntax'
  | 'pattern-unsafe'
  | 'samples-missing'
  | 'too-many-samples'
  | 'sample-too-long';

export type PatternTestOutcome =
  | { kind: 'tested'; results: SampleResult[] }
  /** `detail`: the syntax error or why the analyser refuses the pattern (English, as publishing says it). */
  | { kind: 'refused'; reason: PatternTestRefusal; detail?: string };

/** The samples of the text box: one a line, trimmed, blank lines left out. */
export function samplesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Which samples the pattern accepts. `analyser` is loaded by the caller (recheck is large and
 * loaded on first use: `core/regex-analysis.ts`).
 */
export function testPattern(
  session: StaffSession,
  regex: string,
  samples: readonly string[],
  analyser: RegexAnalyser,
): PatternTestOutcome {
  requireRole(session, 'designer');
  if (regex === '') return { kind: 'refused', reason: 'pattern-missing' };
  if (regex.length > PATTERN_TEST_MAX_REGEX) return { kind: 'refused', reason: 'pattern-too-long' };
  if (samples.length === 0) return { kind: 'refused', reason: 'samples-missing' };
  if (samples.length > PATTERN_TEST_MAX_SAMPLES) return { kind: 'refused', reason: 'too-many-samples' };
  if (samples.some((s) => [...s].length > PATTERN_INPUT_MAX_CHARS))
    return { kind: 'refused', reason: 'sample-too-long' };
  const source = anchoredPattern(regex);
  let compiled: RegExp;
  try {
    // Compiling runs nothing; only a pattern the analyser lets through is run below.
    compiled = new RegExp(source, 'u');
  } catch (error) {
    return { kind: 'refused', reason: 'pattern-syntax', detail: (error as Error).message };
  }
  const why = refusalOf(analyser(source, PATTERN_CHECK_MS));
  if (why) return { kind: 'refused', reason: 'pattern-unsafe', detail: `the pattern ${why}` };
  return { kind: 'tested', results: samples.map((sample) => ({ sample, matches: compiled.test(sample) })) };
}
