/**
 * How tests start the `amtsweg` command. `scripts/run-tests.mjs` compiles the server once per test
 * run into `.test-build/` (tsc without type checking, a few seconds; `npm run typecheck` checks the
 * same sources) and names it in AMTSWEG_TEST_BUILD. A call then starts in about 0.7 s instead of
 * 2.5 s through tsx, which had made the CLI tests the slowest part of the suite. A test file run on
 * its own (`node --import tsx --test FILE`) falls back to the sources through tsx. Either way the
 * command is what src/ holds now, never a dist/ left by an earlier `npm start`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './app.ts';

const build = process.env.AMTSWEG_TEST_BUILD;
const candidate = build ? join(build, 'cli', 'main.js') : undefined;
const compiled = candidate && existsSync(candidate) ? candidate : undefined;

/** The arguments after `node` that run `amtsweg ARGS…`. */
export function amtswegArgs(...args: string[]): string[] {
  if (compiled) return ['--enable-source-maps', compiled, ...args];
  return [join(repoRoot, 'bin', 'amtsweg.js'), ...args];
}

/** Environment the command needs besides the test's own: the sources when there is no test build. */
export const AMTSWEG_COMMAND_ENV: Record<string, string> = compiled ? {} : { AMTSWEG_FROM_SOURCES: '1' };
