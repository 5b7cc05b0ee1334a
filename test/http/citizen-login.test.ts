/**
 * Citizen login (ADR 0036) through the real app on both databases, over real HTTP, with the
 * built-in test IdP as the provider the demo municipality offers: a service that requires
 * "substanziell" sends the new draft to the login page; a login at "niedrig" is sent to step up
 * with the draft kept; the login at "hoch" lets the citizen go on. A callback that is unknown,
 * replayed or another browser's changes nothing. Logout ends our login and the provider's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { TEST_PERSONAS } from '../../src/adapters/identity/test-idp/personas.ts';
import { DIALECTS } from '../support/databases.ts';
import { CookieJar, type ListeningApp, locationOf, startListeningApp } from '../support/listening-app.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
const erika = TEST_PERSONAS[0]!;

const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;

for (const dialect of DIALECTS) {
  describe(`citizen login through the test IdP (${dialect.name})`, () => {
    let t: ListeningApp;
    before(async () => {
      t = await startListeningApp(dialect, { env: { AMTSWEG_TEST_IDP: 'on' } });
    });
    after(() => t.close());
    const url = (path: string) => new URL(path, t.baseUrl);

    /** Starts the service's draft in a new browser; where the start leads. */
    async function startDraft(jar: CookieJar): Promise<URL> {
      const start = await jar.fetch(url(SERVICE));
      assert.equal(start.status, 200);
      const begun = await jar.post(url(`${SERVICE}/start`), { _csrf: csrfOf(await documentOf(start)) });
      assert.equal(begun.status, 303);
      return locationOf(begun);
    }

    /** From the login page through the test IdP as `persona` at `level`, back to our callback's redirect. */
    async function logIn(jar: CookieJar, level: string): Promise<Response> {
      const page = await documentOf(await jar.fetch(url(`${SERVICE}/anmelden`)));
      const link = [...page.querySelectorAll('a')].find((a) =>
        a.textContent?.includes('Test-Identitätsanbieter'),
      );
      assert.ok(link, 'the login page offers the test IdP');
      const toIdp = await jar.fetch(url(link.getAttribute('href')!));
      assert.equal(toIdp.status, 303);
      const authorize = locationOf(toIdp);
      assert.equal(authorize.pathname, '/test-idp/auth');
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      const interaction = locationOf(await jar.fetch(authorize));
      const personaPage = await documentOf(await jar.fetch(interaction));
      const chosen = await jar.post(`${interaction.href}/anmelden`, {
        _csrf: csrfOf(personaPage),
        persona: erika.id,
        niveau: level,
      });
      const callback = locationOf(await jar.fetch(locationOf(chosen)));
      assert.equal(callback.pathname, '/auth/test-idp/callback');
      return jar.fetch(callback);
    }

    test('the draft waits for the login; niedrig is sent to step up with the draft kept; hoch goes on', async () => {
      const jar = new CookieJar();
      const afterStart = await startDraft(jar);
      assert.equal(afterStart.pathname, `${SERVICE}/anmelden`);
      // Not logged in: the step pages lead to the login too.
      const step = await jar.fetch(url(`${SERVICE}/schritt/bescheinigung`));
      assert.equal(locationOf(step).pathname, `${SERVICE}/anmelden`);
      const loginPage = await documentOf(await jar.fetch(url(`${SERVICE}/anmelden`)));
      assert.equal(loginPage.querySelector('h1')?.textContent, 'Anmelden');
      assert.match(loginPage.body.textContent ?? '', /Vertrauensniveau „substanziell“/);

      const low = await logIn(jar, 'niedrig');
      assert.equal(locationOf(low).pathname, `${SERVICE}/anmelden`);
      const stepUp = await documentOf(await jar.fetch(locationOf(low)));
      assert.equal(stepUp.querySelector('h1')?.textContent, 'Erneut anmelden');
      assert.match(stepUp.body.textContent ?? '', /mit dem Vertrauensniveau „niedrig“ angemeldet/);

      const high = await logIn(jar, 'hoch');
      const onward = await jar.fetch(locationOf(high));
      assert.equal(locationOf(onward).pathname, `${SERVICE}/schritt/bescheinigung`, 'the draft continues');
      const stepPage = await jar.fetch(locationOf(onward));
      assert.equal(stepPage.status, 200);
      const doc = await documentOf(stepPage);
      const posted = await jar.post(url(`${SERVICE}/schritt/bescheinigung`), {
        _csrf: csrfOf(doc),
        art: 'einfach',
        zweck: 'Wohnungsgeberbestätigung',
      });
      assert.equal(locationOf(posted).pathname, `${SERVICE}/schritt/kontakt`);

      // The login is stored encrypted: the subject is nowhere in the table in the clear.
      const rows = await t.database.db.selectFrom('citizen_logins').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.level, 'hoch');
      assert.equal(rows[0]!.provider, 'test-idp');
      assert.ok(!JSON.stringify(rows).includes(erika.id));
      assert.ok(!JSON.stringify(rows).includes('Mustermann'));
      assert.ok(!t.logs().includes(erika.id), 'no subject in the logs');
    });

    test('a callback with an unknown state, a replayed one or another browser’s changes nothing', async () => {
      const jar = new CookieJar();
      await startDraft(jar);
      const forged = await jar.fetch(url('/auth/test-idp/callback?code=x&state=unbekannt'));
      assert.equal(forged.status, 400);
      assert.equal(
        (await documentOf(forged)).querySelector('h1')?.textContent,
        'Diese Anmeldung ist nicht mehr gültig',
      );

      // Another browser replays this one's callback (login CSRF): refused. A state is good once, so
      // the attempt spends it, and this browser's own callback afterwards is refused too.
      const page = await documentOf(await jar.fetch(url(`${SERVICE}/anmelden`)));
      const link = [...page.querySelectorAll('a')].find((a) =>
        a.textContent?.includes('Test-Identitätsanbieter'),
      )!;
      const authorize = locationOf(await jar.fetch(url(link.getAttribute('href')!)));
      const interaction = locationOf(await jar.fetch(authorize));
      const personaPage = await documentOf(await jar.fetch(interaction));
      const chosen = await jar.post(`${interaction.href}/anmelden`, {
        _csrf: csrfOf(personaPage),
        persona: erika.id,
        niveau: 'hoch',
      });
      const callback = locationOf(await jar.fetch(locationOf(chosen)));
      const other = new CookieJar();
      await startDraft(other);
      assert.equal((await other.fetch(callback)).status, 400, 'another browser session');
      assert.equal((await jar.fetch(callback)).status, 400, 'the state was spent');
      const logins = await t.database.db.selectFrom('citizen_logins').selectAll().execute();
      assert.equal(logins.filter((l) => l.level === 'hoch').length, 1, 'only the first test’s login');
    });

    test('logout ends our login and the test IdP’s (RP-initiated logout)', async () => {
      const jar = new CookieJar();
      await startDraft(jar);
      const low = await logIn(jar, 'niedrig');
      const stepUp = await documentOf(await jar.fetch(locationOf(low)));
      const form = stepUp.querySelector<HTMLFormElement>(`form[action="${SERVICE}/abmelden"]`);
      assert.ok(form, 'the step-up page offers logout');
      const forged = await jar.post(url(`${SERVICE}/abmelden`), { _csrf: 'falsch' });
      assert.equal(forged.status, 403);
      const out = await jar.post(url(`${SERVICE}/abmelden`), { _csrf: csrfOf(stepUp) });
      const endSession = locationOf(out);
      assert.equal(endSession.pathname, '/test-idp/session/end');
      assert.ok(endSession.searchParams.get('id_token_hint'));
      const again = await documentOf(await jar.fetch(url(`${SERVICE}/anmelden`)));
      assert.equal(again.querySelector('h1')?.textContent, 'Anmelden', 'not logged in any more');
    });
  });
}
