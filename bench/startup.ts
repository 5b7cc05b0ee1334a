/**
 * `npm run bench:startup`: how long `amtsweg serve` takes from spawning the process to the first
 * `200` of `GET /health/ready`, run from the TypeScript sources through tsx (`AMTSWEG_FROM_SOURCES=1`)
 * and from the build in `dist/` (ADR 0021; the npm script builds it first).
 *
 * Both ways run `bin/amtsweg.js serve` on the same data directory, migrated and seeded with the
 * demo beforehand, with a master key file: every timed start does what a production restart
 * does (open the database, find no pending migration, load the code lists, listen), and no
 * seeding. After one untimed start of each (warm file cache for both, and tsx's transform cache
 * warm too: the best case for the sources), the two ways alternate, so drift of the machine hits
 * both alike. The probe asks every 5 ms; a refused connection costs well under that.
 *
 * On Linux it also reads the CPU time the server process (all its threads) had used when it was
 * ready, from /proc: on a machine shared with other work the wall time mostly measures the
 * others, the CPU time much less. For scale, it times `node -e ""` too (the floor: starting and
 * ending a Node process). Settings: BENCH_STARTUP_RUNS (timed starts each way, default 10),
 * BENCH_DATA_DIR (parent of the temporary data directory). Prints median, p90 and min of the wall
 * time and the median CPU time per way, and the ratios of the medians. Exits 1 when a start fails
 * or the build in dist/ is missing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST, repoRoot } from './common.ts';

const PROBE_INTERVAL_MS = 5;
const START_LIMIT_MS = 60_000;
const bin = join(repoRoot, 'bin', 'amtsweg.js');
const SOURCES_NOTE = 'running the TypeScript sources through tsx';

type Way = 'sources (tsx)' | 'build (dist/)';
const WAYS: Way[] = ['sources (tsx)', 'build (dist/)'];

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux in practice). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** User plus system CPU time of a process so far, in ms; undefined where there is no /proc. */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name in parentheses: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

interface Start {
  wallMs: number;
  cpuMs: number | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** One `GET /health/ready`: its status, or 0 when nothing listens yet. */
function readyStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: HOST, port, path: '/health/ready', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', () => resolve(0));
    req.end();
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Milliseconds from spawn to the first 200 of /health/ready, and the CPU time used until then. */
async function timeStart(way: Way, env: Record<string, string>, port: number): Promise<Start> {
  const wayEnv: Record<string, string> = way === 'sources (tsx)' ? { AMTSWEG_FROM_SOURCES: '1' } : {};
  let stderr = '';
  let exited = false;
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...env, ...wayEnv, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.once('exit', () => {
    exited = true;
  });
  try {
    while (true) {
      if (exited) throw new Error(`${way}: the server exited before it was ready:\n${stderr}`);
      if ((await readyStatus(port)) === 200) break;
      if (performance.now() - started > START_LIMIT_MS) throw new Error(`${way}: not ready in 60 s`);
      await sleep(PROBE_INTERVAL_MS);
    }
    const wallMs = performance.now() - started;
    const cpuMs = cpuTimeMs(child.pid);
    // What ran must be what is measured: the build never falls back to the sources.
    if (way === 'build (dist/)' && stderr.includes(SOURCES_NOTE)) {
      throw new Error(`${way}: ran the sources instead of dist/`);
    }
    return { wallMs, cpuMs };
  } finally {
    await stop(child);
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<number> {
  const runs = intEnv('BENCH_STARTUP_RUNS', 10, 1);
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) {
    console.error('bench:startup: no build in dist/; run `npm run build` (npm run bench:startup does)');
    return 1;
  }
  const dataDir = mkdtempSync(join(process.env.BENCH_DATA_DIR || tmpdir(), 'amtsweg-startup-'));
  try {
    const keyFile = join(dataDir, 'bench-master.key');
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AMTSWEG_DATA_DIR: dataDir,
      AMTSWEG_MASTER_KEY_FILE: keyFile,
      HOST,
      LOG_LEVEL: 'warn',
    };
    // Migrations and the demo seed once, so that no timed start does either.
    const seed = spawnSync(process.execPath, [bin, 'demo'], { env, encoding: 'utf8' });
    if (seed.status !== 0) {
      console.error(`bench:startup: seeding the demo failed:\n${seed.stderr}`);
      return 1;
    }
    const port = await freePort();
    const load = loadavg()[0]?.toFixed(2);
    console.log(
      `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load average ${load} at start`,
    );
    console.log(`${runs} timed starts each way, alternating, after one untimed start each; log level warn\n`);

    for (const way of WAYS) await timeStart(way, env, port);
    const starts: Record<Way, Start[]> = { 'sources (tsx)': [], 'build (dist/)': [] };
    const bare: Start[] = [];
    for (let i = 0; i < runs; i++) {
      for (const way of WAYS) starts[way].push(await timeStart(way, env, port));
      const started = performance.now();
      spawnSync(process.execPath, ['-e', '']);
      bare.push({ wallMs: performance.now() - started, cpuMs: undefined });
    }

    const wall = (list: Start[]) => list.map((s) => s.wallMs);
    const cpu = (list: Start[]) => list.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
    const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '-').padStart(8);
    const row = (name: string, list: Start[]) => {
      const w = wall(list);
      return `${name.padEnd(36)}${ms(quantile(w, 0.5))}${ms(quantile(w, 0.9))}${ms(Math.min(...w))}${ms(quantile(cpu(list), 0.5))}`;
    };
    console.log('From process start to the first 200 of GET /health/ready, in ms:');
    console.log(`${''.padEnd(36)}  median     p90     min     CPU`);
    for (const way of WAYS) console.log(row(way, starts[way]));
    console.log(row('node -e "" (process start and exit)', bare));
    const ratio = (of: (list: Start[]) => number[]) =>
      (quantile(of(starts['sources (tsx)']), 0.5) / quantile(of(starts['build (dist/)']), 0.5)).toFixed(2);
    console.log(`\nsources / build (medians): wall time ${ratio(wall)} ×, CPU time ${ratio(cpu)} ×`);
    console.log(`load average ${loadavg()[0]?.toFixed(2)} at end`);
    return 0;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
