/**
 * A child process of a test that runs a support module of its own (with tsx), gets its settings
 * through the environment and reports once it is ready with one IPC message: a second app
 * instance, a delivery worker. Stopping it waits for it to exit.
 */
import { fork } from 'node:child_process';

export interface TestChild<Ready> {
  /** The child's first message, sent when it is ready. */
  ready: Ready;
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
  kill(): Promise<void>;
}

/** Forks `file` with `env` added to this process's environment; `what` names it in errors. */
export function startTestChild<Ready>(
  file: string,
  env: Record<string, string>,
  what: string,
): Promise<TestChild<Ready>> {
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const signal = (name: NodeJS.Signals) =>
    new Promise<void>((done) => {
      child.removeAllListeners('exit');
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(name);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
    child.once('message', (ready: Ready) => {
      clearTimeout(timer);
      resolve({
        ready,
        stop: () => signal('SIGTERM'),
        kill: () => signal('SIGKILL'),
      });
    });
  });
}
