/**
 * The analyser behind the publish-time check of patterns (`definition/pattern-safety.ts`, ADR
 * 0026): recheck, which decides whether a regular expression can backtrack catastrophically.
 *
 * recheck's main entry runs its analysis in a worker thread and prefers a native binary or a JVM
 * when it finds one; its pure JavaScript build (`lib/browser.js`) does the same analysis in this
 * thread with nothing outside the package, so that is what is loaded, on first use only: the
 * module is large (half a second to load), and only uploads and publishing need it.
 */
import type { RegexAnalyser, RegexVerdict } from '../definition/pattern-safety.ts';

/** Verdicts by source: patterns repeat across uploads and FIM schemas, and a check costs milliseconds. */
const MAX_REMEMBERED = 2000;

type CheckSync = typeof import('recheck').checkSync;

let loaded: Promise<RegexAnalyser> | undefined;

function analyserOf(checkSync: CheckSync): RegexAnalyser {
  const remembered = new Map<string, RegexVerdict>();
  return (source, timeoutMs) => {
    const known = remembered.get(source);
    if (known) return known;
    const verdict = verdictOf(checkSync, source, timeoutMs);
    // A time-out says nothing about the pattern itself: it is checked again next time.
    if (verdict.kind !== 'unknown') {
      if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
      remembered.set(source, verdict);
    }
    return verdict;
  };
}

function verdictOf(checkSync: CheckSync, source: string, timeoutMs: number): RegexVerdict {
  const result = checkSync(source, 'u', { timeout: timeoutMs });
  if (result.status === 'unknown') {
    return {
      kind: 'unknown',
      why: result.error.kind === 'timeout' ? 'the analysis timed out' : result.error.kind,
    };
  }
  const { complexity } = result;
  if (complexity.type === 'exponential') return { kind: 'exponential' };
  if (complexity.type === 'polynomial') return { kind: 'polynomial', degree: complexity.degree };
  return { kind: 'safe' };
}

/** The analyser, loaded once per process. */
export function regexAnalyser(): Promise<RegexAnalyser> {
  loaded ??= import('recheck/lib/browser.js').then((module) =>
    analyserOf((module.default ?? module).checkSync),
  );
  return loaded;
}
