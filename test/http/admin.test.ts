/**
 * The Verwaltung area (admin role, ADR 0024) through the real app on both databases: least
 * privilege both ways, staff accounts (create with a password shown once, roles, new password,
 * disable, enable, all audited with the admin as actor), no self-lockout, the municipality's legal
 * links and settings, per-service settings (draft lifetime on the start page and on new drafts),
 * bad input, CSRF, tenant isolation, and four-eyes publishing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole, queryByRole } from '@testing-library/dom';
import { JSDOM } from 'jsdom';
import { UNANSWERED_DRAFT_HOURS } from '../../src/core/applications.ts';
import type { StaffRole } from '../../src/core/domain.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { HttpClient, links, type PageResult } from '../support/http-client.ts';
import { staffLoginPage } from '../support/staff-login.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

function demo(t: TestApp, tenant: string, role: StaffRole) {
  const credential = t.credentials.find((c) => c.tenant === tenant && (c.role ?? 'caseworker') === role);
  assert.ok(credential, `demo ${role} of ${tenant}`);
  return credential;
}

function loginAs(t: TestApp, username: string, password: string) {
  return staffLoginPage(t, { username, password });
}

function login(t: TestApp, tenant: string, role: StaffRole) {
  return staffLoginPage(t, demo(t, tenant, role));
}

/** The page with only one setting's section, whose "Einstellung speichern" is meant. */
function settingOnly(page: PageResult, slug: string): PageResult {
  const section = page.document.querySelector(`section[aria-labelledby="setting-${slug}"]`);
  if (!section) throw new Error(`no setting ${slug} on the page`);
  return { ...page, document: new JSDOM(section.outerHTML).window.document };
}

const fourEyesOnly = (page: PageResult) => settingOnly(page, 'publishing-fourEyes');
const retentionOnly = (page: PageResult) => settingOnly(page, 'drafts-retention');

function csrfOf(page: PageResult): string {
  const input = page.document.querySelector<HTMLInputElement>('input[name=_csrf]');
  assert.ok(input, 'the page has a form with a CSRF token');
  return input.value;
}

/** The error summary's entries and the links' targets. */
function summary(page: PageResult): Array<{ text: string; href: string }> {
  const alert = queryByRole(page.document.body, 'alert');
  return alert
    ? Array.from(alert.querySelectorAll('a')).map((a) => ({
        text: a.textContent!.replace(/\s+/g, ' ').trim(),
        href: a.getAttribute('href')!,
      }))
    : [];
}

function text(page: PageResult, id: string): string {
  return page.document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

for (const dialect of DIALECTS) {
  describe(`Verwaltung (${dialect.name})`, () => {
    let t: TestApp;
    /** Lets a test move time on, past the few seconds' caches. */
    let offsetMs = 0;
    /** Stops the app's clock where a test checks a cache, so a slow (loaded) machine cannot outrun it. */
    let frozenMs: number | undefined;
    let musterstadtId: string;
    let caseworkerId: string;
    let serviceId: string;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(frozenMs ?? Date.now() + offsetMs) } });
      musterstadtId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      caseworkerId = (await t.app.store.staff.byUsername('sachbearbeitung@musterstadt'))!.id;
      serviceId = (await t.app.store.services.latestBySlug(musterstadtId, 'hund-anmelden'))!.serviceId;
      await publishFixture(t);
    });
    after(() => t.close());

    /** Every admin route with Musterstadt's ids: GETs, and POSTs with the form values they take. */
    const routes = () => ({
      get: [
        '/staff/admin',
        '/staff/admin/konten/neu',
        `/staff/admin/konten/${caseworkerId}`,
        '/staff/admin/gemeinde',
        '/staff/admin/leistungen',
        `/staff/admin/leistungen/${serviceId}`,
        '/staff/admin/zustellung',
        '/staff/admin/postausgang',
      ],
      post: [
        ['/staff/admin/konten/neu', { username: `x-${randomUUID()}`, name: 'X', rollen: 'caseworker' }],
        [`/staff/admin/konten/${caseworkerId}/rollen`, { rollen: ['caseworker', 'admin'] }],
        [`/staff/admin/konten/${caseworkerId}/passwort`, {}],
        [`/staff/admin/konten/${caseworkerId}/sperren`, {}],
        [`/staff/admin/konten/${caseworkerId}/entsperren`, {}],
        [
          '/staff/admin/gemeinde/links',
          { imprint: 'https://evil.example/i', privacy: '', accessibility: '' },
        ],
        ['/staff/admin/gemeinde/einstellungen/publishing.fourEyes', { required: 'ja' }],
        [`/staff/admin/leistungen/${serviceId}/einstellungen/drafts.retention`, { days: '2' }],
      ] as Array<[string, Record<string, string | string[]>]>,
    });

    /** What the admin routes could change for Musterstadt, to prove a refusal changed nothing. */
    const musterstadtState = async () => ({
      tenant: await t.app.store.tenants.byId(musterstadtId),
      accounts: await t.app.store.staff.listByTenant(musterstadtId),
      settings: await t.app.store.operationalSettings.listByTenant(musterstadtId),
    });

    test('an admin-only account starts in the Verwaltung and has no access to casework or design', async () => {
      const { client, home, page } = await login(t, 'musterstadt', 'admin');
      assert.equal(home, '/staff/admin');
      assert.equal(page.response.headers['cache-control'], 'no-store');
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Mitarbeitendenkonten' }));
      const nav = getByRole(page.document.body, 'navigation', { name: 'Bereiche' });
      assert.deepEqual(
        getAllByRole(nav, 'link').map((a) => a.textContent),
        ['Verwaltung'],
      );
      assert.equal((await client.get('/staff')).location, '/staff/admin');
      const submission = await submitFixtureDirectly(t, 'Verwaltung');
      for (const url of ['/staff/inbox', '/staff/design', `/staff/submissions/${submission.id}`]) {
        const refused = await client.get(url);
        assert.equal(refused.status, 403, url);
        assert.ok(getByRole(refused.document.body, 'heading', { name: 'Kein Zugriff' }), url);
        assert.doesNotMatch(refused.body, /VornameVerwaltung/, 'no personal data');
      }
      const rows = getAllByRole(getByRole(page.document.body, 'table'), 'row').slice(1);
      assert.deepEqual(
        rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)),
        [
          ['sachbearbeitung@musterstadt', 'Erika Mustermann', 'Sachbearbeitung', 'Aktiv'],
          ['service-design@musterstadt', 'Lena Gestalt', 'Service-Design', 'Aktiv'],
          ['verwaltung@musterstadt', 'Vera Waltung', 'Verwaltung', 'Aktiv'],
        ],
      );
    });

    test('a caseworker and a designer get 403 on every admin route; nothing changes', async () => {
      const before = await musterstadtState();
      for (const role of ['caseworker', 'designer'] as const) {
        const { client, page } = await login(t, 'musterstadt', role);
        const nav = getByRole(page.document.body, 'navigation', { name: 'Bereiche' });
        assert.ok(!getAllByRole(nav, 'link').some((a) => a.textContent === 'Verwaltung'), 'not offered');
        const csrf = csrfOf(page);
        for (const url of routes().get) {
          assert.equal((await client.get(url)).status, 403, `${role} GET ${url}`);
        }
        for (const [url, form] of routes().post) {
          assert.equal((await client.post(url, { _csrf: csrf, ...form })).status, 403, `${role} POST ${url}`);
        }
      }
      assert.deepEqual(await musterstadtState(), before);
    });

    test('an admin creates an account: the generated password is shown once and works; audited', async () => {
      const { client, page } = await login(t, 'musterstadt', 'admin');
      const form = await client.get(links(page, 'Neues Konto anlegen')[0]!.getAttribute('href')!);
      assert.ok(getByRole(form.document.body, 'heading', { level: 1, name: 'Neues Konto anlegen' }));
      const created = await client.submit(form, 'Konto anlegen', {
        username: 'kim@musterstadt',
        name: 'Kim Konto',
        rollen: ['caseworker', 'designer'],
      });
      assert.equal(created.status, 303);
      assert.match(created.location!, /^\/staff\/admin\/konten\/[0-9a-f-]{36}\?neu=erzeugt$/);
      const shown = await client.get(created.location!);
      assert.equal(shown.response.headers['cache-control'], 'no-store');
      assert.match(shown.document.body.textContent!, /Das Konto wurde angelegt\./);
      const password = text(shown, 'new-password');
      assert.match(password, /^\S{20}$/, 'a generated password of 120 random bits');
      assert.equal(text(shown, 'account-roles'), 'Sachbearbeitung, Service-Design');
      const reload = await client.get(created.location!);
      assert.equal(text(reload, 'new-password'), '', 'shown exactly once');
      assert.match(reload.document.body.textContent!, /wird nicht noch einmal gezeigt/);

      const kim = await loginAs(t, 'kim@musterstadt', password);
      assert.equal(kim.home, '/staff/inbox');
      const account = (await t.app.store.staff.byUsername('kim@musterstadt'))!;
      const admin = (await t.app.store.staff.byUsername('verwaltung@musterstadt'))!;
      const [event] = await t.app.store.audit.list(musterstadtId, account.id);
      assert.equal(event?.action, 'staff.created');
      assert.equal(event?.actorType, 'staff');
      assert.equal(event?.actorId, admin.id, 'the admin is the actor, not an operator');
      const history = await client.get(`/staff/admin/konten/${account.id}`);
      assert.match(text(history, 'account-state'), /^Aktiv$/);
      assert.match(history.document.body.textContent!, /Konto angelegt\s*Vera Waltung/);

      // A password typed by the admin: never shown back.
      const typed = await client.submit(await client.get('/staff/admin/konten/neu'), 'Konto anlegen', {
        username: 'lou@musterstadt',
        name: 'Lou Gestalt',
        rollen: 'designer',
        passwort: 'ein-langes-Passwort-1',
      });
      assert.equal(typed.status, 303);
      assert.match(typed.location!, /\?neu=festgelegt$/);
      const typedPage = await client.get(typed.location!);
      assert.doesNotMatch(typedPage.body, /ein-langes-Passwort-1/);
      assert.match(typedPage.document.body.textContent!, /das Sie festgelegt haben/);
      assert.equal((await loginAs(t, 'lou@musterstadt', 'ein-langes-Passwort-1')).home, '/staff/design');
    });

    test('bad input is refused with an error summary and marked fields; nothing is created', async () => {
      const { client } = await login(t, 'musterstadt', 'admin');
      const before = await musterstadtState();
      const form = await client.get('/staff/admin/konten/neu');
      const refused = await client.submit(form, 'Konto anlegen', {
        username: 'mit leerzeichen',
        name: '   ',
        passwort: 'kurz',
      });
      assert.equal(refused.status, 400);
      assert.match(refused.document.title, /^Fehler:/);
      assert.deepEqual(summary(refused), [
        {
          text: 'Geben Sie einen Benutzernamen mit 3 bis 200 Zeichen ohne Leerzeichen ein',
          href: '#field-username',
        },
        { text: 'Geben Sie einen Namen mit höchstens 200 Zeichen ein', href: '#field-name' },
        { text: 'Wählen Sie mindestens eine Rolle', href: '#field-roles' },
        { text: 'Das Passwort muss mindestens 12 Zeichen haben', href: '#field-password' },
      ]);
      for (const id of ['field-username', 'field-name', 'field-roles', 'field-password']) {
        assert.equal(refused.document.getElementById(id)?.getAttribute('aria-invalid'), 'true', id);
      }
      assert.equal(
        refused.document.querySelector<HTMLInputElement>('#field-username')?.value,
        'mit leerzeichen',
        'what was typed is shown again',
      );
      assert.equal(refused.document.querySelector<HTMLInputElement>('#field-password')?.value, '');
      const unknownRole = await client.submit(form, 'Konto anlegen', {
        username: 'rolle@musterstadt',
        name: 'Rolle',
        rollen: 'chef',
      });
      assert.equal(unknownRole.status, 400);
      assert.deepEqual(
        summary(unknownRole).map((s) => s.href),
        ['#field-roles'],
      );
      for (const username of ['sachbearbeitung@musterstadt', 'sachbearbeitung@beispielhausen']) {
        const taken = await client.submit(form, 'Konto anlegen', {
          username,
          name: 'Doppelt',
          rollen: 'admin',
        });
        assert.equal(taken.status, 400, username);
        assert.deepEqual(summary(taken), [
          { text: 'Dieser Benutzername ist bereits vergeben', href: '#field-username' },
        ]);
      }
      assert.deepEqual(await musterstadtState(), before);
    });

    test('roles, a new password, disabling and enabling: each ends the sessions and is audited', async () => {
      const { client } = await login(t, 'musterstadt', 'admin');
      const created = await client.submit(await client.get('/staff/admin/konten/neu'), 'Konto anlegen', {
        username: 'max@musterstadt',
        name: 'Max Wechsel',
        rollen: 'caseworker',
      });
      const accountUrl = created.location!.split('?')[0]!;
      const first = text(await client.get(created.location!), 'new-password');
      const max = await loginAs(t, 'max@musterstadt', first);

      let page = await client.get(accountUrl);
      const roles = await client.submit(page, 'Rollen speichern', { rollen: ['designer', 'admin'] });
      assert.equal(roles.status, 303);
      page = await client.get(roles.location!);
      assert.match(page.document.body.textContent!, /Die Rollen wurden geändert\./);
      assert.equal(text(page, 'account-roles'), 'Service-Design, Verwaltung');
      assert.equal((await max.client.get('/staff/inbox')).location, '/staff/login', 'the session ended');

      const noRole = await client.submit(page, 'Rollen speichern', { rollen: [] });
      assert.equal(noRole.status, 400);
      assert.deepEqual(summary(noRole), [{ text: 'Wählen Sie mindestens eine Rolle', href: '#field-roles' }]);

      const maxAgain = await loginAs(t, 'max@musterstadt', first);
      assert.equal(maxAgain.home, '/staff/design');
      const reset = await client.submit(page, 'Neues Passwort erzeugen');
      assert.equal(reset.status, 303);
      page = await client.get(reset.location!);
      const second = text(page, 'new-password');
      assert.match(second, /^\S{20}$/);
      assert.notEqual(second, first);
      assert.equal(
        (await maxAgain.client.get('/staff/design')).location,
        '/staff/login',
        'the session ended',
      );
      const oldPassword = new HttpClient(t.app.server);
      const refusedLogin = await oldPassword.submit(await oldPassword.get('/staff/login'), 'Anmelden', {
        username: 'max@musterstadt',
        password: first,
      });
      assert.equal(refusedLogin.status, 401, 'the old password no longer works');
      const maxThird = await loginAs(t, 'max@musterstadt', second);

      const disabled = await client.submit(page, 'Konto sperren');
      assert.equal(disabled.status, 303);
      page = await client.get(disabled.location!);
      assert.match(text(page, 'account-state'), /^Gesperrt seit /);
      assert.equal((await maxThird.client.get('/staff/admin')).location, '/staff/login');
      const list = await client.get('/staff/admin');
      const row = getAllByRole(list.document.body, 'row').find((r) =>
        r.textContent!.includes('max@musterstadt'),
      );
      assert.equal(row?.querySelector('td:last-child')?.textContent, 'Gesperrt');
      const enabled = await client.submit(page, 'Konto entsperren');
      page = await client.get(enabled.location!);
      assert.equal(text(page, 'account-state'), 'Aktiv');
      await loginAs(t, 'max@musterstadt', second);

      const account = (await t.app.store.staff.byUsername('max@musterstadt'))!;
      const admin = (await t.app.store.staff.byUsername('verwaltung@musterstadt'))!;
      // The admin's changes (logins, failed logins and the second factor's set-up of the account are
      // audited too).
      const events = (await t.app.store.audit.list(musterstadtId, account.id)).filter(
        (e) => !e.action.startsWith('staff.login') && !e.action.startsWith('staff.second_factor'),
      );
      assert.deepEqual(
        events.map((e) => [e.action, e.actorType, e.actorId]),
        [
          ['staff.created', 'staff', admin.id],
          ['staff.roles_changed', 'staff', admin.id],
          ['staff.password_reset', 'staff', admin.id],
          ['staff.disabled', 'staff', admin.id],
          ['staff.enabled', 'staff', admin.id],
        ],
      );
      assert.doesNotMatch(
        JSON.stringify(events),
        new RegExp(`${first}|${second}`),
        'no password in the audit log',
      );
      assert.match(
        page.document.body.textContent!,
        /Rollen geändert: Sachbearbeitung → Service-Design, Verwaltung/,
      );
    });

    test('an admin cannot lock the municipality out: no own admin role removed, no self-disable or reset', async () => {
      const { client } = await login(t, 'musterstadt', 'admin');
      const admin = (await t.app.store.staff.byUsername('verwaltung@musterstadt'))!;
      const own = await client.get(`/staff/admin/konten/${admin.id}`);
      assert.match(own.document.body.textContent!, /Das ist Ihr eigenes Konto/);
      assert.equal(queryByRole(own.document.body, 'button', { name: 'Konto sperren' }), null);
      assert.equal(queryByRole(own.document.body, 'button', { name: 'Neues Passwort erzeugen' }), null);
      const before = await musterstadtState();

      const roles = await client.submit(own, 'Rollen speichern', { rollen: ['caseworker'] });
      assert.equal(roles.status, 400);
      assert.deepEqual(summary(roles), [
        { text: 'Sie können sich die Rolle Verwaltung nicht selbst entziehen', href: '#field-roles' },
      ]);
      const csrf = csrfOf(own);
      const disable = await client.post(`/staff/admin/konten/${admin.id}/sperren`, { _csrf: csrf });
      assert.equal(disable.status, 400);
      assert.deepEqual(summary(disable), [
        { text: 'Sie können Ihr eigenes Konto nicht sperren', href: '#zugang' },
      ]);
      const reset = await client.post(`/staff/admin/konten/${admin.id}/passwort`, { _csrf: csrf });
      assert.equal(reset.status, 400);
      assert.deepEqual(summary(reset), [
        { text: 'Ihr eigenes Passwort können Sie hier nicht neu setzen', href: '#passwort' },
      ]);
      assert.deepEqual(await musterstadtState(), before, 'nothing changed');
      assert.equal((await client.get('/staff/admin')).status, 200, 'still signed in');
    });

    test('the municipality: legal links (shown to citizens) and a bad link refused with nothing changed', async () => {
      const { client } = await login(t, 'musterstadt', 'admin');
      const page = await client.get('/staff/admin/gemeinde');
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Gemeinde Musterstadt' }));
      const before = await musterstadtState();
      const bad = await client.submit(page, 'Links speichern', {
        imprint: 'javascript:alert(1)',
        privacy: 'http://www.musterstadt.example/datenschutz',
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        summary(bad).map((s) => s.href),
        ['#link-imprint', '#link-privacy'],
      );
      assert.equal(bad.document.getElementById('link-imprint')?.getAttribute('aria-invalid'), 'true');
      assert.equal(bad.document.getElementById('link-accessibility')?.getAttribute('aria-invalid'), null);
      assert.deepEqual(await musterstadtState(), before, 'nothing changed');

      const saved = await client.submit(page, 'Links speichern', {
        imprint: 'https://www.musterstadt.example/impressum-neu',
        accessibility: '',
      });
      assert.equal(saved.status, 303);
      assert.equal(saved.location, '/staff/admin/gemeinde?gespeichert=links');
      assert.match(
        (await client.get(saved.location!)).document.body.textContent!,
        /Die Links wurden gespeichert\./,
      );
      const tenant = await t.app.store.tenants.byId(musterstadtId);
      assert.deepEqual(tenant?.legalLinks, {
        imprint: 'https://www.musterstadt.example/impressum-neu',
        privacy: 'https://www.musterstadt.example/datenschutz',
      });
      offsetMs += 6000; // past the citizen pages' tenant cache
      const citizen = await new HttpClient(t.app.server).get('/musterstadt');
      const footer = getByRole(citizen.document.body, 'navigation', { name: 'Rechtliches' });
      assert.deepEqual(
        getAllByRole(footer, 'link').map((a) => a.getAttribute('href')),
        ['https://www.musterstadt.example/impressum-neu', 'https://www.musterstadt.example/datenschutz'],
      );
      const [event] = (await t.app.store.audit.list(musterstadtId, musterstadtId)).filter(
        (e) => e.action === 'tenant.changed',
      );
      assert.deepEqual(event?.details, { changed: ['imprint', 'accessibility'] });
      assert.equal(event?.actorType, 'staff');
      // Back as it was, for the other tests.
      await client.submit(page, 'Links speichern', {
        imprint: 'https://www.musterstadt.example/impressum',
        accessibility: 'https://www.musterstadt.example/barrierefreiheit',
      });
    });

    test('the draft lifetime of a service: on its start page and for new drafts, outside the definition', async () => {
      const { client } = await login(t, 'musterstadt', 'admin');
      const citizen = new HttpClient(t.app.server);
      const startPage = async () => text(await citizen.get('/musterstadt/hund-anmelden'), 'draft-note');
      frozenMs = Date.now() + offsetMs;
      assert.equal(await startPage(), 'Ihre Angaben werden zwischengespeichert und nach 30 Tagen gelöscht.');
      const published = await t.app.store.services.latestBySlug(musterstadtId, 'hund-anmelden');

      const overview = await client.get('/staff/admin/leistungen');
      const row = getAllByRole(getByRole(overview.document.body, 'table'), 'row').find((r) =>
        r.textContent!.includes('Hund anmelden'),
      )!;
      assert.match(row.textContent!, /30 Tage/);
      const page = await client.get(row.querySelector('a')!.getAttribute('href')!);
      assert.ok(
        getByRole(page.document.body, 'heading', {
          level: 1,
          name: 'Einstellungen: Hund anmelden (Hundesteuer)',
        }),
      );
      assert.equal(text(page, 'setting-drafts-retention-status'), 'Es gilt der Standardwert.');
      const before = await musterstadtState();
      for (const days of ['0', '91', 'sieben', '', '7.5']) {
        const refused = await client.submit(retentionOnly(page), 'Einstellung speichern', { days });
        assert.equal(refused.status, 400, days);
        assert.equal(summary(refused)[0]?.href, '#setting-drafts-retention-days', days);
        assert.equal(
          refused.document.getElementById('setting-drafts-retention-days')?.getAttribute('aria-invalid'),
          'true',
        );
      }
      const outOfRange = await client.submit(retentionOnly(page), 'Einstellung speichern', { days: '91' });
      assert.equal(summary(outOfRange)[0]?.text, 'Geben Sie eine Zahl von 1 bis 90 ein');
      assert.deepEqual(await musterstadtState(), before, 'nothing changed');

      const saved = await client.submit(retentionOnly(page), 'Einstellung speichern', { days: '7' });
      assert.equal(saved.status, 303);
      const after = await client.get(saved.location!);
      assert.match(after.document.body.textContent!, /Die Einstellung wurde gespeichert\./);
      assert.match(
        text(after, 'setting-drafts-retention-status'),
        /^Zuletzt geändert am .+ von Vera Waltung\.$/,
      );

      // Cached like the catalog: a few seconds, not a query per request.
      assert.equal(await startPage(), 'Ihre Angaben werden zwischengespeichert und nach 30 Tagen gelöscht.');
      offsetMs += 6000;
      frozenMs += 6000;
      assert.equal(await startPage(), 'Ihre Angaben werden zwischengespeichert und nach 7 Tagen gelöscht.');
      const start = await citizen.get('/musterstadt/hund-anmelden');
      assert.equal((await citizen.submit(start, 'Jetzt starten')).status, 303);
      const draft = await t.app.database.db
        .selectFrom('drafts')
        .select(['created_at', 'expires_at'])
        .where('tenant_id', '=', musterstadtId)
        .where('service_id', '=', serviceId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      // Until its first answer a draft lives hours (ADR 0027); then the 7 days from its start apply
      // (test/http/citizen-limits.test.ts).
      assert.equal(
        Date.parse(draft.expires_at) - Date.parse(draft.created_at),
        UNANSWERED_DRAFT_HOURS * 60 * 60 * 1000,
      );

      // Not part of the definition: no new version, the published one unchanged.
      assert.deepEqual(await t.app.store.services.latestBySlug(musterstadtId, 'hund-anmelden'), published);
      const beispielhausen = (await t.app.store.tenants.bySlug('beispielhausen'))!;
      const other = (await t.app.store.services.listLatest(beispielhausen.id))[0]!;
      assert.deepEqual(
        await t.app.applications.draftLifetimeDays(
          await t.app.applications.service('beispielhausen', other.slug),
        ),
        30,
      );

      const oneDay = await client.submit(retentionOnly(after), 'Einstellung speichern', { days: '1' });
      assert.equal(oneDay.status, 303);
      offsetMs += 6000;
      frozenMs += 6000;
      assert.equal(await startPage(), 'Ihre Angaben werden zwischengespeichert und nach einem Tag gelöscht.');
      frozenMs = undefined;
      await client.submit(retentionOnly(after), 'Einstellung speichern', { days: '30' });
      const unknown = await client.post(
        `/staff/admin/leistungen/${serviceId}/einstellungen/drafts.unbekannt`,
        {
          _csrf: csrfOf(after),
          days: '5',
        },
      );
      assert.equal(unknown.status, 404);
      const tenantWide = await client.post(`/staff/admin/gemeinde/einstellungen/drafts.retention`, {
        _csrf: csrfOf(after),
        days: '5',
      });
      assert.equal(tenantWide.status, 404, 'a per-service kind has no tenant-wide value');
    });

    test('every admin form refuses a missing or forged CSRF token and changes nothing', async () => {
      const { client } = await login(t, 'musterstadt', 'admin');
      const before = await musterstadtState();
      for (const [url, form] of routes().post) {
        assert.equal((await client.post(url, form)).status, 403, `no token: ${url}`);
        assert.equal(
          (await client.post(url, { _csrf: 'gefaelscht', ...form })).status,
          403,
          `forged: ${url}`,
        );
      }
      const other = await login(t, 'musterstadt', 'caseworker');
      for (const [url, form] of routes().post) {
        const foreign = await client.post(url, { _csrf: csrfOf(other.page), ...form });
        assert.equal(foreign.status, 403, `another session's token: ${url}`);
      }
      assert.deepEqual(await musterstadtState(), before);
    });

    test('a Beispielhausen admin sees nothing of Musterstadt and changes nothing with its ids or names', async () => {
      const before = await musterstadtState();
      const { client, page } = await login(t, 'beispielhausen', 'admin');
      assert.doesNotMatch(page.body, /musterstadt/i);
      assert.doesNotMatch((await client.get('/staff/admin/leistungen')).body, /Hund anmelden/);
      assert.doesNotMatch((await client.get('/staff/admin/gemeinde')).body, /musterstadt/i);
      const csrf = csrfOf(page);
      const { get, post } = routes();
      for (const url of get.filter((u) => u.includes(caseworkerId) || u.includes(serviceId))) {
        assert.equal((await client.get(url)).status, 404, `GET ${url}`);
      }
      for (const [url, form] of post.filter(([u]) => u.includes(caseworkerId) || u.includes(serviceId))) {
        assert.equal((await client.post(url, { _csrf: csrf, ...form })).status, 404, `POST ${url}`);
      }
      // Musterstadt's account names: a username is installation-wide, so it is only "taken".
      const taken = await client.post('/staff/admin/konten/neu', {
        _csrf: csrf,
        username: 'verwaltung@musterstadt',
        name: 'Übernahme',
        rollen: 'admin',
      });
      assert.equal(taken.status, 400);
      assert.deepEqual(
        summary(taken).map((s) => s.text),
        ['Dieser Benutzername ist bereits vergeben'],
      );
      assert.doesNotMatch(taken.body, /Vera Waltung/);
      // Its own settings change only its own.
      const links = await client.post('/staff/admin/gemeinde/links', {
        _csrf: csrf,
        imprint: 'https://www.beispielhausen.example/impressum-2',
        privacy: '',
        accessibility: '',
      });
      assert.equal(links.status, 303);
      const fourEyes = await client.post('/staff/admin/gemeinde/einstellungen/publishing.fourEyes', {
        _csrf: csrf,
        required: 'ja',
      });
      assert.equal(fourEyes.status, 303);
      assert.deepEqual(await musterstadtState(), before, 'nothing of Musterstadt changed');
      const beispielhausen = (await t.app.store.tenants.bySlug('beispielhausen'))!;
      assert.deepEqual(
        (await t.app.store.operationalSettings.listByTenant(beispielhausen.id))
          // The demo's delivery and identity settings (seeded, demo-seed.ts) are not what this test changed.
          .filter((s) => !s.kind.startsWith('delivery.') && !s.kind.startsWith('identity.'))
          .map((s) => [s.kind, s.options]),
        [['publishing.fourEyes', { required: true }]],
      );
      assert.equal(
        (await t.app.store.audit.list(musterstadtId, caseworkerId)).filter(
          (e) => e.actorType === 'staff' && e.action !== 'staff.login',
        ).length,
        0,
        'no event about a Musterstadt account',
      );
    });

    test('four eyes: the uploader cannot publish; a second designer approves and publishes; the audit names both', async () => {
      const { client: admin } = await login(t, 'musterstadt', 'admin');
      const municipality = await admin.get('/staff/admin/gemeinde');
      assert.equal(
        municipality.document.querySelector<HTMLInputElement>('#setting-publishing-fourEyes-required')
          ?.checked,
        false,
      );
      const on = await admin.submit(fourEyesOnly(municipality), 'Einstellung speichern', { required: 'ja' });
      assert.equal(on.status, 303);
      assert.equal(on.location, '/staff/admin/gemeinde?gespeichert=einstellung');
      const saved = await admin.get(on.location!);
      assert.equal(
        saved.document.querySelector<HTMLInputElement>('#setting-publishing-fourEyes-required')?.checked,
        true,
      );
      const created = await admin.submit(await admin.get('/staff/admin/konten/neu'), 'Konto anlegen', {
        username: 'zweite@musterstadt',
        name: 'Zora Zweitblick',
        rollen: 'designer',
        passwort: 'zweites-Augenpaar-42',
      });
      assert.equal(created.status, 303);

      // The uploader: the candidate page says why there is no publish button; a POST is refused.
      const uploader = await login(t, 'musterstadt', 'designer');
      const definition = JSON.parse(readFileSync(join(fixtures, 'testantrag.json'), 'utf8'));
      definition.id = 'vier-augen';
      definition.title = { de: 'Vier Augen', en: 'Four eyes' };
      const candidateId = randomUUID();
      const account = (await t.app.store.staff.byUsername('service-design@musterstadt'))!;
      await t.app.store.candidates.create(
        {
          id: candidateId,
          tenantId: musterstadtId,
          slug: 'vier-augen',
          definition,
          source: 'json',
          fileName: 'vier-augen.json',
          warnings: [],
          uploadedBy: account.id,
          uploadedAt: new Date().toISOString(),
          publishedVersionId: null,
          publishedAt: null,
        },
        {
          tenantId: musterstadtId,
          actorType: 'staff',
          actorId: account.id,
          action: 'definition.uploaded',
          subjectType: 'service_candidate',
          subjectId: candidateId,
        },
      );
      const url = `/staff/design/uploads/${candidateId}`;
      const own = await uploader.client.get(url);
      assert.match(
        text(own, 'four-eyes'),
        /Sie haben diese Fassung hochgeladen und können sie deshalb nicht selbst veröffentlichen/,
      );
      assert.equal(queryByRole(own.document.body, 'button', { name: /veröffentlichen/ }), null);
      assert.equal(queryByRole(own.document.body, 'link', { name: 'Veröffentlichen …' }), null);
      const refused = await uploader.client.post(`${url}/publish`, { _csrf: csrfOf(own) });
      assert.equal(refused.status, 403);
      assert.match(refused.document.title, /^Fehler:/);
      assert.match(summary(refused)[0]!.text, /Sie haben diese Fassung hochgeladen/);
      assert.equal(
        await t.app.store.services.latestBySlug(musterstadtId, 'vier-augen'),
        undefined,
        'nothing published',
      );

      // The second designer approves and publishes.
      const second = await loginAs(t, 'zweite@musterstadt', 'zweites-Augenpaar-42');
      const review = await second.client.get(url);
      assert.match(text(review, 'four-eyes'), /Lena Gestalt hat diese Fassung hochgeladen/);
      // "Veröffentlichen …" leads to the confirmation, whose button says what the second designer does.
      getByRole(review.document.body, 'link', { name: 'Veröffentlichen …' });
      const confirm = await second.client.get(`${url}/veroeffentlichen`);
      assert.match(text(confirm, 'four-eyes'), /Lena Gestalt hat diese Fassung hochgeladen/);
      const approved = await second.client.submit(confirm, 'Freigeben und veröffentlichen');
      assert.equal(approved.status, 303);
      const done = await second.client.get(approved.location!);
      assert.match(done.document.body.textContent!, /Veröffentlicht als Version 1\./);
      assert.equal((await t.app.store.services.latestBySlug(musterstadtId, 'vier-augen'))?.version, 1);
      const history = getAllByRole(done.document.body, 'row')
        .slice(-2)
        .map((r) =>
          Array.from(r.querySelectorAll('td'))
            .slice(1)
            .map((td) => td.textContent)
            .join(' | '),
        );
      assert.deepEqual(history, [
        'Hochgeladen | Lena Gestalt',
        'Freigegeben und als Version 1 veröffentlicht | Zora Zweitblick',
      ]);
      const zora = (await t.app.store.staff.byUsername('zweite@musterstadt'))!;
      const published = (await t.app.store.audit.list(musterstadtId, candidateId)).find(
        (e) => e.action === 'service.published',
      );
      assert.equal(published?.actorId, zora.id, 'the approver published it');
      assert.equal(published?.details?.uploadedBy, account.id, 'and the event names the uploader');
      assert.equal(published?.details?.fourEyes, true);

      // Off again: the uploader publishes their own upload, as before.
      const off = await admin.submit(fourEyesOnly(saved), 'Einstellung speichern', { required: [] });
      assert.equal(off.status, 303);
      const setting = await t.app.store.operationalSettings.get(musterstadtId, null, 'publishing.fourEyes');
      assert.deepEqual(setting?.options, { required: false });
    });
  });
}
