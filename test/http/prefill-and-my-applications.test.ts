/**
 * Prefill from the identity and "Meine Anträge" (ADR 0049) through the real app on both databases,
 * over real HTTP with the built-in test IdP: the demo's Meldebescheinigung fills name, birth date
 * and address from Erika's identity, marked; a post that changes the read-only name keeps the
 * vouched one and says so; a changed address reaches the caseworker marked "geändert". A draft
 * begun logged in is found again in another browser after logging in there, and continued; another
 * identity, and another municipality, see none of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { TEST_PERSONAS } from '../../src/adapters/identity/test-idp/personas.ts';
import { DIALECTS } from '../support/databases.ts';
import { CookieJar, type ListeningApp, locationOf, startListeningApp } from '../support/listening-app.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
const MINE = '/musterstadt/meine-antraege';
const [erika, jonas] = TEST_PERSONAS as [(typeof TEST_PERSONAS)[0], (typeof TEST_PERSONAS)[0]];

const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
const input = (doc: Document, name: string) => doc.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const hintOf = (doc: Document, key: string) => doc.getElementById(`field-${key}-hint`)?.textContent ?? '';

for (const dialect of DIALECTS) {
  describe(`prefill and "Meine Anträge" (${dialect.name})`, () => {
    let t: ListeningApp;
    before(async () => {
      t = await startListeningApp(dialect, { env: { AMTSWEG_TEST_IDP: 'on' } });
    });
    after(() => t.close());
    const url = (path: string) => new URL(path, t.baseUrl);

    async function startDraft(jar: CookieJar): Promise<void> {
      const start = await jar.fetch(url(SERVICE));
      const begun = await jar.post(url(`${SERVICE}/start`), { _csrf: csrfOf(await documentOf(start)) });
      assert.equal(begun.status, 303);
    }

    /** Through the test IdP as `persona` at hoch; returns where our callback leads. */
    async function logIn(jar: CookieJar, persona: { id: string }): Promise<URL> {
      const page = await documentOf(await jar.fetch(url(`${SERVICE}/anmelden`)));
      const link = [...page.querySelectorAll('a')].find((a) =>
        a.textContent?.includes('Test-Identitätsanbieter'),
      );
      assert.ok(link);
      const authorize = locationOf(await jar.fetch(url(link.getAttribute('href')!)));
      const interaction = locationOf(await jar.fetch(authorize));
      const personaPage = await documentOf(await jar.fetch(interaction));
      const chosen = await jar.post(`${interaction.href}/anmelden`, {
        _csrf: csrfOf(personaPage),
        persona: persona.id,
        niveau: 'hoch',
      });
      const callback = locationOf(await jar.fetch(locationOf(chosen)));
      return locationOf(await jar.fetch(callback));
    }

    async function fillFirstSteps(jar: CookieJar): Promise<Document> {
      const first = await documentOf(await jar.fetch(url(`${SERVICE}/schritt/bescheinigung`)));
      const posted = await jar.post(url(`${SERVICE}/schritt/bescheinigung`), {
        _csrf: csrfOf(first),
        art: 'einfach',
        zweck: 'Wohnungsgeberbestätigung',
      });
      assert.equal(locationOf(posted).pathname, `${SERVICE}/schritt/kontakt`);
      return documentOf(await jar.fetch(url(`${SERVICE}/schritt/kontakt`)));
    }

    /** The person step as posted unchanged from its page, with `over` changed. */
    function personFields(doc: Document, over: Record<string, string> = {}): Record<string, string> {
      const fields: Record<string, string> = {};
      for (const el of doc.querySelectorAll<HTMLInputElement>('form input[name]')) fields[el.name] = el.value;
      return { ...fields, ...over };
    }

    test('prefills and marks the fields, keeps read-only values, marks changed ones for the caseworker', async () => {
      const jar = new CookieJar();
      await startDraft(jar);
      await logIn(jar, erika);
      const kontakt = await fillFirstSteps(jar);
      // The e-mail is prefilled and editable: marked in its hint (text, linked to the input).
      assert.equal(input(kontakt, 'email').value, 'erika.mustermann@example.org');
      assert.equal(input(kontakt, 'email').hasAttribute('readonly'), false);
      assert.match(hintOf(kontakt, 'email'), /Aus Ihrem Konto übernommen\. Sie können die Angabe ändern\./);
      assert.match(input(kontakt, 'email').getAttribute('aria-describedby') ?? '', /field-email-hint/);
      const toPerson = await jar.post(url(`${SERVICE}/schritt/kontakt`), {
        _csrf: csrfOf(kontakt),
        email: 'erika@example.org',
      });
      assert.equal(locationOf(toPerson).pathname, `${SERVICE}/schritt/person`);

      const person = await documentOf(await jar.fetch(url(`${SERVICE}/schritt/person`)));
      assert.equal(input(person, 'vorname').value, 'Erika');
      assert.equal(input(person, 'familienname').value, 'Mustermann');
      assert.equal(input(person, 'familienname').hasAttribute('readonly'), true);
      assert.match(hintOf(person, 'familienname'), /kann hier nicht geändert werden/);
      assert.deepEqual(
        ['day', 'month', 'year'].map((p) => input(person, `geburtsdatum-${p}`).value),
        ['12', '8', '1964'],
      );
      assert.equal(input(person, 'geburtsdatum-year').hasAttribute('readonly'), true);
      assert.equal(input(person, 'anschrift-street').value, 'Heidestraße');
      assert.equal(input(person, 'anschrift-houseNumber').value, '17');
      assert.equal(input(person, 'anschrift-street').hasAttribute('readonly'), false);

      // A post that changes the read-only family name (a crafted request): the vouched value stays,
      // and the page says so (no error status: nothing the citizen did wrong needs fixing).
      const forged = await jar.post(
        url(`${SERVICE}/schritt/person`),
        personFields(person, { familienname: 'Musterfrau', 'anschrift-houseNumber': '19' }),
      );
      const kept = locationOf(forged);
      assert.equal(kept.pathname, `${SERVICE}/schritt/person`);
      assert.equal(kept.searchParams.get('beibehalten'), '1');
      const again = await jar.fetch(kept);
      assert.equal(again.status, 200);
      const againDoc = await documentOf(again);
      assert.equal(input(againDoc, 'familienname').value, 'Mustermann');
      assert.match(againDoc.body.textContent ?? '', /Wir haben die Angabe aus Ihrem Konto beibehalten/);
      // The editable address part the citizen changed is kept as changed.
      assert.equal(input(againDoc, 'anschrift-houseNumber').value, '19');

      const toCheck = await jar.post(url(`${SERVICE}/schritt/person`), personFields(againDoc));
      assert.equal(locationOf(toCheck).pathname, `${SERVICE}/pruefen`);
      const check = await documentOf(await jar.fetch(url(`${SERVICE}/pruefen`)));
      const sent = await jar.post(url(`${SERVICE}/absenden`), { _csrf: csrfOf(check), erklaerung: 'ja' });
      assert.equal(locationOf(sent).pathname, `${SERVICE}/eingegangen`);

      // Stored: the owner as a keyed hash and the marks encrypted; neither subject nor name in clear.
      const rows = await t.database.db
        .selectFrom('submissions')
        .select(['id', 'owner_hash', 'prefill_enc'])
        .where('owner_hash', 'is not', null)
        .execute();
      assert.equal(rows.length, 1);
      assert.ok(rows[0]!.owner_hash && rows[0]!.prefill_enc);
      assert.ok(!JSON.stringify(rows).includes(erika.id));
      assert.ok(!JSON.stringify(rows).includes('Mustermann'));

      // The caseworker sees which values came from the account, and the changed ones marked.
      const { client: staff } = await staffLogin(t, demoCredential(t));
      const opened = await staff.get(`/staff/submissions/${rows[0]!.id}`);
      assert.equal(opened.status, 200);
      const row = (key: string) =>
        opened.document.querySelector(`tr[data-prefill="${key}"]`)?.textContent?.replace(/\s+/g, ' ') ?? '';
      assert.match(row('familienname'), /Familienname Mustermann unverändert übernommen/);
      assert.match(row('anschrift'), /Heidestraße 17.*geändert/);
      assert.match(row('email'), /erika\.mustermann@example\.org geändert/);
    });

    test('a draft begun logged in is found and continued in another browser; others see nothing', async () => {
      const first = new CookieJar();
      await startDraft(first);
      await logIn(first, erika);
      await fillFirstSteps(first);

      // Another browser, no draft: after logging in as Erika, "Meine Anträge" lists the draft and
      // the sent application of the first test.
      const second = new CookieJar();
      const before = await documentOf(await second.fetch(url(MINE)));
      assert.match(
        before.body.textContent ?? '',
        /Melden Sie sich bei einem Antrag mit Ihrem Nutzerkonto an/,
      );
      assert.equal(before.getElementById('meine-antraege-link'), null, 'no header link when logged out');
      await logIn(second, erika);
      const mine = await second.fetch(url(MINE));
      assert.equal(mine.headers.get('cache-control'), 'no-store');
      const list = await documentOf(mine);
      assert.ok(list.getElementById('meine-antraege-link'), 'the header links to it when logged in');
      const drafts = list.querySelectorAll('tr[data-draft="meldebescheinigung"]');
      assert.equal(drafts.length, 1);
      assert.equal(list.querySelectorAll('tr[data-reference]').length, 1, 'the sent application');
      const draftId = list.querySelector<HTMLInputElement>('input[name="antrag"]')!.value;

      // Jonas sees none of Erika's applications, and cannot take her draft by its id.
      const third = new CookieJar();
      await startDraft(third);
      await logIn(third, jonas);
      const jonasList = await documentOf(await third.fetch(url(MINE)));
      assert.equal(jonasList.querySelectorAll('tr[data-reference]').length, 0);
      assert.equal(jonasList.querySelectorAll('tr[data-draft]').length, 1, 'only his own draft');
      assert.ok(!jonasList.body.innerHTML.includes(draftId));
      const taken = await third.post(url(`${MINE}/fortsetzen`), {
        _csrf: csrfOf(jonasList),
        antrag: draftId,
      });
      assert.equal(taken.status, 404);
      // The other municipality knows no login of this browser: nothing listed there.
      const elsewhere = await documentOf(await second.fetch(url('/beispielhausen/meine-antraege')));
      assert.equal(elsewhere.querySelectorAll('tr').length, 0);

      // Without a valid form the draft stays where it is.
      assert.equal(
        (await second.post(url(`${MINE}/fortsetzen`), { _csrf: 'falsch', antrag: draftId })).status,
        403,
      );
      const moved = await second.post(url(`${MINE}/fortsetzen`), { _csrf: csrfOf(list), antrag: draftId });
      // On where the draft is: its first step without answers (the e-mail was prefilled).
      assert.equal(locationOf(moved).pathname, `${SERVICE}/schritt/person`);
      const step = await documentOf(await second.fetch(url(`${SERVICE}/schritt/kontakt`)));
      assert.equal(input(step, 'email').value, 'erika.mustermann@example.org', 'the draft’s answers');
      // The first browser does not reach it any more.
      const gone = await first.fetch(url(`${SERVICE}/schritt/kontakt`));
      assert.equal(locationOf(gone).pathname, SERVICE);
    });

    test('continuing never replaces an open draft of this browser that is not the identity’s, nor crosses tenants', async () => {
      const erikas = new CookieJar();
      await startDraft(erikas);
      await logIn(erikas, erika);
      const owned = await t.database.db
        .selectFrom('drafts')
        .select(['id', 'tenant_id', 'owner_hash'])
        .where('owner_hash', 'is not', null)
        .where('submission_id', 'is', null)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      // A browser with an anonymous open draft of the same service.
      const anonymous = new CookieJar();
      await startDraft(anonymous);
      const open = await t.database.db
        .selectFrom('drafts')
        .select(['id', 'session_hash'])
        .where('owner_hash', 'is', null)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const applications = t.app.store.citizenApplications;
      const before = await t.database.db.selectFrom('drafts').select(['id', 'session_hash']).execute();
      assert.deepEqual(
        await applications.moveToSession(owned.tenant_id, owned.id, owned.owner_hash!, open.session_hash),
        { kind: 'occupied' },
      );
      assert.deepEqual(
        await applications.moveToSession(owned.tenant_id, owned.id, 'someone-else', open.session_hash),
        { kind: 'not-found' },
      );
      const other = await t.database.db
        .selectFrom('tenants')
        .select('id')
        .where('id', '!=', owned.tenant_id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        await applications.moveToSession(other.id, owned.id, owned.owner_hash!, 'fresh-session'),
        { kind: 'not-found' },
      );
      assert.equal((await applications.ofOwner(other.id, owned.owner_hash!)).drafts.length, 0);
      const afterwards = await t.database.db.selectFrom('drafts').select(['id', 'session_hash']).execute();
      assert.deepEqual(afterwards, before, 'no draft moved');
    });

    test('logging out takes the identity’s open drafts out of the browser; they stay listed', async () => {
      const jar = new CookieJar();
      await startDraft(jar);
      await logIn(jar, jonas);
      const step = await documentOf(await jar.fetch(url(`${SERVICE}/schritt/bescheinigung`)));
      const out = await jar.post(url(`${SERVICE}/abmelden`), { _csrf: csrfOf(step) });
      assert.equal(out.status, 303);
      // The next person at this computer finds no draft here.
      const after = await jar.fetch(url(`${SERVICE}/schritt/bescheinigung`));
      assert.equal(locationOf(after).pathname, SERVICE);
      // Jonas finds it after logging in elsewhere.
      const elsewhere = new CookieJar();
      await logIn(elsewhere, jonas);
      const list = await documentOf(await elsewhere.fetch(url(MINE)));
      assert.ok(list.querySelectorAll('tr[data-draft="meldebescheinigung"]').length >= 1);
    });
  });
}
