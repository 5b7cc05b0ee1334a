import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { setStaffDisabled } from '../../src/core/administration.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { fillFixture, publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { HttpClient, links, type PageResult } from '../support/http-client.ts';
import { demoCredential, staffLoginPage } from '../support/staff-login.ts';

async function login(t: TestApp, tenant: string): Promise<{ client: HttpClient; inbox: PageResult }> {
  const { client, page } = await staffLoginPage(t, demoCredential(t, tenant));
  return { client, inbox: page };
}

async function submitFixture(t: TestApp, base: string, marker: string): Promise<string> {
  const citizen = new HttpClient(t.app.server);
  const check = await fillFixture(citizen, base, marker);
  await citizen.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
  const confirmation = await citizen.get(`${base}/eingegangen`);
  return confirmation.document.getElementById('vorgangsnummer')!.textContent!.trim();
}

for (const dialect of DIALECTS) {
  describe(`caseworker (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    let reference: string;
    /** The staff URL of the submission made in `before`. */
    let href: string;
    before(async () => {
      t = await startTestApp(dialect);
      base = await publishFixture(t);
      reference = await submitFixture(t, base, 'Staff');
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
      assert.equal(inbox.items[0]?.reference, reference);
      href = `/staff/submissions/${inbox.items[0]!.id}`;
    });
    after(() => t.close());

    test('staff pages need a login', async () => {
      const client = new HttpClient(t.app.server);
      for (const url of [
        '/staff',
        '/staff/inbox',
        `/staff/submissions/00000000-0000-4000-8000-000000000000`,
      ]) {
        const page = await client.visit(url);
        assert.ok(getByRole(page.document.body, 'heading', { name: 'Anmeldung für Mitarbeitende' }), url);
      }
    });

    test('a wrong password is refused with an error and no session', async () => {
      const client = new HttpClient(t.app.server);
      const form = await client.get('/staff/login');
      const result = await client.submit(form, 'Anmelden', {
        username: 'sachbearbeitung@musterstadt',
        password: 'falsch',
      });
      assert.equal(result.status, 401);
      assert.match(result.document.title, /^Fehler:/);
      assert.ok(getByRole(result.document.body, 'alert'));
      assert.ok(!client.cookies.has('aw_staff'));
      const empty = await client.submit(form, 'Anmelden', { username: '', password: '' });
      assert.equal(empty.status, 400);
    });

    test('inbox, submission with labelled answers, status workflow and audit', async () => {
      const { client, inbox } = await login(t, 'musterstadt');
      assert.ok(getByRole(inbox.document.body, 'heading', { level: 1, name: 'Posteingang' }));
      const row = links(inbox, reference)[0];
      assert.ok(row, 'the new submission is in the inbox');

      const filtered = await client.get('/staff/inbox?status=completed');
      assert.equal(links(filtered, reference).length, 0, 'the status filter applies');

      let detail = await client.get(row.getAttribute('href')!);
      assert.equal(detail.status, 200);
      const text = detail.document.body.textContent ?? '';
      assert.match(text, /Vorname\s*VornameStaff/);
      assert.match(text, /Geburtsdatum\s*27\.03\.1987/);
      // The fee computed at submission (3 × 12,50 €) is stored with it and shown.
      assert.match(detail.document.getElementById('fee')?.textContent ?? '', /^37,50\s€$/);
      assert.equal(
        detail.document.getElementById('fee')?.previousElementSibling?.textContent,
        'Bearbeitungsgebühr je Stück',
        "named by the fee's own label",
      );
      assert.match(text, /Eingegangen/);

      let result = await client.submit(detail, 'Bearbeitung beginnen');
      assert.equal(result.status, 303);
      detail = await client.get(result.location!);
      assert.equal(detail.document.getElementById('current-status')?.textContent, 'In Bearbeitung');
      result = await client.submit(detail, 'Abschließen');
      detail = await client.get(result.location!);
      assert.equal(detail.document.getElementById('current-status')?.textContent, 'Abgeschlossen');
      const history = detail.document.body.textContent ?? '';
      assert.match(history, /Antrag eingegangen/);
      assert.match(history, /Antrag angesehen/);
      assert.match(history, /Status geändert: Eingegangen → In Bearbeitung/);
      assert.match(history, /Status geändert: In Bearbeitung → Abgeschlossen/);

      // A stale form (someone else changed the status) is refused and changes nothing.
      const stale = await client.post(`${row.getAttribute('href')}/status`, {
        _csrf: (detail.document.querySelector('input[name=_csrf]') as HTMLInputElement).value,
        from: 'received',
        to: 'in_progress',
      });
      assert.equal(stale.status, 409);
      // The page leads back to the application as it is now.
      assert.equal(links(stale, 'Zurück zum Antrag')[0]?.getAttribute('href'), row.getAttribute('href'));
      detail = await client.get(row.getAttribute('href')!);
      assert.equal(detail.document.getElementById('current-status')?.textContent, 'Abgeschlossen');

      // Unknown status codes are a bad request.
      const bad = await client.post(`${row.getAttribute('href')}/status`, {
        _csrf: (detail.document.querySelector('input[name=_csrf]') as HTMLInputElement).value,
        from: 'completed',
        to: 'deleted',
      });
      assert.equal(bad.status, 400);
    });

    test('the inbox is paginated, newest first', async () => {
      for (let i = 0; i < 21; i++) await submitFixtureDirectly(t, `Page${i}`);
      const { client, inbox } = await login(t, 'musterstadt');
      const rows = inbox.document.querySelectorAll('tbody tr');
      assert.equal(rows.length, 20);
      const next = links(inbox, 'Nächste Seite')[0];
      assert.ok(next);
      const second = await client.get(next.getAttribute('href')!);
      assert.ok(second.document.querySelectorAll('tbody tr').length >= 2);
      // Newest first: the last one submitted leads the first page, the first submission is on page 2.
      assert.match(rows[0]?.textContent ?? '', /Testantrag/);
      assert.ok(links(second, reference).length === 1, 'the oldest submission is on the second page');
    });

    test('logout ends the session', async () => {
      const { client, inbox } = await login(t, 'musterstadt');
      const token = client.cookies.get('aw_staff');
      const out = await client.submit(inbox, 'Abmelden');
      assert.equal(out.location, '/staff/login');
      const other = new HttpClient(t.app.server);
      other.cookies.set('aw_staff', token!);
      const after = await other.get('/staff/inbox');
      assert.equal(after.location, '/staff/login', 'the old token no longer works');
    });

    test('a disabled account is logged out at once and refused like a wrong password; enabled, it works again', async () => {
      const credential = t.credentials.find((c) => c.tenant === 'beispielhausen');
      assert.ok(credential);
      const { client } = await login(t, 'beispielhausen');
      const deps = { store: t.app.store, clock: t.app.clock };
      await setStaffDisabled(deps, { username: credential.username, disabled: true });
      const after = await client.get('/staff/inbox');
      assert.equal(after.location, '/staff/login', 'the open session ended');
      const again = new HttpClient(t.app.server);
      const form = await again.get('/staff/login');
      const refused = await again.submit(form, 'Anmelden', {
        username: credential.username,
        password: credential.password,
      });
      assert.equal(refused.status, 401, 'the same answer as a wrong password');
      assert.ok(!again.cookies.has('aw_staff'));
      await setStaffDisabled(deps, { username: credential.username, disabled: false });
      await login(t, 'beispielhausen');
    });

    test('a caseworker of Beispielhausen sees nothing of Musterstadt on any staff route', async () => {
      const musterstadt = await login(t, 'musterstadt');
      const id = href.split('/').pop()!;
      const services = Array.from(musterstadt.inbox.document.querySelectorAll('#filter-service option'))
        .map((o) => o.getAttribute('value'))
        .filter((v): v is string => Boolean(v));

      const { client, inbox } = await login(t, 'beispielhausen');
      assert.equal(links(inbox, reference).length, 0, 'not in the inbox');
      assert.doesNotMatch(inbox.body, new RegExp(reference));
      for (const serviceId of services) {
        const filtered = await client.get(`/staff/inbox?leistung=${serviceId}`);
        assert.equal(filtered.status, 200);
        assert.doesNotMatch(filtered.body, new RegExp(reference));
        assert.doesNotMatch(filtered.body, /Testantrag/);
      }
      const view = await client.get(`/staff/submissions/${id}`);
      assert.equal(view.status, 404);
      assert.equal((await client.get(`/staff/submissions/${id}/eingangsbestaetigung.pdf`)).status, 404);
      const csrf = (inbox.document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
      for (const [from, to] of [
        ['received', 'in_progress'],
        ['completed', 'in_progress'],
      ]) {
        const change = await client.post(`/staff/submissions/${id}/status`, {
          _csrf: csrf,
          from: from!,
          to: to!,
        });
        assert.equal(change.status, 404);
      }
      // Nothing changed for Musterstadt, and no audit event was written for the foreign reads.
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const events = await t.app.store.audit.list(tenant!.id, id);
      const beispielhausen = await t.app.store.tenants.bySlug('beispielhausen');
      assert.ok(events.every((e) => e.tenantId === tenant!.id));
      assert.equal((await t.app.store.audit.list(beispielhausen!.id, id)).length, 0);
    });

    test('staff forms without a valid CSRF token are refused', async () => {
      const { client } = await login(t, 'musterstadt');
      const result = await client.post(`${href}/status`, {
        _csrf: 'nope',
        from: 'completed',
        to: 'in_progress',
      });
      assert.equal(result.status, 403);
      const loginWithoutSession = await new HttpClient(t.app.server).post('/staff/login', {
        username: 'sachbearbeitung@musterstadt',
        password: 'irrelevant',
      });
      assert.equal(loginWithoutSession.status, 403);
    });
  });
}
