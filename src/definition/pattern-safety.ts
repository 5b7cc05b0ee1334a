/**
 * Regular expressions of a definition run on citizens' input in the one Node thread that serves
 * every municipality. A pattern that backtracks catastrophically (`(a+)+!`) blocks that thread for
 * seconds on a short input, so publishing refuses it (ADR 0027). Two bounds work together:
 *
 * - at publish time an analyser (recheck, loaded by the caller: it is large, and this layer stays
 *   cheap to import) proves each pattern linear or at most quadratic in the input's length;
 * - at fill-in time a pattern is only applied to input of at most `PATTERN_INPUT_MAX_CHARS`
 *   characters (`engine/fields/text.ts`, in the server and in the browser alike), which keeps a
 *   quadratic pattern to a few milliseconds.
 */
import { type DefinitionProblem, pointer } from './problems.ts';
import type { Field, ServiceDefinition } from './types.ts';

/**
 * The longest input a pattern is applied to. A quadratic pattern takes about 2 ms on an input this
 * long, a cubic one 180 ms (which is why cubic ones are refused); a line of text is far shorter.
 */
export const PATTERN_INPUT_MAX_CHARS = 1000;

/** What the analyser says about one anchored pattern. */
export type RegexVerdict =
  | { kind: 'safe' }
  /** Matching time grows like the input's length to this power. */
  | { kind: 'polynomial'; degree: number }
  | { kind: 'exponential' }
  /** The analyser could not decide in time or does not support a construct. */
  | { kind: 'unknown'; why: string };

/** Analyses `source` (as the engine compiles it, with flag `u`) within `timeoutMs`. */
export type RegexAnalyser = (source: string, timeoutMs: number) => RegexVerdict;

/** One pattern may take this long to analyse; a normal one takes a few milliseconds. */
export const PATTERN_CHECK_MS = 1000;
/** All patterns of one definition together (a large FIM schema has hundreds, most of them equal). */
export const PATTERN_CHECK_TOTAL_MS = 10_000;

/** The source the engine compiles for a pattern: anchors are implied by the format. */
export function anchoredPattern(regex: string): string {
  return `^(?:${regex})$`;
}

/** Why the verdict refuses the pattern, or undefined when it may be published. */
export function refusalOf(verdict: RegexVerdict): string | undefined {
  switch (verdict.kind) {
    case 'safe':
      return undefined;
    case 'polynomial':
      if (verdict.degree <= 2) return undefined;
      return `can take time growing with the ${verdict.degree}rd or higher power of the input's length (nested or overlapping repetitions such as a*a*a*); rewrite it so that no two repetitions can match the same characters`;
    case 'exponential':
      return 'can take exponential time on some inputs (catastrophic backtracking, e.g. (a+)+ or (a|a)*), which would block the server for every municipality; rewrite it without nested or overlapping repetitions, e.g. (a+)+ as a+';
    case 'unknown':
      return `could not be shown to be safe (${verdict.why}); simplify it`;
  }
}

interface PatternSite {
  key: string;
  path: string;
  regex: string;
}

/** Text fields with a pattern, on steps and in the items of repeating groups. */
function patternSites(definition: ServiceDefinition): PatternSite[] {
  const sites: PatternSite[] = [];
  const visit = (field: Field, path: string) => {
    if (field.type === 'text' && field.pattern) {
      sites.push({
        key: field.key,
        path: pointer(pointer(path, 'pattern'), 'regex'),
        regex: field.pattern.regex,
      });
    }
    if (field.type === 'group') {
      field.fields.forEach((child, c) => {
        visit(child, pointer(pointer(path, 'fields'), c));
      });
    }
  };
  definition.steps.forEach((step, s) => {
    step.fields.forEach((field, f) => {
      visit(field, pointer(pointer(pointer('/steps', s), 'fields'), f));
    });
  });
  return sites;
}

/**
 * Every pattern of the definition that may not be published, naming its field. Each distinct
 * pattern is analysed once; all of them together get `PATTERN_CHECK_TOTAL_MS`, after which the
 * rest are refused as unchecked rather than let through.
 */
export function checkPatternSafety(
  definition: ServiceDefinition,
  analyse: RegexAnalyser,
  now: () => number,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const deadline = now() + PATTERN_CHECK_TOTAL_MS;
  const verdicts = new Map<string, RegexVerdict>();
  for (const site of patternSites(definition)) {
    let verdict = verdicts.get(site.regex);
    if (!verdict) {
      const left = deadline - now();
      verdict =
        left <= 0
          ? { kind: 'unknown', why: 'the time for checking the patterns of one definition ran out' }
          : analyse(anchoredPattern(site.regex), Math.min(PATTERN_CHECK_MS, left));
      verdicts.set(site.regex, verdict);
    }
    const why = refusalOf(verdict);
    if (why) problems.push({ path: site.path, message: `the pattern of field '${site.key}' ${why}` });
  }
  return problems;
}
