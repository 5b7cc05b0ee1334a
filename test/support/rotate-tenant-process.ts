/**
 * `amtsweg keys rotate-tenant …` as its own process, as an operator runs it beside the serving
 * instances (ADR 0047), for the command's tests and the HTTP test of a rotation under traffic.
 */
import { spawn } from 'node:child_process';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from './amtsweg-command.ts';

/** Longest a run may take before the helper kills it (the test then fails on its exit). */
const RUN_MS = 90_000;

export interface RotateTenantRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RotateTenantOptions {
  /** Asked every few milliseconds while the command runs: true kills it with SIGKILL. */
  kill?: () => Promise<boolean>;
  /** Each piece of standard output as it arrives (the progress lines). */
  onOutput?: (text: string) => void;
}

/**
 * Runs the command with `env` (database, master key, refresh interval) and `args` after
 * `rotate-tenant`; resolves when it has exited.
 */
export function rotateTenantProcess(
  env: Record<string, string>,
  args: string[],
  options: RotateTenantOptions = {},
): Promise<RotateTenantRun> {
  const child = spawn(process.execPath, amtswegArgs('keys', 'rotate-tenant', ...args), {
    env: { PATH: process.env.PATH ?? '', ...AMTSWEG_COMMAND_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    options.onOutput?.(String(d));
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_MS);
  const { kill } = options;
  let watching = kill !== undefined;
  void (async () => {
    while (watching && kill) {
      if (await kill()) {
        child.kill('SIGKILL');
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return exited.then((result) => {
    watching = false;
    clearTimeout(timer);
    return { ...result, stdout, stderr };
  });
}
