/**
 * Shared by the bench orchestrator and its server children: settings from the environment, the IPC
 * messages, and small helpers. The servers always run in their own processes so the load generator
 * (autocannon, in the orchestrator) never shares an event loop with the server it measures.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');
export const TENANT = 'musterstadt';
export const SERVICE = 'hund-anmelden';
/** Loopback only: the bench never listens on or connects to anything else. */
export const HOST = '127.0.0.1';

/** An integer setting from the environment, at least `min`; `fallback` when unset. */
export function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export interface BenchSettings {
  /** Timed seconds per scenario. */
  seconds: number;
  /** Untimed warm-up seconds per scenario (same load, discarded). */
  warmupSeconds: number;
  connections: number;
  /** Complete drafts prepared for scenario (2); 0 = derived from the durations. */
  drafts: number;
  logLevel: string;
  /** Scenarios to CPU-profile in an extra, untimed run after the measurements (`step`, `submit`). */
  profile: string[];
  /** Parent of the temporary data directory (default: the OS temp directory). */
  dataParent: string | undefined;
  /** Hard limit for the whole run; the bench aborts itself after it. */
  timeLimitSeconds: number;
}

export function loadSettings(): BenchSettings {
  const seconds = intEnv('BENCH_SECONDS', 10, 1);
  const warmupSeconds = intEnv('BENCH_WARMUP_SECONDS', 2, 0);
  const logLevel = process.env.BENCH_LOG_LEVEL || 'warn';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new Error(`BENCH_LOG_LEVEL must be a pino level, got "${logLevel}"`);
  }
  const profile = (process.env.BENCH_PROFILE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const p of profile) {
    if (p !== 'step' && p !== 'submit') throw new Error(`BENCH_PROFILE may list step and submit, got "${p}"`);
  }
  return {
    seconds,
    warmupSeconds,
    connections: intEnv('BENCH_CONNECTIONS', 10, 1),
    drafts: intEnv('BENCH_DRAFTS', 0, 0),
    logLevel,
    profile,
    dataParent: process.env.BENCH_DATA_DIR || undefined,
    timeLimitSeconds: intEnv('BENCH_TIME_LIMIT', 300 + Math.max(0, seconds - 10) * 10, 30),
  };
}

/** Orchestrator -> child. */
export type ToChild =
  | { type: 'count' }
  | { type: 'cpu' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'shutdown' };

/** Child -> orchestrator. */
export type FromChild =
  | { type: 'ready'; port: number; info: Record<string, unknown> }
  | { type: 'count'; rows: number; extra?: Record<string, number> }
  /** The child's CPU time so far (user + system, all its threads), in microseconds. */
  | { type: 'cpu'; micros: number }
  | { type: 'profile-started' }
  | { type: 'profile-stopped'; file: string }
  | { type: 'error'; message: string };

/** A server child: typed request/response over IPC. */
export class Child {
  readonly process: ChildProcess;
  readonly #waiting: Array<{ type: FromChild['type']; resolve: (m: FromChild) => void }> = [];
  #exited = false;

  constructor(script: string, args: string[], env: Record<string, string> = {}, execArgv: string[] = []) {
    this.process = fork(join(import.meta.dirname, script), args, {
      execArgv: ['--import', 'tsx', ...execArgv],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (raw) => {
      const message = raw as FromChild;
      if (message.type === 'error') {
        console.error(`server child ${script} failed: ${message.message}`);
        return;
      }
      const index = this.#waiting.findIndex((w) => w.type === message.type);
      if (index >= 0) this.#waiting.splice(index, 1)[0]?.resolve(message);
    });
    this.process.on('exit', () => {
      this.#exited = true;
    });
  }

  /** Waits for the next message of this type; fails if the child exits first. */
  next<T extends FromChild['type']>(type: T): Promise<Extract<FromChild, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.#exited) return reject(new Error(`server child exited before sending "${type}"`));
      const onExit = (code: number | null) =>
        reject(new Error(`server child exited (code ${code}) before "${type}"`));
      this.process.once('exit', onExit);
      this.#waiting.push({
        type,
        resolve: (m) => {
          this.process.off('exit', onExit);
          resolve(m as Extract<FromChild, { type: T }>);
        },
      });
    });
  }

  send(message: ToChild): void {
    this.process.send(message);
  }

  async request<T extends FromChild['type']>(
    message: ToChild,
    reply: T,
  ): Promise<Extract<FromChild, { type: T }>> {
    const answer = this.next(reply);
    this.send(message);
    return answer;
  }

  /** Asks the child to shut down, and kills it if it has not exited after 10 s. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.send({ type: 'shutdown' });
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.#exited) this.process.kill('SIGKILL');
  }
}

/** In a child: send a message to the orchestrator. */
export function toParent(message: FromChild): void {
  process.send?.(message);
}

/** In a child: exit when the orchestrator goes away, so no server outlives the bench. */
export function exitWithParent(): void {
  process.on('disconnect', () => process.exit(1));
}
