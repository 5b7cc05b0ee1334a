/**
 * `npm run bench:editor`: the visual editor (ADR 0033) on a generated 500-field service, against
 * baselines measured in the same run, in this process through Fastify's inject (no network on
 * either side).
 *
 *  - (E) Saving one change: a designer's POST of a field's settings form (a new German label) to
 *    the draft, which applies the change, runs the definition check of the whole draft and
 *    stores it with its version. Baseline (C): `parseDefinition` of the same definition as JSON
 *    (the check) plus one bare UPDATE of a row with that JSON through better-sqlite3 on its own
 *    file (WAL, synchronous=FULL, as the app's database). Target: p99(E) ≤ 3 × p99(C).
 *  - (P) Opening the editor's largest page (the largest HTML of the draft's pages: overview,
 *    start page, code view, the largest step page). Baseline (S): a citizen's GET of a step page of
 *    the same service, published, with a draft of its own. Target: p99(P) ≤ 5 × p99(S).
 *
 * The two of each pair run in interleaved rounds (A B B A …), so a change of the machine's load
 * falls on both alike. Settings: BENCH_EDITOR_ROUNDS (default 8), BENCH_EDITOR_PER_ROUND
 * (requests per contender and round, default 25).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createArgon2Hasher } from '../src/adapters/security/argon2-hasher.ts';
import { createApp, createLogger } from '../src/app.ts';
import { seedDemo } from '../src/cli/demo-seed.ts';
import { loadConfig } from '../src/config.ts';
import { publishService } from '../src/core/publishing.ts';
import { parseDefinition } from '../src/definition/parse.ts';
import { HttpClient, type PageResult } from '../test/support/http-client.ts';
import { generateBase } from './generated-definition.ts';

const SAVE_TARGET = 3;
const PAGE_TARGET = 5;
const ROUNDS = intEnv('BENCH_EDITOR_ROUNDS', 8, 2);
const PER_ROUND = intEnv('BENCH_EDITOR_PER_ROUND', 25, 5);
const TENANT = 'musterstadt';
const DRAFTS = '/staff/design/entwuerfe';

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function expect(page: PageResult, status: number, what: string): PageResult {
  if (page.status !== status) throw new Error(`${what}: expected ${status}, got ${page.status}`);
  return page;
}

/** Runs `a` and `b` in interleaved rounds and returns every timing of each, in ms. */
async function pair(a: () => Promise<void>, b: () => Promise<void>) {
  const times = { a: [] as number[], b: [] as number[] };
  const timed = async (task: () => Promise<void>, into: number[]) => {
    for (let i = 0; i < PER_ROUND; i++) {
      const started = performance.now();
      await task();
      into.push(performance.now() - started);
    }
  };
  // Warm-up (JIT, caches), not counted.
  await timed(a, []);
  await timed(b, []);
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      await timed(a, times.a);
      await timed(b, times.b);
    } else {
      await timed(b, times.b);
      await timed(a, times.a);
    }
  }
  return times;
}

function report(label: string, samples: number[]): number {
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  console.log(`  ${label.padEnd(58)} p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (${samples.length})`);
  return p99;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-bench-editor-'));
  try {
    const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
    const app = await createApp({
      config: loadConfig({ AMTSWEG_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
      masterKey: randomBytes(32),
      passwords,
      jobs: false,
      logger: createLogger('warn'),
    });
    const { credentials } = await seedDemo({
      store: app.store,
      clock: app.clock,
      passwords,
      codeLists: app.codeLists,
      definitionsDir: join(import.meta.dirname, '..', 'definitions'),
      credentialsFile: join(dataDir, 'demo-credentials.json'),
    });
    const definition = generateBase() as { id: string };
    const json = JSON.stringify(definition);
    const tenant = (await app.store.tenants.bySlug(TENANT))!;
    const published = await publishService({ store: app.store, clock: app.clock }, tenant.id, definition);
    if (!published.ok) throw new Error(`the generated definition does not publish: ${published.problems}`);

    // The designer: signs in and starts a draft from the published service.
    const designer = credentials.find((c) => c.tenant === TENANT && c.role === 'designer');
    if (!designer) throw new Error('no demo designer');
    const staff = new HttpClient(app.server);
    const login = await staff.get('/staff/login');
    expect(
      await staff.submit(login, 'Anmelden', { username: designer.username, password: designer.password }),
      303,
      'login',
    );
    const list = expect(await staff.get(DRAFTS), 200, 'drafts page');
    const started = expect(
      await staff.submit(list, 'Entwurf aus der Leistung anlegen', { leistung: definition.id }),
      303,
      'start a draft',
    );
    const draftPath = started.location!.split('?')[0]!;
    const summary = (await app.store.editorDrafts.list(tenant.id))[0]!;
    const draft = (await app.store.editorDrafts.byId(tenant.id, summary.id))!;
    const fields = draft.definition.steps.flatMap((s) => s.fields);
    const field = fields[Math.floor(fields.length / 2)]!;
    const fieldPage = expect(await staff.get(`${draftPath}/felder/${field.uid}`), 200, 'field page');
    const form = staff.formOf(fieldPage, 'Speichern');
    let version = Number(form.data.version);

    // (E) one change saved: a new label each time, with the draft's current version.
    let saves = 0;
    const save = async () => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({
        ...form.data,
        version: String(version),
        's.label.de': `Frage, Fassung ${++saves}`,
      }))
        for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      const response = await app.server.inject({
        method: 'POST',
        url: form.action,
        headers: { cookie: staff.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
      if (response.statusCode !== 303) throw new Error(`save answered ${response.statusCode}`);
      version++;
    };

    // (C) the check of the same definition plus one bare durable UPDATE of its JSON.
    const bare = new Database(join(dataDir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE drafts (id INTEGER PRIMARY KEY, version INTEGER, definition TEXT)');
    bare.prepare('INSERT INTO drafts VALUES (1, 0, ?)').run(json);
    const update = bare.prepare('UPDATE drafts SET definition = ?, version = version + 1 WHERE id = 1');
    const checkAndUpdate = async () => {
      const parsed = parseDefinition(JSON.parse(json));
      if (!parsed.ok) throw new Error('the generated definition fails its check');
      update.run(json);
    };

    // (P) the editor's largest page, found by size among the draft's pages.
    const stepSizes = await Promise.all(
      draft.definition.steps.map(async (s) => {
        const page = expect(await staff.get(`${draftPath}/schritte/${s.uid}`), 200, 'step page');
        return { path: `${draftPath}/schritte/${s.uid}`, bytes: Buffer.byteLength(page.body) };
      }),
    );
    const pages = [
      ...(await Promise.all(
        [draftPath, `${draftPath}/startseite`, `${draftPath}/code`].map(async (path) => ({
          path,
          bytes: Buffer.byteLength(expect(await staff.get(path), 200, path).body),
        })),
      )),
      ...stepSizes,
    ].sort((a, b) => b.bytes - a.bytes);
    const largest = pages[0]!;
    const openEditor = async () => {
      const response = await app.server.inject({
        method: 'GET',
        url: largest.path,
        headers: { cookie: staff.cookieHeader },
      });
      if (response.statusCode !== 200) throw new Error(`editor page answered ${response.statusCode}`);
    };

    // (S) a citizen's step page of the same service: started, on its first step.
    const citizen = new HttpClient(app.server);
    const start = expect(await citizen.get(`/${TENANT}/${definition.id}`), 200, 'start page');
    const first = expect(await citizen.submit(start, /Jetzt starten/), 303, 'start');
    const stepPath = first.location!;
    const stepBytes = Buffer.byteLength(expect(await citizen.get(stepPath), 200, 'citizen step').body);
    const citizenStep = async () => {
      const response = await app.server.inject({
        method: 'GET',
        url: stepPath,
        headers: { cookie: citizen.cookieHeader },
      });
      if (response.statusCode !== 200) throw new Error(`citizen step answered ${response.statusCode}`);
    };

    console.log(`Visual editor, 500-field definition, ${new Date().toISOString()}`);
    console.log(
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Linux ${release()}, Node ${process.version}, load ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(`${ROUNDS} rounds of ${PER_ROUND} requests per contender, interleaved`);
    const saving = await pair(save, checkAndUpdate);
    const pE = report('(E) save one change (POST, check, store)', saving.a);
    const pC = report('(C) definition check + one bare UPDATE', saving.b);
    const opening = await pair(openEditor, citizenStep);
    const pP = report(
      `(P) editor's largest page ${largest.path.slice(DRAFTS.length)} (${largest.bytes} B)`,
      opening.a,
    );
    const pS = report(`(S) citizen step page (${stepBytes} B)`, opening.b);
    const saveRatio = pE / pC;
    const pageRatio = pP / pS;
    console.log(
      `  p99 (E)/(C) = ${saveRatio.toFixed(2)}  (target <= ${SAVE_TARGET}: ${saveRatio <= SAVE_TARGET ? 'met' : 'MISSED'})`,
    );
    console.log(
      `  p99 (P)/(S) = ${pageRatio.toFixed(2)}  (target <= ${PAGE_TARGET}: ${pageRatio <= PAGE_TARGET ? 'met' : 'MISSED'})`,
    );
    const stored = (await app.store.editorDrafts.byId(tenant.id, draft.id))!;
    if (stored.version !== version) throw new Error(`draft version ${stored.version}, expected ${version}`);
    console.log(`  check: the draft holds version ${stored.version} after ${saves} saves`);
    bare.close();
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
