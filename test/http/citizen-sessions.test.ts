/**
 * The citizen's browser session (ADR 0028): only ids the server issued count, the cookie lasts as
 * long as the draft, `__Host-` and HSTS over https, pages with answers are never cached, and the
 * citizen can discard a draft.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { tokens } from '../../src/adapters/security/tokens.ts';
import { UNANSWERED_DRAFT_HOURS } from '../../src/core/applications.ts';
import {
  SESSION_COOKIE,
  SESSION_WITHOUT_DRAFT_MS,
  sessionCookieValue,
  sessionIdOf,
} from '../../src/web/browser-session.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { FIXTURE_SERVICE, fillFixture, fixtureAnswers, publishFixture } from '../support/fixture.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';

const DAY_S = 24 * 60 * 60;

/** The `Set-Cookie` header of the response for `name`, if it sets one. */
function setCookie(page: PageResult, name: string): string | undefined {
  const header = page.response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.find((c) => c.startsWith(`${name}=`));
}

function maxAgeOf(cookie: string | undefined): number | undefined {
  const match = /;\s*Max-Age=(\d+)/i.exec(cookie ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A well-formed session id nobody issued, as an attacker would plant it. */
const plantedId = () => randomBytes(32).toString('base64url');

for (const dialect of DIALECTS) {
  describe(`citizen sessions (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      base = await publishFixture(t);
    });
    after(() => t.close());

    const draftOf = async (cookieValue: string) => {
      const service = await t.app.applications.service('musterstadt', FIXTURE_SERVICE);
      return t.app.applications.findDraft(service, tokens.hash(sessionIdOf(cookieValue)));
    };

    test('a session id the server never issued is not adopted: the browser gets a fresh one (session fixation)', async () => {
      const planted = plantedId();
      const victim = new HttpClient(t.app.server);
      victim.cookies.set(SESSION_COOKIE, planted);
      const start = await victim.get(base);
      const issued = victim.cookies.get(SESSION_COOKIE)!;
      assert.notEqual(sessionIdOf(issued), planted, 'a new id, not the planted one');
      assert.equal(start.status, 200);
      await fillFixture(victim, base, 'Fixation');

      // The attacker, holding the planted id, finds no draft and none of the victim's answers.
      const attacker = new HttpClient(t.app.server);
      attacker.cookies.set(SESSION_COOKIE, planted);
      const check = await attacker.get(`${base}/pruefen`);
      assert.equal(check.status, 303);
      assert.equal(check.location, base);
      assert.equal(await draftOf(planted), undefined);
      assert.ok(await draftOf(issued), 'the victim has their draft under the issued id');
    });

    test('an altered, foreign or expired session cookie is ignored like an unknown one', async () => {
      const client = new HttpClient(t.app.server);
      const check = await fillFixture(client, base, 'Tamper');
      const issued = client.cookies.get(SESSION_COOKIE)!;
      const [id, seconds, mac] = issued.split('.') as [string, string, string];
      const now = Date.now();
      const forged = [
        `${id}.${Number(seconds) + 1}.${mac}`, // expiry moved
        `${plantedId()}.${seconds}.${mac}`, // another id under the signature
        `${id}.${seconds}.${randomBytes(32).toString('base64url')}`, // a made-up signature
        sessionCookieValue({ ...t.app.security, sessionKey: randomBytes(32) }, id, now + DAY_S * 1000),
        sessionCookieValue(t.app.security, id, now - 1000), // expired
        `${id}.${seconds}.${mac}.x`,
      ];
      for (const value of forged) {
        const other = new HttpClient(t.app.server);
        other.cookies.set(SESSION_COOKIE, value);
        const page = await other.get(`${base}/pruefen`);
        assert.equal(page.status, 303, value);
        assert.equal(page.location, base, value);
        // A form posted with such a cookie is not ours either, even with the right token.
        const csrf = check.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
        const post = await other.post(`${base}/absenden`, { _csrf: csrf, erklaerung: 'ja' });
        assert.equal(post.status, 403, value);
      }
      // The real cookie still works.
      assert.equal((await client.get(`${base}/pruefen`)).status, 200);
    });

    test('a draft begun before ids were signed is taken over once, signed; an unsigned id without a draft is not', async () => {
      const legacy = plantedId();
      const service = await t.app.applications.service('musterstadt', FIXTURE_SERVICE);
      const ctx = await t.app.applications.startDraft(service, tokens.hash(legacy), 'client-legacy');
      const result = await t.app.applications.saveStep(ctx, 'person', fixtureAnswers('Legacy').person);
      assert.equal(result.errors.length, 0);

      const client = new HttpClient(t.app.server);
      client.cookies.set(SESSION_COOKIE, legacy);
      const step = await client.get(`${base}/schritt/details`);
      assert.equal(step.status, 200, 'the draft is there');
      const signed = client.cookies.get(SESSION_COOKIE)!;
      assert.notEqual(signed, legacy, 'the cookie is now signed');
      assert.equal(sessionIdOf(signed), legacy, 'for the same id, so the draft stays found');
      const maxAge = maxAgeOf(setCookie(step, SESSION_COOKIE));
      const draftSeconds = (Date.parse(ctx.draft.expiresAt) - Date.now()) / 1000;
      assert.ok(maxAge !== undefined && Math.abs(maxAge - draftSeconds) < 60, `max-age ${maxAge}`);
      assert.equal((await client.get(`${base}/pruefen`)).status, 200, 'and stays found');

      const stranger = new HttpClient(t.app.server);
      stranger.cookies.set(SESSION_COOKIE, plantedId());
      await stranger.get(base);
      assert.equal(stranger.cookies.get(SESSION_COOKIE)?.split('.').length, 3, 'a fresh signed id');
    });

    test('the cookie lasts as long as the browser without a draft, and as long as the draft with one', async () => {
      const client = new HttpClient(t.app.server);
      const start = await client.get(base);
      const fresh = setCookie(start, SESSION_COOKIE);
      assert.ok(fresh, 'a session is set for the form');
      assert.equal(maxAgeOf(fresh), undefined, 'a browser-session cookie, gone when the browser closes');
      assert.match(fresh, /HttpOnly/);
      assert.match(fresh, /SameSite=Lax/);
      const seconds = Number(client.cookies.get(SESSION_COOKIE)!.split('.')[1]);
      assert.ok(Math.abs(seconds * 1000 - (Date.now() + SESSION_WITHOUT_DRAFT_MS)) < 60_000);

      const started = await client.submit(start, 'Jetzt starten');
      assert.equal(started.status, 303);
      const draft = await draftOf(client.cookies.get(SESSION_COOKIE)!);
      assert.ok(draft);
      // A draft never answered is kept only hours (ADR 0027), less than the cookie already lasts.
      const unanswered = (Date.parse(draft.draft.expiresAt) - Date.now()) / 1000;
      assert.ok(
        Math.abs(unanswered - UNANSWERED_DRAFT_HOURS * 3600) < 60,
        'an unanswered draft is kept hours',
      );
      const signedUntil = Number(client.cookies.get(SESSION_COOKIE)!.split('.')[1]);
      assert.ok(
        signedUntil >= Date.parse(draft.draft.expiresAt) / 1000,
        'the cookie outlives the unanswered draft',
      );
      // Once answered, the draft is kept as long as the service says, and so is the cookie.
      const first = await client.get(`${base}/schritt/person`);
      const answered = await client.submit(first, 'Weiter', fixtureAnswers('Cookie').person);
      assert.equal(answered.status, 303);
      const next = await client.get(answered.response.headers.location as string);
      const lifetime =
        (Date.parse((await draftOf(client.cookies.get(SESSION_COOKIE)!))!.draft.expiresAt) - Date.now()) /
        1000;
      assert.ok(lifetime > 29 * DAY_S, 'the demo service keeps drafts 30 days');
      const maxAge = maxAgeOf(setCookie(next, SESSION_COOKIE) ?? setCookie(answered, SESSION_COOKIE));
      assert.ok(maxAge !== undefined && Math.abs(maxAge - lifetime) < 60, `max-age ${maxAge} ≈ ${lifetime}`);
      // Continuing the same draft does not set the cookie again.
      const again = await client.submit(await client.get(base), 'Antrag fortsetzen');
      assert.equal(setCookie(again, SESSION_COOKIE), undefined);
    });

    test('pages that show answers are never cached; the others may be', async () => {
      const client = new HttpClient(t.app.server);
      const check = await fillFixture(client, base, 'Cache');
      assert.equal(check.response.headers['cache-control'], 'no-store', 'check page');
      const step = await client.get(`${base}/schritt/person`);
      assert.equal(step.response.headers['cache-control'], 'no-store', 'step page');
      const invalid = await client.submit(step, 'Weiter', { vorname: '' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.response.headers['cache-control'], 'no-store', 'step page with errors');
      const refused = await client.submit(check, 'Antrag verbindlich absenden');
      assert.equal(refused.status, 400);
      assert.equal(refused.response.headers['cache-control'], 'no-store', 'check page with errors');
      await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      const confirmation = await client.get(`${base}/eingegangen`);
      assert.equal(confirmation.status, 200);
      assert.equal(confirmation.response.headers['cache-control'], 'no-store', 'confirmation');
      assert.equal((await client.get('/musterstadt')).response.headers['cache-control'], undefined);
      // Over plain http (the demo) no HSTS: it would pin a name that may never have https.
      assert.equal(check.response.headers['strict-transport-security'], undefined);
    });

    test('"Antrag verwerfen" on the check page deletes the draft and its files, then says so on the start page', async () => {
      const client = new HttpClient(t.app.server);
      const check = await fillFixture(client, base, 'Discard');
      const draft = await draftOf(client.cookies.get(SESSION_COOKIE)!);
      assert.ok(draft);
      await t.app.store.attachments.add({
        id: '0190f0f0-0000-7000-8000-000000000001',
        fieldKey: 'nachweis',
        name: 'nachweis.pdf',
        mediaType: 'application/pdf',
        size: 4,
        sha256: 'x',
        tenantId: draft.tenant.id,
        draftId: draft.draft.id,
        content: new Uint8Array([1, 2, 3, 4]),
        scan: { status: 'not-scanned' },
        createdAt: new Date().toISOString(),
      });
      assert.equal((await t.app.store.attachments.ofDraft(draft.tenant.id, draft.draft.id)).length, 1);

      const forged = await client.post(`${base}/verwerfen`, { _csrf: 'nope' });
      assert.equal(forged.status, 403, 'not without the form of this session');
      assert.ok(await draftOf(client.cookies.get(SESSION_COOKIE)!), 'nothing deleted');

      const discarded = await client.submit(check, 'Antrag verwerfen');
      assert.equal(discarded.status, 303);
      assert.equal(discarded.location, `${base}?verworfen=1`);
      assert.equal(await draftOf(client.cookies.get(SESSION_COOKIE)!), undefined);
      assert.deepEqual(await t.app.store.attachments.ofDraft(draft.tenant.id, draft.draft.id), []);
      const start = await client.get(discarded.location!);
      assert.ok(getByRole(start.document.body, 'status'));
      assert.match(start.body, /Ihr Antrag wurde verworfen/);
      assert.ok(getByRole(start.document.body, 'button', { name: 'Jetzt starten' }));
      assert.equal(queryByRole(start.document.body, 'button', { name: 'Antrag verwerfen' }), null);
      assert.equal((await client.get(`${base}/pruefen`)).location, base, 'the answers are gone');
    });

    test('"Antrag verwerfen" is on the start page while a draft is open; a submitted application stays', async () => {
      const client = new HttpClient(t.app.server);
      const fresh = await client.get(base);
      assert.equal(queryByRole(fresh.document.body, 'button', { name: 'Antrag verwerfen' }), null);
      // The notice cannot be claimed by a link while a draft is open.
      await fillFixture(client, base, 'Keep');
      const claimed = await client.get(`${base}?verworfen=1`);
      assert.doesNotMatch(claimed.body, /Ihr Antrag wurde verworfen/);
      const start = await client.get(base);
      const discard = await client.submit(start, 'Antrag verwerfen');
      assert.equal(discard.location, `${base}?verworfen=1`);

      const submitted = await fillFixture(client, base, 'Submitted');
      await client.submit(submitted, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      const late = await client.submit(submitted, 'Antrag verwerfen');
      assert.equal(late.location, `${base}/eingegangen`, 'a submitted application is not discarded');
      assert.equal((await client.get(`${base}/eingegangen`)).status, 200);
    });
  });
}

describe('citizen sessions over https', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await startTestApp(DIALECTS[0]!, { baseUrl: 'https://amtsweg.example' });
    base = await publishFixture(t);
  });
  after(() => t.close());

  test('the session cookie has the __Host- prefix and every page sends HSTS', async () => {
    const client = new HttpClient(t.app.server);
    const start = await client.get(base);
    const cookie = setCookie(start, `__Host-${SESSION_COOKIE}`);
    assert.ok(cookie, 'set under its __Host- name');
    assert.match(cookie, /; Path=\/(;|$)/);
    assert.match(cookie, /; Secure/);
    assert.doesNotMatch(cookie, /Domain=/i);
    assert.equal(setCookie(start, SESSION_COOKIE), undefined, 'not under the plain name');
    assert.equal(start.response.headers['strict-transport-security'], 'max-age=31536000');
    const check = await fillFixture(client, base, 'Https');
    assert.equal(check.status, 200, 'the journey works with the prefixed cookie');
    // A plain-named cookie (as a page over http or another host could set) is not read.
    const other = new HttpClient(t.app.server);
    other.cookies.set(SESSION_COOKIE, client.cookies.get(`__Host-${SESSION_COOKIE}`)!);
    assert.equal((await other.get(`${base}/pruefen`)).location, base);
  });
});
