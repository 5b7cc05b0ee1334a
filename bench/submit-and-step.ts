/**
 * `npm run bench`: measures, in one run on loopback, with autocannon in this process and every
 * server in its own child process:
 *  (0) bare Fastify answering the captured HTML of a form step as a precomputed string;
 *  (1) bare Fastify + Ajv (hund-anmelden's fields) + one better-sqlite3 INSERT (WAL, synchronous=FULL);
 *  (2) Amtsweg's final submit, one distinct complete draft per request (prepared before timing);
 *  (3) Amtsweg's GET of a form step (the second step of a draft whose first step is answered);
 *  (2c) the submit of (2) with two delivery channels switched on for the service (e-mail and
 *      webhook): each submit also writes two outbox rows (ADR 0034); measured side by side with (2);
 *  (2u), (3u) the same on the same app built with its request protections off (signed sessions,
 *      no-store; `benchmarkWithoutProtections`), to show what they cost; each measured side by side
 *      with its protected twin in interleaved slices (`measurePair`).
 * Prints req/s, p50/p99 and the ratios (2)/(1), (3)/(0), (2c)/(2), (2)/(2u) and (3)/(3u). Exits non-zero only when a
 * correctness check fails (wrong statuses, rows inserted != successful submits, CSRF drift).
 * Settings: see docs/performance.md (BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS,
 * BENCH_DRAFTS, BENCH_LOG_LEVEL, BENCH_PROFILE, BENCH_DATA_DIR, BENCH_TIME_LIMIT).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Child, HOST, loadSettings, SERVICE, TENANT } from './common.ts';
import { baselineBody } from './hund-anmelden.ts';
import { formatSummary, summarizeProfile } from './profiler.ts';

const settings = loadSettings();
const dataDir = mkdtempSync(join(settings.dataParent ?? tmpdir(), 'amtsweg-bench-'));
const children = new Set<Child>();
const failures: string[] = [];
const servicePath = `/${TENANT}/${SERVICE}`;
/** Time for the server to finish requests that were in flight when autocannon stopped. */
const GRACE_MS = 500;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cleanup(): void {
  for (const child of children) child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

const deadline = setTimeout(() => {
  console.error(`bench: time limit of ${settings.timeLimitSeconds} s exceeded, aborting`);
  cleanup();
  process.exit(2);
}, settings.timeLimitSeconds * 1000);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

async function startChild(
  script: string,
  args: string[],
): Promise<{ child: Child; port: number; info: Record<string, unknown> }> {
  const child = new Child(script, args);
  children.add(child);
  const ready = await child.next('ready');
  return { child, port: ready.port, info: ready.info };
}

async function stopChild(child: Child): Promise<void> {
  await child.stop();
  children.delete(child);
}

// ---------------------------------------------------------------------------------------------
// Load runs

interface LoadSpec {
  port: number;
  path: string;
  method: 'GET' | 'POST';
  seconds: number;
  /** Status counted as success (200 for pages, 303 for submits). */
  expect: number;
  headers?: Record<string, string>;
  body?: string;
  /** Per-request headers and body (called once per request). Return undefined when out of inputs. */
  next?: () => { id: string; headers: Record<string, string>; body: string } | undefined;
  /** Upper bound on requests (e.g. the number of prepared drafts left). */
  maxRequests?: number;
}

interface LoadOutcome {
  requests: number;
  ok: number;
  /** Wrong statuses + connection errors + timeouts. */
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  seconds: number;
  statuses: Record<string, number>;
  samples: string[];
  /**
   * Ids of requests sent but never answered: in flight when autocannon stopped at the end of the
   * duration (one per connection at most), or timed out. The server may still have processed them.
   */
  unanswered: string[];
}

/** Per-connection context of autocannon: which input the request in flight carries. */
interface Context {
  id?: string;
}

async function load(spec: LoadSpec): Promise<LoadOutcome> {
  const samples: string[] = [];
  const issued = new Set<string>();
  const onResponse = (status: number, body: string, context: Context) => {
    if (context.id !== undefined) issued.delete(context.id);
    if (status !== spec.expect && samples.length < 3)
      samples.push(`${status}: ${body.slice(0, 300).replace(/\s+/g, ' ')}`);
  };
  const { next } = spec;
  const request: autocannon.Request = next
    ? {
        method: spec.method,
        path: spec.path,
        onResponse: onResponse as autocannon.Request['onResponse'],
        // Called exactly once per request sent (autocannon builds each client's first request
        // when it creates the client, then one more per response).
        setupRequest: (req, context: Context) => {
          const input = next();
          if (!input) return { ...req, path: '/__bench_out_of_inputs' }; // 404: shows up as an error
          issued.add(input.id);
          context.id = input.id;
          return { ...req, headers: { ...req.headers, ...input.headers }, body: input.body };
        },
      }
    : { method: spec.method, path: spec.path, onResponse: onResponse as autocannon.Request['onResponse'] };
  const result = await autocannon({
    url: `http://${HOST}:${spec.port}`,
    connections: settings.connections,
    duration: spec.seconds,
    ...(spec.maxRequests !== undefined ? { maxOverallRequests: spec.maxRequests } : {}),
    headers: spec.headers ?? {},
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    requests: [request],
    timeout: 10,
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statuses[code] = (stat as { count: number }).count;
  const responses = Object.values(statuses).reduce((a, b) => a + b, 0);
  const ok = statuses[String(spec.expect)] ?? 0;
  const errors = responses - ok + result.errors + result.timeouts;
  return {
    requests: responses,
    ok,
    errors,
    rps: result.duration > 0 ? responses / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: result.duration,
    statuses,
    samples,
    unanswered: [...issued],
  };
}

/** Warm-up (discarded) and timed run; returns both so correctness checks can count all requests. */
async function measure(
  name: string,
  spec: Omit<LoadSpec, 'seconds'>,
): Promise<{ warm?: LoadOutcome; timed: LoadOutcome }> {
  let warm: LoadOutcome | undefined;
  if (settings.warmupSeconds > 0) {
    warm = await load({ ...spec, seconds: settings.warmupSeconds });
    reportErrors(`${name} (warm-up)`, warm, spec.expect);
  }
  const remaining =
    spec.maxRequests === undefined
      ? undefined
      : spec.maxRequests - (warm ? warm.requests + warm.unanswered.length : 0);
  if (remaining !== undefined && remaining < settings.connections) {
    throw new Error(`${name}: only ${remaining} inputs left after the warm-up; raise BENCH_DRAFTS`);
  }
  const timed = await load({
    ...spec,
    seconds: settings.seconds,
    ...(remaining !== undefined ? { maxRequests: remaining } : {}),
  });
  reportErrors(name, timed, spec.expect);
  console.log(
    `  ${name}: ${timed.requests} requests in ${timed.seconds.toFixed(2)} s, ${timed.rps.toFixed(0)} req/s, ` +
      `p50 ${timed.p50} ms, p99 ${timed.p99} ms, statuses ${JSON.stringify(timed.statuses)}`,
  );
  return warm ? { warm, timed } : { timed };
}

function reportErrors(name: string, outcome: LoadOutcome, expect: number): void {
  if (outcome.errors === 0) return;
  const detail = `${name}: ${outcome.errors} of ${outcome.requests} responses were not ${expect} or failed (statuses ${JSON.stringify(outcome.statuses)})`;
  failures.push(detail);
  console.error(`  ERROR ${detail}`);
  for (const sample of outcome.samples) console.error(`    ${sample}`);
}

// ---------------------------------------------------------------------------------------------
// Helpers

function csrfFieldOf(html: string): string | undefined {
  for (const input of html.match(/<input\b[^>]*>/g) ?? []) {
    if (/\bname="_csrf"/.test(input)) return /\bvalue="([^"]*)"/.exec(input)?.[1];
  }
  return undefined;
}

async function getPage(
  port: number,
  path: string,
  token: string,
): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`http://${HOST}:${port}${path}`, {
    headers: { cookie: `aw_sid=${token}` },
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

function check(condition: boolean, message: string): void {
  if (condition) {
    console.log(`  ok: ${message}`);
  } else {
    failures.push(message);
    console.error(`  FAILED: ${message}`);
  }
}

/** Other work on a shared machine skews every figure; the load average makes that visible. */
function loadAverage(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

function machine(): string {
  const cpu = cpus();
  let fs = '?';
  try {
    fs =
      execFileSync('df', ['-T', dataDir], { encoding: 'utf8' }).trim().split('\n')[1]?.split(/\s+/)[1] ?? '?';
  } catch {
    // df is informational only
  }
  return `${cpu.length} CPUs (${cpu[0]?.model.trim() ?? '?'}), Linux ${release()}, Node ${process.version}, data dir on ${fs}, ${loadAverage()}`;
}

async function profileRun(child: Child, name: string, spec: LoadSpec): Promise<LoadOutcome> {
  const file = join(dataDir, `${name}.cpuprofile`);
  await child.request({ type: 'profile-start' }, 'profile-started');
  const outcome = await load(spec);
  await child.request({ type: 'profile-stop', file }, 'profile-stopped');
  reportErrors(`${name} (profiled)`, outcome, spec.expect);
  const keep = join(process.cwd(), '.bench');
  const summary = summarizeProfile(file);
  try {
    execFileSync('mkdir', ['-p', keep]);
    writeFileSync(join(keep, `${name}.cpuprofile`), readFileSync(file));
  } catch {
    // keeping the raw profile is a convenience
  }
  console.log(
    `\n${formatSummary(`${name}, ${outcome.requests} requests in ${outcome.seconds.toFixed(1)} s (profiler on; raw profile in .bench/${name}.cpuprofile)`, summary, outcome.requests)}`,
  );
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// The Amtsweg servers

interface AmtswegServer {
  name: string;
  child: Child;
  port: number;
  info: { prepareMs: number; stepPath: string; stepToken: string; stepCsrf: string; protections: boolean };
  /** Session cookie values and CSRF tokens of the prepared complete drafts. */
  sessions: Array<{ token: string; csrf: string }>;
  /** How many of them the submit runs have used. */
  used: number;
  before: number;
}

async function startAmtsweg(
  mode: 'protected' | 'unprotected' | 'channels',
  drafts: number,
): Promise<AmtswegServer> {
  const dir = join(dataDir, mode);
  mkdirSync(dir);
  console.log(
    `\nAmtsweg server (${mode}): createApp + demo seed, preparing ${drafts} complete drafts before listening...`,
  );
  const tokensFile = join(dir, 'drafts.tsv');
  const started = await startChild('amtsweg-server.ts', [
    dir,
    String(drafts),
    settings.logLevel,
    tokensFile,
    mode,
  ]);
  const info = started.info as AmtswegServer['info'] & { sqlite: unknown };
  console.log(
    `  prepared ${drafts} drafts in ${(info.prepareMs / 1000).toFixed(1)} s; SQLite ${JSON.stringify(info.sqlite)}; log level '${settings.logLevel}'; protections ${info.protections ? 'on' : 'off'}`,
  );
  const protectedMode = mode !== 'unprotected';
  check(
    info.protections === protectedMode,
    `the ${mode} server has its protections ${protectedMode ? 'on' : 'off'}`,
  );
  const sessions = readFileSync(tokensFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [token, csrf] = line.split('\t') as [string, string];
      return { token, csrf };
    });
  check(sessions.length === drafts, `${sessions.length} draft sessions handed over`);
  for (const s of sessions.slice(0, 3)) {
    const page = await getPage(started.port, `${servicePath}/pruefen`, s.token);
    check(
      page.status === 200 && csrfFieldOf(page.html) === s.csrf,
      `prepared draft's check page answers 200 with the handed-over CSRF token (got ${page.status})`,
    );
  }
  const before = (await started.child.request({ type: 'count' }, 'count')).rows;
  return { name: mode, child: started.child, port: started.port, info, sessions, used: 0, before };
}

function stepSpec(server: AmtswegServer) {
  return {
    port: server.port,
    path: server.info.stepPath,
    method: 'GET' as const,
    expect: 200,
    headers: { cookie: `aw_sid=${server.info.stepToken}` },
  };
}

function submitSpec(server: AmtswegServer) {
  return {
    port: server.port,
    path: `${servicePath}/absenden`,
    method: 'POST' as const,
    expect: 303,
    next: () => {
      const s = server.sessions[server.used++];
      if (!s) return undefined;
      return {
        id: s.token,
        headers: { cookie: `aw_sid=${s.token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${s.csrf}&erklaerung=ja`,
      };
    },
  };
}

interface Side {
  name: string;
  spec: Omit<LoadSpec, 'seconds'>;
  /** The server, asked for its CPU time around each timed slice. */
  child: Child;
  /** Inputs left (drafts), for scenarios that consume them. */
  left?: () => number;
}

/** A timed outcome and the server's CPU time per answered request during it. */
type PairOutcome = { timed: LoadOutcome; runs: LoadOutcome[]; cpuMicrosPerRequest: number };

/**
 * Measures two variants of one scenario side by side: both warmed up, then timed in four slices
 * of half the duration each, in the order A, B, B, A, so a change in the machine's load while
 * they run falls on both alike. Returns the slices combined (requests over time; p50 the median
 * and p99 the worst of the slices), every run, for the correctness checks, and the server's CPU
 * time per request: other work on the machine slows a server down but hardly changes what one
 * request costs it, so that ratio is the steadier measure of what the protections cost.
 */
async function measurePair(a: Side, b: Side): Promise<Record<'a' | 'b', PairOutcome>> {
  const runs = { a: [] as LoadOutcome[], b: [] as LoadOutcome[] };
  const cpu = { a: 0, b: 0 };
  const slice = Math.max(1, settings.seconds / 2);
  const once = async (key: 'a' | 'b', seconds: number, warm: boolean) => {
    const side = key === 'a' ? a : b;
    const left = side.left?.();
    if (left !== undefined && left < settings.connections) {
      throw new Error(`${side.name}: only ${left} inputs left; raise BENCH_DRAFTS`);
    }
    const before = (await side.child.request({ type: 'cpu' }, 'cpu')).micros;
    const outcome = await load({
      ...side.spec,
      seconds,
      ...(left !== undefined ? { maxRequests: left } : {}),
    });
    // Requests still in flight when the load stopped finish within the grace time.
    await delay(GRACE_MS);
    if (!warm) cpu[key] += (await side.child.request({ type: 'cpu' }, 'cpu')).micros - before;
    reportErrors(`${side.name}${warm ? ' (warm-up)' : ''}`, outcome, side.spec.expect);
    runs[key].push(outcome);
    return outcome;
  };
  if (settings.warmupSeconds > 0) {
    await once('a', settings.warmupSeconds, true);
    await once('b', settings.warmupSeconds, true);
  }
  const timed = { a: [] as LoadOutcome[], b: [] as LoadOutcome[] };
  for (const key of ['a', 'b', 'b', 'a'] as const) timed[key].push(await once(key, slice, false));
  const combine = (slices: LoadOutcome[]): LoadOutcome => {
    const requests = slices.reduce((n, o) => n + o.requests, 0);
    const seconds = slices.reduce((n, o) => n + o.seconds, 0);
    const statuses: Record<string, number> = {};
    for (const o of slices)
      for (const [code, n] of Object.entries(o.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
    const p50s = slices.map((o) => o.p50).sort((x, y) => x - y);
    return {
      requests,
      ok: slices.reduce((n, o) => n + o.ok, 0),
      errors: slices.reduce((n, o) => n + o.errors, 0),
      rps: seconds > 0 ? requests / seconds : 0,
      p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
      p99: Math.max(...slices.map((o) => o.p99)),
      seconds,
      statuses,
      samples: slices.flatMap((o) => o.samples).slice(0, 3),
      unanswered: slices.flatMap((o) => o.unanswered),
    };
  };
  const outcome = (key: 'a' | 'b'): PairOutcome => {
    const t = combine(timed[key]);
    const answered = t.requests + t.unanswered.length;
    return { timed: t, runs: runs[key], cpuMicrosPerRequest: answered > 0 ? cpu[key] / answered : 0 };
  };
  const result = { a: outcome('a'), b: outcome('b') };
  for (const [key, side] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const o = result[key].timed;
    console.log(
      `  ${side.name}: ${o.requests} requests in ${o.seconds.toFixed(2)} s (4 slices, A B B A), ${o.rps.toFixed(0)} req/s, ` +
        `p50 ${o.p50} ms, p99 ${o.p99} ms, server CPU ${result[key].cpuMicrosPerRequest.toFixed(0)} µs per request, ` +
        `statuses ${JSON.stringify(o.statuses)}`,
    );
  }
  return result;
}

function submitSide(name: string, server: AmtswegServer): Side {
  return {
    name,
    spec: submitSpec(server),
    child: server.child,
    left: () => server.sessions.length - server.used,
  };
}

/**
 * Requests cut off when autocannon stopped were sent, so the app may have committed them: each
 * one's confirmation page (200 = submitted, 303 = not) says which, so the count can be exact.
 */
async function checkSubmits(name: string, server: AmtswegServer, runs: LoadOutcome[]) {
  await delay(GRACE_MS);
  const ok = runs.reduce((sum, r) => sum + r.ok, 0);
  const cutOff = runs.flatMap((r) => r.unanswered);
  let cutOffSubmitted = 0;
  for (const token of cutOff) {
    const page = await getPage(server.port, `${servicePath}/eingegangen`, token);
    if (page.status === 200) cutOffSubmitted++;
  }
  const after = await server.child.request({ type: 'count' }, 'count');
  const inserted = after.rows - server.before;
  console.log(
    `  ${name}: submissions rows inserted: ${inserted}; 303 responses: ${ok}; cut off at the end of a run: ${cutOff.length}, ` +
      `of which committed: ${cutOffSubmitted}; drafts marked submitted: ${after.extra?.submittedDrafts}`,
  );
  check(
    inserted === ok + cutOffSubmitted,
    `${name} rows inserted into submissions (${inserted}) = 303 responses (${ok}) + cut-off requests the app committed (${cutOffSubmitted})`,
  );
  check(
    after.extra?.submittedDrafts === after.rows,
    `${name} every submission row belongs to a draft marked submitted`,
  );
  return { inserted, ok, cutOff: cutOff.length, cutOffSubmitted };
}
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  let submitCheck = { inserted: 0, ok: 0, cutOff: 0, cutOffSubmitted: 0 };
  const started = Date.now();
  console.log(`Amtsweg bench, ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  console.log(
    `settings: ${settings.seconds} s per scenario after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections, ` +
      `Amtsweg log level '${settings.logLevel}', data dir ${dataDir}`,
  );

  // (1) first: its rate sizes the number of drafts prepared for (2).
  console.log('\n(1) baseline: Fastify + Ajv + one better-sqlite3 INSERT (WAL, synchronous=FULL)');
  const bare1 = await startChild('bare-server.ts', ['submit', dataDir, `${servicePath}/absenden`]);
  console.log(`  server: ${JSON.stringify(bare1.info)}`);
  let baselineIndex = 0;
  const run1 = await measure('(1)', {
    port: bare1.port,
    path: `${servicePath}/absenden`,
    method: 'POST',
    expect: 303,
    next: () => {
      const i = baselineIndex++;
      return {
        id: String(i),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: baselineBody(i),
      };
    },
  });
  await delay(GRACE_MS);
  const rows1 = (await bare1.child.request({ type: 'count' }, 'count')).rows;
  const ok1 = run1.timed.ok + (run1.warm?.ok ?? 0);
  const open1 = run1.timed.unanswered.length + (run1.warm?.unanswered.length ?? 0);
  console.log(
    `  rows inserted: ${rows1}; 303 responses: ${ok1}; requests in flight when the load stopped: ${open1}`,
  );
  check(
    rows1 >= ok1 && rows1 <= ok1 + open1,
    `(1) rows inserted (${rows1}) = 303 responses (${ok1}) + at most the ${open1} requests cut off at the end`,
  );
  await stopChild(bare1.child);

  // (2) and (3): the real app, once as it runs and once with its request protections off (2u, 3u),
  // both prepared before any of them is measured, so the two are measured close together.
  // Amtsweg may batch commits (group commit) and so outrun the one-commit-per-request baseline.
  const expected = Math.max(2 * run1.timed.rps, 1500);
  const drafts = settings.drafts || Math.ceil(expected * (settings.seconds + settings.warmupSeconds) * 1.5);
  // The protected server's drafts serve two pairs: (2) with (2u), then (2c) with (2).
  const app = await startAmtsweg('protected', 2 * drafts);
  const bare = await startAmtsweg('unprotected', drafts);
  const channels = await startAmtsweg('channels', drafts);

  // Capture the step HTML for (0) and cross-check the CSRF tokens against what the app renders.
  const stepPage = await getPage(app.port, app.info.stepPath, app.info.stepToken);
  check(stepPage.status === 200, `GET ${app.info.stepPath} answers 200 (got ${stepPage.status})`);
  check(
    csrfFieldOf(stepPage.html) === app.info.stepCsrf,
    'step page renders the CSRF token the bench derived',
  );
  check(
    stepPage.headers.get('cache-control') === 'no-store',
    'the protected step page is no-store (the protections are on)',
  );
  const bareStep = await getPage(bare.port, bare.info.stepPath, bare.info.stepToken);
  check(
    bareStep.status === 200 && bareStep.headers.get('cache-control') === null,
    'the unprotected step page answers 200 without no-store (the protections are off)',
  );
  const htmlFile = join(dataDir, 'step.html');
  writeFileSync(htmlFile, stepPage.html);
  console.log(`  captured step HTML: ${Buffer.byteLength(stepPage.html)} bytes`);

  // Each scenario on and off side by side, interleaved (see measurePair).
  console.log(`\n(3) Amtsweg GET ${app.info.stepPath}, and (3u) the same with the protections off`);
  const step = await measurePair(
    { name: '(3)', spec: stepSpec(app), child: app.child },
    { name: '(3u)', spec: stepSpec(bare), child: bare.child },
  );
  const run3 = step.a;
  const run3u = step.b;
  console.log(
    `\n(2) Amtsweg POST ${servicePath}/absenden, one distinct prepared draft per request, and (2u) the same with the protections off`,
  );
  const submit = await measurePair(submitSide('(2)', app), submitSide('(2u)', bare));
  const run2 = submit.a;
  const run2u = submit.b;
  console.log(
    `\n(2c) Amtsweg POST ${servicePath}/absenden with two delivery channels switched on, side by side with (2)`,
  );
  const withChannels = await measurePair(submitSide('(2c)', channels), submitSide('(2)', app));
  const run2c = withChannels.a;
  run2.runs.push(...withChannels.b.runs);
  for (const server of [app, bare, channels]) {
    if (server.used >= server.sessions.length) {
      console.warn(
        `  WARNING: all drafts of the ${server.name} server were used; the run may have ended early. Raise BENCH_DRAFTS.`,
      );
    }
  }

  if (settings.profile.includes('step'))
    await profileRun(app.child, 'step-get', { ...stepSpec(app), seconds: settings.seconds });
  if (settings.profile.includes('submit')) {
    const left = app.sessions.length - app.used;
    if (left < 1000) console.warn(`  not profiling submit: only ${left} drafts left`);
    else
      run2.runs.push(
        await profileRun(app.child, 'submit', {
          ...submitSpec(app),
          seconds: settings.seconds,
          maxRequests: left,
        }),
      );
  }
  submitCheck = await checkSubmits('(2)', app, run2.runs);
  await checkSubmits('(2u)', bare, run2u.runs);
  await checkSubmits('(2c)', channels, run2c.runs);
  const outbox = await channels.child.request({ type: 'count' }, 'count');
  const withoutChannels = await app.child.request({ type: 'count' }, 'count');
  check(
    withoutChannels.extra?.outbox === 0,
    `(2) wrote no e-mail or webhook outbox row (${withoutChannels.extra?.outbox}): its service has no channel switched on`,
  );
  check(
    outbox.extra?.outbox === 2 * outbox.rows,
    `(2c) every submission wrote one outbox row per channel (${outbox.extra?.outbox} e-mail and webhook rows for ${outbox.rows} submissions)`,
  );
  await stopChild(app.child);
  await stopChild(bare.child);
  await stopChild(channels.child);

  console.log('\n(0) bare Fastify returning the captured step HTML');
  const bare0 = await startChild('bare-server.ts', ['html', htmlFile, app.info.stepPath]);
  const run0 = await measure('(0)', {
    port: bare0.port,
    path: app.info.stepPath,
    method: 'GET',
    expect: 200,
  });
  await stopChild(bare0.child);

  // -------------------------------------------------------------------------------------------
  const rows: Array<[string, LoadOutcome]> = [
    ['(0) bare Fastify, precomputed step HTML', run0.timed],
    ['(1) bare Fastify + Ajv + SQLite INSERT', run1.timed],
    ['(2) Amtsweg submit (distinct drafts)', run2.timed],
    ['(2u) the same, protections off', run2u.timed],
    ['(2c) submit with two delivery channels', run2c.timed],
    ['(2) beside (2c)', withChannels.b.timed],
    ['(3) Amtsweg step GET', run3.timed],
    ['(3u) the same, protections off', run3u.timed],
  ];
  const table = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
    ...rows.map(([label, o]) => [
      label,
      o.rps.toFixed(0),
      o.p50.toFixed(2),
      o.p99.toFixed(2),
      String(o.errors),
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  console.log(
    `\nResults (${settings.seconds} s each, ${settings.connections} connections, Amtsweg log level '${settings.logLevel}'):`,
  );
  for (const row of table) {
    console.log(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`,
    );
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const q21 = ratio(run2.timed.rps, run1.timed.rps);
  const q30 = ratio(run3.timed.rps, run0.timed.rps);
  const verdict = (q: number, target: number) => (q >= target ? 'met' : 'MISSED');
  console.log(`  (2)/(1) = ${q21.toFixed(3)}  (target >= 0.5: ${verdict(q21, 0.5)})`);
  console.log(`  (3)/(0) = ${q30.toFixed(3)}  (target >= 0.07: ${verdict(q30, 0.07)})`);
  const q2c = ratio(run2c.timed.rps, withChannels.b.timed.rps);
  const c2c = ratio(withChannels.b.cpuMicrosPerRequest, run2c.cpuMicrosPerRequest);
  console.log(
    `  (2c)/(2) = ${q2c.toFixed(3)}  (two delivery channels, target >= 0.9: ${verdict(q2c, 0.9)}); ` +
      `by server CPU per request (2)/(2c) = ${c2c.toFixed(3)} (${withChannels.b.cpuMicrosPerRequest.toFixed(0)} µs, ${run2c.cpuMicrosPerRequest.toFixed(0)} µs)`,
  );
  const q22 = ratio(run2.timed.rps, run2u.timed.rps);
  const q33 = ratio(run3.timed.rps, run3u.timed.rps);
  console.log(`  (2)/(2u) = ${q22.toFixed(3)}  (protections on/off, target >= 0.9: ${verdict(q22, 0.9)})`);
  console.log(`  (3)/(3u) = ${q33.toFixed(3)}  (protections on/off, target >= 0.9: ${verdict(q33, 0.9)})`);
  // The same comparison by the server's CPU time per request (unprotected / protected), which
  // other work on the machine hardly moves.
  const c22 = ratio(submit.b.cpuMicrosPerRequest, submit.a.cpuMicrosPerRequest);
  const c33 = ratio(step.b.cpuMicrosPerRequest, step.a.cpuMicrosPerRequest);
  console.log(
    `  by server CPU per request: (2) ${submit.a.cpuMicrosPerRequest.toFixed(0)} µs, (2u) ${submit.b.cpuMicrosPerRequest.toFixed(0)} µs, ` +
      `(2u)/(2) = ${c22.toFixed(3)}; (3) ${step.a.cpuMicrosPerRequest.toFixed(0)} µs, (3u) ${step.b.cpuMicrosPerRequest.toFixed(0)} µs, ` +
      `(3u)/(3) = ${c33.toFixed(3)} (target >= 0.9: ${verdict(c22, 0.9)}, ${verdict(c33, 0.9)})`,
  );
  console.log(
    `  submit check: ${submitCheck.inserted} rows inserted = ${submitCheck.ok} responses 303 + ${submitCheck.cutOffSubmitted} ` +
      `committed of ${submitCheck.cutOff} requests cut off at the end of a run`,
  );
  console.log(`  ${loadAverage()} at the end`);
  console.log(`  total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failures.length > 0) {
    console.error(`\nCORRECTNESS CHECKS FAILED (${failures.length}):`);
    for (const f of failures) console.error(`  - ${f}`);
  }
}

main()
  .catch((error: unknown) => {
    failures.push(String(error));
    console.error(error);
  })
  .finally(() => {
    cleanup();
    process.exit(failures.length > 0 ? 1 : 0);
  });
