/**
 * An `amtsweg` command as its own process, as an operator runs it beside the serving instances
 * (`keys rotate`, `keys rotate-tenant`), for tests that kill it in the middle or watch its output.
 */
import { spawn } from 'node:child_process';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from './amtsweg-command.ts';

export interface CommandRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  /** Asked every few milliseconds while the command runs: true kills it with SIGKILL. */
  kill?: () => Promise<boolean>;
  /** Each piece of standard output as it arrives (the progress lines). */
  onOutput?: (text: string) => void;
  /** Longest the run may take before it is killed (the test then fails on its exit). */
  timeoutMs?: number;
}

/** Runs `amtsweg ARGS…` with `env` (database, keys); resolves when it has exited. */
export function commandProcess(
  args: string[],
  env: Record<string, string>,
  options: CommandOptions = {},
): Promise<CommandRun> {
  const child = spawn(process.execPath, amtswegArgs(...args), {
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
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
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
