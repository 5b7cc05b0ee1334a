/**
 * `npm run bench`: measures, in one run on loopback, with autocannon in this process and every
 * server in its own child process:
 *  (0) bare Fastify answering the captured HTML of a form step as a precomputed string;
 *  (1) bare Fastify + Ajv (hund-anmelden's fields) + one better-sqlite3 INSERT (WAL, synchronous=FULL);
 *  (2) Amtsweg's final submit, one distinct complete draft per request (prepared before timing);
 *  (3) Amtsweg's GET of a form step (the second step of a draft whose first step is answered).
 * Prints req/s, p50/p99 and the ratios (2)/(1) and (3)/(0). Then (2) and (3) once more against a
 * server with its protections against slow clients switched off (`unprotectedRuns`, ADR 0027;
 * BENCH_UNPROTECTED=0 skips it), with the ratios protected/unprotected. Exits non-zero only when a
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
// The same step GET and submit with the server's protections switched off (ADR 0027)

/**
 * (2) and (3) against a fresh server started `unprotected` (no bound on connections per client,
 * no effective timeouts), to show what those protections cost: the ratios protected/unprotected
 * should be close to 1. Its own time budget, as it doubles the run.
 */
async function unprotectedRuns(protectedRuns: { drafts: number; step: LoadOutcome; submit: LoadOutcome }) {
  deadline.refresh();
  console.log('\n(2u) and (3u): the same with the protections against slow clients switched off');
  const tokensFile = join(dataDir, 'drafts-unprotected.tsv');
  const ownDir = join(dataDir, 'unprotected');
  mkdirSync(ownDir);
  const server = await startChild('amtsweg-server.ts', [
    ownDir,
    String(protectedRuns.drafts),
    settings.logLevel,
    tokensFile,
    'unprotected',
  ]);
  const info = server.info as { stepPath: string; stepToken: string };
  const sessions = readFileSync(tokensFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t') as [string, string]);
  const step = await measure('(3u)', {
    port: server.port,
    path: info.stepPath,
    method: 'GET',
    expect: 200,
    headers: { cookie: `aw_sid=${info.stepToken}` },
  });
  let used = 0;
  const submit = await measure('(2u)', {
    port: server.port,
    path: `${servicePath}/absenden`,
    method: 'POST',
    expect: 303,
    maxRequests: sessions.length,
    next: () => {
      const s = sessions[used++];
      if (!s) return undefined;
      return {
        id: s[0],
        headers: { cookie: `aw_sid=${s[0]}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${s[1]}&erklaerung=ja`,
      };
    },
  });
  await stopChild(server.child);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  console.log(
    `  step GET: ${protectedRuns.step.rps.toFixed(0)} req/s protected, ${step.timed.rps.toFixed(0)} unprotected: (3)/(3u) = ${ratio(protectedRuns.step.rps, step.timed.rps).toFixed(3)}`,
  );
  console.log(
    `  submit:   ${protectedRuns.submit.rps.toFixed(0)} req/s protected, ${submit.timed.rps.toFixed(0)} unprotected: (2)/(2u) = ${ratio(protectedRuns.submit.rps, submit.timed.rps).toFixed(3)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Helpers

function csrfFieldOf(html: string): string | undefined {
  for (const input of html.match(/<input\b[^>]*>/g) ?? []) {
    if (/\bname="_csrf"/.test(input)) return /\bvalue="([^"]*)"/.exec(input)?.[1];
  }
  return undefined;
}

async function getPage(port: number, path: string, token: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`http://${HOST}:${port}${path}`, {
    headers: { cookie: `aw_sid=${token}` },
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
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

  // (2) and (3): the real app.
  // Amtsweg may batch commits (group commit) and so outrun the one-commit-per-request baseline.
  const expected = Math.max(2 * run1.timed.rps, 1500);
  const drafts = settings.drafts || Math.ceil(expected * (settings.seconds + settings.warmupSeconds) * 1.5);
  console.log(
    `\nAmtsweg server: createApp + demo seed, preparing ${drafts} complete drafts before listening...`,
  );
  const tokensFile = join(dataDir, 'drafts.tsv');
  const amtsweg = await startChild('amtsweg-server.ts', [
    dataDir,
    String(drafts),
    settings.logLevel,
    tokensFile,
  ]);
  const info = amtsweg.info as {
    prepareMs: number;
    stepPath: string;
    stepToken: string;
    stepCsrf: string;
    sqlite: unknown;
    serviceVersion: number;
  };
  console.log(
    `  prepared ${drafts} drafts in ${(info.prepareMs / 1000).toFixed(1)} s; SQLite ${JSON.stringify(info.sqlite)}; log level '${settings.logLevel}'`,
  );
  const sessions = readFileSync(tokensFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [token, csrf] = line.split('\t') as [string, string];
      return { token, csrf };
    });
  check(sessions.length === drafts, `${sessions.length} draft sessions handed over`);

  // Capture the step HTML for (0) and cross-check the CSRF tokens against what the app renders.
  const stepPage = await getPage(amtsweg.port, info.stepPath, info.stepToken);
  check(stepPage.status === 200, `GET ${info.stepPath} answers 200 (got ${stepPage.status})`);
  check(csrfFieldOf(stepPage.html) === info.stepCsrf, 'step page renders the CSRF token the bench derived');
  for (const s of sessions.slice(0, 3)) {
    const check1 = await getPage(amtsweg.port, `${servicePath}/pruefen`, s.token);
    check(
      check1.status === 200 && csrfFieldOf(check1.html) === s.csrf,
      `prepared draft's check page answers 200 with the handed-over CSRF token (got ${check1.status})`,
    );
  }
  const htmlFile = join(dataDir, 'step.html');
  writeFileSync(htmlFile, stepPage.html);
  console.log(`  captured step HTML: ${Buffer.byteLength(stepPage.html)} bytes`);

  console.log(`\n(3) Amtsweg GET ${info.stepPath}`);
  const stepSpec = {
    port: amtsweg.port,
    path: info.stepPath,
    method: 'GET' as const,
    expect: 200,
    headers: { cookie: `aw_sid=${info.stepToken}` },
  };
  const run3 = await measure('(3)', stepSpec);

  console.log(`\n(2) Amtsweg POST ${servicePath}/absenden, one distinct prepared draft per request`);
  const before = await amtsweg.child.request({ type: 'count' }, 'count');
  let used = 0;
  const nextSubmit = () => {
    const s = sessions[used++];
    if (!s) return undefined;
    return {
      id: s.token,
      headers: { cookie: `aw_sid=${s.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${s.csrf}&erklaerung=ja`,
    };
  };
  const submitSpec = {
    port: amtsweg.port,
    path: `${servicePath}/absenden`,
    method: 'POST' as const,
    expect: 303,
    next: nextSubmit,
  };
  const run2 = await measure('(2)', { ...submitSpec, maxRequests: sessions.length });
  const submitRuns = [run2.timed, ...(run2.warm ? [run2.warm] : [])];
  if (used >= sessions.length) {
    console.warn(
      `  WARNING: all ${sessions.length} drafts were used; the run may have ended early. Raise BENCH_DRAFTS.`,
    );
  }

  if (settings.profile.includes('step'))
    await profileRun(amtsweg.child, 'step-get', { ...stepSpec, seconds: settings.seconds });
  if (settings.profile.includes('submit')) {
    const left = sessions.length - used;
    if (left < 1000) console.warn(`  not profiling submit: only ${left} drafts left`);
    else
      submitRuns.push(
        await profileRun(amtsweg.child, 'submit', {
          ...submitSpec,
          seconds: settings.seconds,
          maxRequests: left,
        }),
      );
  }

  // Requests cut off when autocannon stopped were sent, so the app may have committed them: each
  // one's confirmation page (200 = submitted, 303 = not) says which, so the count can be exact.
  await delay(GRACE_MS);
  const ok2 = submitRuns.reduce((sum, r) => sum + r.ok, 0);
  const cutOff = submitRuns.flatMap((r) => r.unanswered);
  let cutOffSubmitted = 0;
  for (const token of cutOff) {
    const page = await getPage(amtsweg.port, `${servicePath}/eingegangen`, token);
    if (page.status === 200) cutOffSubmitted++;
  }
  const after = await amtsweg.child.request({ type: 'count' }, 'count');
  const inserted = after.rows - before.rows;
  console.log(
    `  submissions rows inserted: ${inserted}; 303 responses: ${ok2}; cut off at the end of a run: ${cutOff.length}, ` +
      `of which committed: ${cutOffSubmitted}; drafts marked submitted: ${after.extra?.submittedDrafts}`,
  );
  check(
    inserted === ok2 + cutOffSubmitted,
    `(2) rows inserted into submissions (${inserted}) = 303 responses (${ok2}) + cut-off requests the app committed (${cutOffSubmitted})`,
  );
  check(
    after.extra?.submittedDrafts === after.rows,
    '(2) every submission row belongs to a draft marked submitted',
  );
  submitCheck = { inserted, ok: ok2, cutOff: cutOff.length, cutOffSubmitted };
  await stopChild(amtsweg.child);

  console.log('\n(0) bare Fastify returning the captured step HTML');
  const bare0 = await startChild('bare-server.ts', ['html', htmlFile, info.stepPath]);
  const run0 = await measure('(0)', { port: bare0.port, path: info.stepPath, method: 'GET', expect: 200 });
  await stopChild(bare0.child);

  // -------------------------------------------------------------------------------------------
  const rows: Array<[string, LoadOutcome]> = [
    ['(0) bare Fastify, precomputed step HTML', run0.timed],
    ['(1) bare Fastify + Ajv + SQLite INSERT', run1.timed],
    ['(2) Amtsweg submit (distinct drafts)', run2.timed],
    ['(3) Amtsweg step GET', run3.timed],
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
  console.log(
    `  submit check: ${submitCheck.inserted} rows inserted = ${submitCheck.ok} responses 303 + ${submitCheck.cutOffSubmitted} ` +
      `committed of ${submitCheck.cutOff} requests cut off at the end of a run`,
  );
  if (process.env.BENCH_UNPROTECTED !== '0') {
    await unprotectedRuns({ drafts, step: run3.timed, submit: run2.timed });
  }
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
