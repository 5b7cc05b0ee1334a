/**
 * `npm run bench:login`: citizen login through the built-in test identity provider (ADR 0035,
 * 0036), over real HTTP on the loopback interface, the app listening in this process.
 *
 *  - (L) Login round trips per second: from the login page's link to the provider, through its
 *    authorization endpoint, persona page and the redirect back, to our callback, which exchanges
 *    the code for tokens (PKCE, a back-channel request to the provider), checks the ID token and
 *    stores the login, encrypted. One browser at a time, each with its own session and draft
 *    (made before the timing starts).
 *  - (G) The step GET of a logged-in browser session against (A) the same step GET of an anonymous
 *    one, in the same run, one request of each in turn (G A A G …) so a change of the machine's
 *    load falls on both alike. Target: rate(G) ≥ 0.9 × rate(A): identity must not slow every page.
 *
 * The machine is shared: the load average is printed before and after, and every figure with its
 * spread over the rounds. Settings: BENCH_LOGIN_ROUNDS (default 5), BENCH_LOGIN_PER_ROUND (logins
 * per round, default 20), BENCH_LOGIN_GETS (step GETs per contender and round, default 200).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JSDOM } from 'jsdom';
import { TEST_PERSONAS } from '../src/adapters/identity/test-idp/personas.ts';
import { createArgon2Hasher } from '../src/adapters/security/argon2-hasher.ts';
import { createApp, createLogger } from '../src/app.ts';
import { seedDemo } from '../src/cli/demo-seed.ts';
import { loadConfig } from '../src/config.ts';
import { SESSION_COOKIE } from '../src/web/browser-session.ts';
import { CookieJar, freePort, locationOf } from '../test/support/listening-app.ts';
import { HOST, intEnv } from './common.ts';

const RATIO_TARGET = 0.9;
const ROUNDS = intEnv('BENCH_LOGIN_ROUNDS', 5, 2);
const PER_ROUND = intEnv('BENCH_LOGIN_PER_ROUND', 20, 2);
const GETS = intEnv('BENCH_LOGIN_GETS', 200, 10);
/** Needs a login (substanziell): where the login round trips begin. */
const LOGIN_SERVICE = '/musterstadt/meldebescheinigung';
/** Needs none: its first step is opened by both browsers. */
const STEP_SERVICE = '/musterstadt/hund-anmelden';

const csrfOf = async (response: Response) =>
  new JSDOM(await response.text()).window.document.querySelector<HTMLInputElement>('input[name="_csrf"]')!
    .value;

function expectStatus(response: Response, status: number, what: string): Response {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}`);
  return response;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[], digits = 1) =>
  `median ${median(values).toFixed(digits)} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-bench-login-'));
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const url = (path: string) => new URL(path, base);
  try {
    const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
    const app = await createApp({
      config: loadConfig({
        AMTSWEG_DATA_DIR: dataDir,
        AMTSWEG_BASE_URL: base,
        AMTSWEG_TEST_IDP: 'on',
        LOG_LEVEL: 'warn',
      }),
      masterKey: randomBytes(32),
      passwords,
      jobs: false,
      logger: createLogger('warn'),
    });
    await seedDemo({
      store: app.store,
      clock: app.clock,
      passwords,
      codeLists: app.codeLists,
      definitionsDir: join(import.meta.dirname, '..', 'definitions'),
      credentialsFile: join(dataDir, 'demo-credentials.json'),
    });
    // Every login here begins with a new browser and draft from one address: far more than a
    // citizen's hourly budget of drafts (`limits.citizens`, ADR 0027), raised for the bench.
    const tenantId = (await app.store.tenants.bySlug('musterstadt'))!.id;
    await app.store.operationalSettings.put(
      {
        tenantId,
        serviceId: null,
        kind: 'limits.citizens',
        options: { draftsPerHour: 100_000, uploadMegabytesPerHour: 500 },
        secrets: {},
        updatedAt: new Date().toISOString(),
        updatedBy: null,
      },
      {
        tenantId,
        actorType: 'operator',
        actorId: null,
        action: 'setting.changed',
        subjectType: 'operational_setting',
        subjectId: 'limits.citizens',
      },
    );
    await app.server.listen({ port, host: HOST });
    const persona = TEST_PERSONAS[0]!;

    /** A new browser with a draft of the login service, on its login page: the link to the provider. */
    const readyToLogIn = async () => {
      const jar = new CookieJar();
      const start = expectStatus(await jar.fetch(url(LOGIN_SERVICE)), 200, 'service page');
      expectStatus(
        await jar.post(url(`${LOGIN_SERVICE}/start`), { _csrf: await csrfOf(start) }),
        303,
        'start',
      );
      const page = new JSDOM(await (await jar.fetch(url(`${LOGIN_SERVICE}/anmelden`))).text()).window
        .document;
      const link = [...page.querySelectorAll('a')].find((a) =>
        a.textContent?.includes('Test-Identitätsanbieter'),
      );
      if (!link) throw new Error('the login page offers no test IdP');
      return { jar, href: link.getAttribute('href')! };
    };
    /** (L): the round trip through the provider, up to our callback's answer. */
    const logIn = async ({ jar, href }: Awaited<ReturnType<typeof readyToLogIn>>) => {
      const authorize = locationOf(expectStatus(await jar.fetch(url(href)), 303, 'to the provider'));
      const interaction = locationOf(await jar.fetch(authorize));
      const personaPage = expectStatus(await jar.fetch(interaction), 200, 'persona page');
      const chosen = await jar.post(`${interaction.href}/anmelden`, {
        _csrf: await csrfOf(personaPage),
        persona: persona.id,
        niveau: 'hoch',
      });
      const callback = locationOf(await jar.fetch(locationOf(expectStatus(chosen, 303, 'persona chosen'))));
      if (callback.pathname !== '/auth/test-idp/callback') throw new Error(`not our callback: ${callback}`);
      const done = expectStatus(await jar.fetch(callback), 303, 'callback');
      if (!locationOf(done).pathname.startsWith(LOGIN_SERVICE)) throw new Error('the login did not complete');
      return jar;
    };

    /** A browser on the first step of the step service: its step URL. */
    const onFirstStep = async (jar: CookieJar) => {
      const start = expectStatus(await jar.fetch(url(STEP_SERVICE)), 200, 'step service');
      const begun = expectStatus(
        await jar.post(url(`${STEP_SERVICE}/start`), { _csrf: await csrfOf(start) }),
        303,
        'start the step service',
      );
      const step = locationOf(begun);
      const page = expectStatus(await jar.fetch(step), 200, 'first step');
      return { step, body: await page.text() };
    };

    // Warm-up: JIT, caches, the provider's keys (not counted).
    for (let i = 0; i < 3; i++) await logIn(await readyToLogIn());
    const loggedIn = await logIn(await readyToLogIn());
    const anonymous = new CookieJar();
    const withLogin = await onFirstStep(loggedIn);
    const without = await onFirstStep(anonymous);
    if (!withLogin.body.includes('Abmelden')) throw new Error('the logged-in step page shows no login');
    if (without.body.includes('Abmelden')) throw new Error('the anonymous step page shows a login');
    // Only our session cookie, as a browser sends it to a citizen page: the test IdP's own cookies
    // (path /test-idp, which the simple jar does not tell apart) stay out of the comparison.
    const sessionCookie = (jar: CookieJar) => {
      const value = (jar as unknown as { cookies: Map<string, string> }).cookies.get(SESSION_COOKIE);
      if (!value) throw new Error('no session cookie');
      return `${SESSION_COOKIE}=${value}`;
    };
    const getStep = async (cookie: string, step: URL) => {
      const started = performance.now();
      const response = await fetch(step, { headers: { cookie }, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`step GET answered ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    /**
     * (G) and (A) one request each in turn (G A A G …), so a change of the machine's load falls
     * on both alike; each rate is its requests over the time spent in them.
     */
    const stepGets = async () => {
      const g = sessionCookie(loggedIn);
      const a = sessionCookie(anonymous);
      let gMs = 0;
      let aMs = 0;
      for (let i = 0; i < GETS; i++) {
        if (i % 2 === 0) {
          gMs += await getStep(g, withLogin.step);
          aMs += await getStep(a, without.step);
        } else {
          aMs += await getStep(a, without.step);
          gMs += await getStep(g, withLogin.step);
        }
      }
      return { g: GETS / (gMs / 1000), a: GETS / (aMs / 1000) };
    };
    for (let i = 0; i < 3; i++) await stepGets();

    console.log(`Citizen login through the built-in test IdP, ${new Date().toISOString()}`);
    console.log(
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Linux ${release()}, Node ${process.version}, load before ${load()}`,
    );
    console.log(
      `${ROUNDS} rounds: ${PER_ROUND} logins one after another, then ${GETS} step GETs per browser, alternating`,
    );
    const loginRates: number[] = [];
    const loggedRates: number[] = [];
    const anonymousRates: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const browsers = [];
      for (let i = 0; i < PER_ROUND; i++) browsers.push(await readyToLogIn());
      const started = performance.now();
      for (const browser of browsers) await logIn(browser);
      loginRates.push(PER_ROUND / ((performance.now() - started) / 1000));
      const { g, a } = await stepGets();
      loggedRates.push(g);
      anonymousRates.push(a);
      ratios.push(g / a);
      console.log(
        `  round ${round + 1}: (L) ${loginRates.at(-1)!.toFixed(1)} logins/s, (G) ${g.toFixed(0)} req/s, (A) ${a.toFixed(0)} req/s, (G)/(A) ${(g / a).toFixed(2)}`,
      );
    }
    const ratio = median(ratios);
    console.log(`  (L) login round trips per second: ${spread(loginRates)}`);
    console.log(`  (G) step GET, logged in, req/s:    ${spread(loggedRates, 0)}`);
    console.log(`  (A) step GET, anonymous, req/s:    ${spread(anonymousRates, 0)}`);
    console.log(
      `  (G)/(A): ${spread(ratios, 2)}  (target >= ${RATIO_TARGET}: ${ratio >= RATIO_TARGET ? 'met' : 'MISSED'})`,
    );
    console.log(`  load after ${load()}`);
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
