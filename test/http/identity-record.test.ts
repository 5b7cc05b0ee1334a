/**
 * The identity recorded with a submission and Schriftformersatz (ADR 0048), through the real app
 * on both databases over real HTTP, logging in at the built-in test IdP: the login is stored with
 * the submission (subject encrypted), shown to the caseworker (page and inbox), in the sealed
 * receipt and in the pull API's document; a Schriftformersatz service refuses the submit without a
 * login at its level (nothing submitted), publishing refuses one below the installation's minimum,
 * and the header of every citizen page shows the login with a logout that works.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { TEST_PERSONAS } from '../../src/adapters/identity/test-idp/personas.ts';
import type { CitizenLogin } from '../../src/core/identity/records.ts';
import { publishService } from '../../src/core/publishing.ts';
import { repoRoot } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient } from '../support/delivery.ts';
import { login as staffLogin } from '../support/design-client.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { CookieJar, type ListeningApp, locationOf, startListeningApp } from '../support/listening-app.ts';

const SFE = '/musterstadt/widerspruch';
const MELDE = '/musterstadt/meldebescheinigung';
const erika = TEST_PERSONAS[0]!;

const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
const textOf = (doc: Document) => (doc.body.textContent ?? '').replace(/\s+/g, ' ');

const dir = mkdtempSync(join(tmpdir(), 'amtsweg-identity-record-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function pdfText(bytes: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

for (const dialect of DIALECTS) {
  describe(`identity recorded with the submission, Schriftformersatz (${dialect.name})`, () => {
    let t: ListeningApp;
    before(async () => {
      t = await startListeningApp(dialect, { env: { AMTSWEG_TEST_IDP: 'on' } });
    });
    after(() => t.close());
    const url = (path: string) => new URL(path, t.baseUrl);

    async function startDraft(jar: CookieJar, service: string): Promise<URL> {
      const start = await jar.fetch(url(service));
      assert.equal(start.status, 200);
      const begun = await jar.post(url(`${service}/start`), { _csrf: csrfOf(await documentOf(start)) });
      assert.equal(begun.status, 303);
      return locationOf(begun);
    }

    /** Through the test IdP as Erika at `level`; where the callback leads. */
    async function logIn(jar: CookieJar, service: string, level: string): Promise<URL> {
      const page = await documentOf(await jar.fetch(url(`${service}/anmelden`)));
      const link = [...page.querySelectorAll('a')].find((a) =>
        a.textContent?.includes('Test-Identitätsanbieter'),
      );
      assert.ok(link, 'the login page offers the test IdP');
      const authorize = locationOf(await jar.fetch(url(link.getAttribute('href')!)));
      const interaction = locationOf(await jar.fetch(authorize));
      const personaPage = await documentOf(await jar.fetch(interaction));
      const chosen = await jar.post(`${interaction.href}/anmelden`, {
        _csrf: csrfOf(personaPage),
        persona: erika.id,
        niveau: level,
      });
      const callback = locationOf(await jar.fetch(locationOf(chosen)));
      return locationOf(await jar.fetch(callback));
    }

    async function postStep(jar: CookieJar, path: string, fields: Record<string, string>): Promise<URL> {
      const doc = await documentOf(await jar.fetch(url(path)));
      const posted = await jar.post(url(path), { _csrf: csrfOf(doc), ...fields });
      assert.equal(posted.status, 303, `posting ${path}`);
      return locationOf(posted);
    }

    /** The Widerspruch's steps, answered; the check page's document. */
    async function fillWiderspruch(jar: CookieJar, marker: string): Promise<Document> {
      await postStep(jar, `${SFE}/schritt/bescheid`, {
        aktenzeichen: marker,
        'bescheiddatum-day': '2',
        'bescheiddatum-month': '11',
        'bescheiddatum-year': '2026',
        begruendung: 'Die Gebühr ist zu hoch.',
      });
      const toCheck = await postStep(jar, `${SFE}/schritt/kontakt`, { email: 'erika@example.org' });
      assert.equal(toCheck.pathname, `${SFE}/pruefen`);
      const check = await jar.fetch(url(`${SFE}/pruefen`));
      assert.equal(check.status, 200);
      return documentOf(check);
    }

    const submissionCount = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('submissions')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('Schriftformersatz at hoch: warned before, recorded, shown to the caseworker, in receipt and pull API', async () => {
      const jar = new CookieJar();
      assert.equal((await startDraft(jar, SFE)).pathname, `${SFE}/anmelden`);
      const back = await logIn(jar, SFE, 'hoch');
      assert.equal(locationOf(await jar.fetch(back)).pathname, `${SFE}/schritt/bescheid`);

      // The header of a step page shows who is logged in, with a logout form.
      const step = await documentOf(await jar.fetch(url(`${SFE}/schritt/bescheid`)));
      assert.match(step.querySelector('#citizen-login-status')?.textContent ?? '', /Erika Mustermann/);
      assert.equal(step.querySelector('#citizen-logout')?.getAttribute('action'), '/musterstadt/abmelden');

      const check = await fillWiderspruch(jar, 'RA-2026-0815');
      const warning = check.querySelector('#schriftformersatz');
      assert.ok(warning, 'the check page warns');
      assert.match(warning.textContent ?? '', /ersetzt die Schriftform/);
      assert.match(warning.textContent ?? '', /§ 3a Abs\. 2 VwVfG, § 9a OZG/);
      assert.match(warning.textContent ?? '', /nicht übereilt/);
      assert.match(warning.textContent ?? '', /Vertrauensniveau „hoch“/);
      // The whole declaration, word for word.
      assert.match(
        check.querySelector('#erklaerung-text')?.textContent ?? '',
        /^Ich lege hiermit Widerspruch .* so verbindlich ist wie ein unterschriebener Brief\.$/,
      );

      const sent = await jar.post(url(`${SFE}/absenden`), { _csrf: csrfOf(check), erklaerung: 'ja' });
      assert.equal(locationOf(sent).pathname, `${SFE}/eingegangen`);
      const confirmation = await documentOf(await jar.fetch(locationOf(sent)));
      assert.match(
        confirmation.querySelector('#schriftformersatz')?.textContent ?? '',
        /als Schriftformersatz \(§ 3a Abs\. 2 VwVfG, § 9a OZG\) eingereicht: mit Ihrer Anmeldung über Test-Identitätsanbieter .*Vertrauensniveau „hoch“/,
      );
      const reference = confirmation.querySelector('#vorgangsnummer')!.textContent!;

      // Stored: level, provider, time in the clear; subject and name only as ciphertext.
      const row = await t.database.db
        .selectFrom('submissions')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(row.identity_level, 'hoch');
      assert.equal(row.identity_provider, 'test-idp');
      assert.ok(row.identity_logged_in_at);
      assert.equal(Number(row.schriftformersatz), 1);
      assert.ok(row.identity_enc);
      assert.ok(!JSON.stringify(row).includes(erika.id), 'no subject in the clear');
      assert.ok(!JSON.stringify(row).includes('Mustermann'), 'no name in the clear');
      assert.ok(!t.logs().includes(erika.id), 'no subject in the logs');

      // The caseworker: a column and marker in the inbox, the identity on the submission page.
      const { client } = await staffLogin(t, 'musterstadt', 'caseworker');
      const inbox = await client.get('/staff/inbox');
      const inboxRow = [...inbox.document.querySelectorAll('tr')].find((tr) =>
        tr.textContent?.includes(reference),
      );
      assert.ok(inboxRow);
      const cell = inboxRow.querySelector('[data-identity]');
      assert.equal(cell?.getAttribute('data-identity'), 'hoch');
      assert.match(cell?.textContent ?? '', /hoch · Test-Identitätsanbieter/);
      assert.ok(cell?.querySelector('[data-sfe]'), 'marked as Schriftformersatz');
      const href = inboxRow.querySelector('a')!.getAttribute('href')!;
      const detail = await client.get(href);
      assert.equal(detail.document.querySelector('#identity-level')?.textContent, 'hoch');
      assert.match(
        detail.document.querySelector('#identity-provider')?.textContent ?? '',
        /Test-Identitätsanbieter/,
      );
      assert.equal(detail.document.querySelector('#identity-subject')?.textContent, erika.id);
      assert.equal(detail.document.querySelector('#identity-name')?.textContent, 'Erika Mustermann');
      assert.ok(detail.document.querySelector('#identity-sfe'));

      // The sealed receipt names level, provider and Schriftformersatz.
      const receipt = await jar.fetch(url(`${SFE}/eingangsbestaetigung.pdf`));
      assert.equal(receipt.status, 200);
      const text = pdfText(Buffer.from(await receipt.arrayBuffer()));
      assert.match(text, /Vertrauensniveau der Identifizierung hoch/);
      assert.match(text, /Identitätsanbieter Test-Identitätsanbieter/);
      assert.match(text, /Schriftformersatz: Dieser Antrag wurde nach § 3a Abs\. 2 VwVfG/);

      // The pull API's document carries the identity.
      const admin = await adminClient(t);
      const keys = await admin.get('/staff/admin/api-schluessel');
      const created = await admin.submit(keys, 'Schlüssel erstellen', {
        bezeichnung: 'Rechtsamt',
        leistung: '',
      });
      const key = (await admin.get(created.location!)).document.querySelector('#new-key')!.textContent!;
      const doc = await t.app.server.inject({
        method: 'GET',
        url: `/api/v1/submissions/${row.id}`,
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(doc.statusCode, 200, doc.body);
      const submission = doc.json().submission;
      assert.equal(submission.schriftformersatz, true);
      assert.equal(submission.identity.level, 'hoch');
      assert.equal(submission.identity.provider, 'test-idp');
      assert.equal(submission.identity.subject, erika.id);
      assert.equal(submission.identity.attributes.familyName, 'Mustermann');
    });

    test('an ordinary service records the login (no attributes); without a login nothing is recorded', async () => {
      const jar = new CookieJar();
      await startDraft(jar, MELDE);
      await jar.fetch(await logIn(jar, MELDE, 'substanziell'));
      await postStep(jar, `${MELDE}/schritt/bescheinigung`, { art: 'einfach', zweck: 'Arbeitgeber' });
      await postStep(jar, `${MELDE}/schritt/kontakt`, { email: 'erika@example.org' });
      // The person step, prefilled from the account (ADR 0049), sent as it is shown.
      const person = await documentOf(await jar.fetch(url(`${MELDE}/schritt/person`)));
      const shown: Record<string, string> = {};
      for (const input of person.querySelectorAll<HTMLInputElement>('form input[name]')) {
        if (input.type !== 'hidden' && input.type !== 'submit') shown[input.name] = input.value;
      }
      await postStep(jar, `${MELDE}/schritt/person`, shown);
      const check = await documentOf(await jar.fetch(url(`${MELDE}/pruefen`)));
      assert.equal(check.querySelector('#schriftformersatz'), null, 'no Schriftformersatz warning');
      const sent = await jar.post(url(`${MELDE}/absenden`), { _csrf: csrfOf(check), erklaerung: 'ja' });
      const confirmation = await documentOf(await jar.fetch(locationOf(sent)));
      assert.equal(confirmation.querySelector('#schriftformersatz'), null);
      const reference = confirmation.querySelector('#vorgangsnummer')!.textContent!;
      const stored = await t.database.db
        .selectFrom('submissions')
        .select(['id', 'identity_level', 'identity_provider', 'schriftformersatz'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(stored.identity_level, 'substanziell');
      assert.equal(stored.identity_provider, 'test-idp');
      assert.equal(Number(stored.schriftformersatz), 0);
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const full = await t.app.store.submissions.byId(tenantId, stored.id);
      assert.equal(full?.submittedIdentity?.subject, erika.id);
      assert.equal(full?.submittedIdentity?.attributes, undefined, 'attributes only for Schriftformersatz');

      // A service without a level, sent without logging in: no identity, the caseworker is told.
      await publishFixture(t);
      const anonymous = await submitFixtureDirectly(t, 'ohne-anmeldung');
      assert.equal(anonymous.identity, null);
      assert.equal(anonymous.schriftformersatz, false);
      const { client } = await staffLogin(t, 'musterstadt', 'caseworker');
      const page = await client.get(`/staff/submissions/${anonymous.id}`);
      assert.equal(page.document.querySelector('#identity-none')?.textContent, 'Ohne Anmeldung eingereicht.');
      assert.equal(page.document.querySelector('#identity-level'), null);
      const inbox = await client.get('/staff/inbox');
      const cell = [...inbox.document.querySelectorAll('tr')]
        .find((tr) => tr.textContent?.includes(anonymous.reference))
        ?.querySelector('[data-identity]');
      assert.equal(cell?.getAttribute('data-identity'), 'none');
      assert.equal(cell?.textContent, 'keine Anmeldung');
    });

    test('Schriftformersatz refuses the submit without a login at its level: nothing is submitted', async () => {
      const jar = new CookieJar();
      await startDraft(jar, SFE);
      await jar.fetch(await logIn(jar, SFE, 'hoch'));
      const check = await fillWiderspruch(jar, 'RA-2026-0999');
      const before = await submissionCount();

      // The login is lower than required now (as after a step-down at the provider): refused.
      await t.database.db.updateTable('citizen_logins').set({ level: 'substanziell' }).execute();
      const low = await jar.post(url(`${SFE}/absenden`), { _csrf: csrfOf(check), erklaerung: 'ja' });
      assert.equal(low.status, 303);
      assert.equal(locationOf(low).pathname, `${SFE}/anmelden`);
      assert.equal(await submissionCount(), before, 'nothing submitted at a lower level');

      // The login ended (expired or logged out): refused too.
      await t.database.db.deleteFrom('citizen_logins').execute();
      const none = await jar.post(url(`${SFE}/absenden`), { _csrf: csrfOf(check), erklaerung: 'ja' });
      assert.equal(locationOf(none).pathname, `${SFE}/anmelden`);
      assert.equal(await submissionCount(), before, 'nothing submitted without a login');
      const draft = await t.database.db
        .selectFrom('drafts')
        .select('submission_id')
        .where('service_version_id', 'in', (qb) =>
          qb
            .selectFrom('service_versions as v')
            .innerJoin('services as s', 's.id', 'v.service_id')
            .select('v.id')
            .where('s.slug', '=', 'widerspruch'),
        )
        .execute();
      assert.ok(
        draft.some((d) => d.submission_id === null),
        'the draft is kept for after the login',
      );
    });

    test('the use case itself refuses a missing, lower or other municipality’s login', async () => {
      const apps = t.app.applications;
      const service = await apps.service('musterstadt', 'widerspruch');
      const ctx = await apps.startDraft(service, 'use-case-session', '127.0.0.1');
      const first = await apps.saveStep(ctx, 'bescheid', {
        aktenzeichen: 'RA-1',
        'bescheiddatum-day': '1',
        'bescheiddatum-month': '10',
        'bescheiddatum-year': '2026',
      });
      assert.deepEqual(first.errors, []);
      const second = await apps.saveStep((await apps.findDraft(service, 'use-case-session'))!, 'kontakt', {
        email: 'a@example.org',
      });
      assert.deepEqual(second.errors, []);
      const fresh = (await apps.findDraft(service, 'use-case-session'))!;
      const before = await submissionCount();
      const login = (over: Partial<CitizenLogin>): CitizenLogin => ({
        tenantId: service.tenant.id,
        sessionHash: 'use-case-session',
        provider: 'test-idp',
        level: 'hoch',
        subject: 'sub-1',
        attributes: {},
        idToken: undefined,
        loggedInAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        ...over,
      });
      assert.deepEqual(await apps.submit(fresh, true), { kind: 'login-needed' });
      assert.deepEqual(await apps.submit(fresh, true, login({ level: 'substanziell' })), {
        kind: 'login-needed',
      });
      assert.deepEqual(await apps.submit(fresh, true, login({ tenantId: 'another-municipality' })), {
        kind: 'login-needed',
      });
      assert.equal(await submissionCount(), before);
      const done = await apps.submit(fresh, true, login({}));
      assert.equal(done.kind, 'submitted');
      assert.equal(await submissionCount(), before + 1);
    });

    test('publishing refuses a Schriftformersatz service below the minimum, naming the legal basis', async () => {
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const definition = JSON.parse(
        readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'widerspruch.json'), 'utf8'),
      ) as { id: string; local: { identity: { level: string } } };
      definition.id = 'widerspruch-niedriger';
      definition.local.identity.level = 'substanziell';
      const refused = await publishService({ store: t.app.store, clock: t.app.clock }, tenantId, definition);
      assert.equal(refused.ok, false);
      assert.ok(!refused.ok && refused.problems.some((p) => /§ 3a Abs\. 2 VwVfG, § 9a OZG/.test(p.message)));
      assert.equal(await t.app.store.services.latestBySlug(tenantId, 'widerspruch-niedriger'), undefined);
      // An installation whose operator chose a lower minimum publishes it.
      const accepted = await publishService(
        { store: t.app.store, clock: t.app.clock, schriftformersatzMinimum: 'substanziell' },
        tenantId,
        definition,
      );
      assert.equal(accepted.ok, true);
    });

    test('the designer sets the level and Schriftformersatz on the start-page form', async () => {
      const { client } = await staffLogin(t, 'musterstadt', 'designer');
      const list = await client.get('/staff/design/entwuerfe');
      const created = await client.submit(list, 'Leeren Entwurf anlegen', {
        titel: 'Kirchenaustritt erklären',
        kennung: 'kirchenaustritt',
      });
      assert.equal(created.status, 303);
      const id = created.location!.split('?')[0]!.split('/')[4]!;
      const form = await client.get(`/staff/design/entwuerfe/${id}/startseite`);
      assert.equal(form.document.querySelector<HTMLSelectElement>('#in-identity-level')?.value, '');
      const saved = await client.submit(form, 'Speichern', {
        's.officeName.de': 'Standesamt',
        's.identity.level': 'hoch',
        's.identity.schriftformersatz': 'ja',
      });
      assert.equal(saved.status, 303, saved.body.slice(0, 500));
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const draft = await t.app.store.editorDrafts.byId(tenantId, id);
      assert.deepEqual(draft?.definition.local?.identity, { level: 'hoch', schriftformersatz: true });
      const again = await client.get(`/staff/design/entwuerfe/${id}/startseite`);
      assert.equal(again.document.querySelector<HTMLSelectElement>('#in-identity-level')?.value, 'hoch');
      assert.equal(
        again.document.querySelector<HTMLInputElement>('#in-identity-schriftformersatz')?.checked,
        true,
      );
    });

    test('logout from the header of a step page ends the login (and the provider’s)', async () => {
      const jar = new CookieJar();
      await startDraft(jar, SFE);
      await jar.fetch(await logIn(jar, SFE, 'hoch'));
      const step = await documentOf(await jar.fetch(url(`${SFE}/schritt/bescheid`)));
      const form = step.querySelector<HTMLFormElement>('#citizen-logout')!;
      const forged = await jar.post(url(form.getAttribute('action')!), { _csrf: 'falsch' });
      assert.equal(forged.status, 403);
      const out = await jar.post(url(form.getAttribute('action')!), {
        _csrf: form.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value,
      });
      assert.equal(locationOf(out).pathname, '/test-idp/session/end');
      // Back on a page: no login in the header; the identity's draft left this browser with the
      // login (found again under "Meine Anträge" after the next login, ADR 0049): the step leads
      // to the start page.
      const catalog = await documentOf(await jar.fetch(url('/musterstadt')));
      assert.equal(catalog.querySelector('#citizen-logout'), null);
      assert.ok(!textOf(catalog).includes('Erika Mustermann'));
      const again = await jar.fetch(url(`${SFE}/schritt/bescheid`));
      assert.equal(locationOf(again).pathname, SFE);
    });
  });
}
