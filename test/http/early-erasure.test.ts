/**
 * Deleting one application before its deadline (ADR 0039) through the real app on both databases:
 * who may (admin always, caseworker only when the municipality allows it, designer never), the
 * admin's search by reference number, the confirmation with a chosen reason, bad input (nothing
 * deleted), CSRF, tenant isolation, and an audit entry and log line without the application.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { queryByRole } from '@testing-library/dom';
import { JSDOM } from 'jsdom';
import type { StaffRole } from '../../src/core/domain.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { links, type PageResult } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';

async function login(t: TestApp, tenant: string, role: StaffRole) {
  return (await staffLogin(t, demoCredential(t, tenant, role))).client;
}

function summary(page: PageResult): string[] {
  const alert = queryByRole(page.document.body, 'alert');
  return alert
    ? Array.from(alert.querySelectorAll('a')).map((a) => a.textContent!.replace(/\s+/g, ' ').trim())
    : [];
}

for (const dialect of DIALECTS) {
  describe(`deleting an application early (${dialect.name})`, () => {
    let t: TestApp;
    let musterstadtId: string;

    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
      await publishFixture(t, 'beispielhausen');
      musterstadtId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
    });
    after(() => t.close());

    test('a caseworker may not, unless the municipality allows it; a designer never', async () => {
      const submission = await submitFixtureDirectly(t, 'kein-recht');
      const caseworker = await login(t, 'musterstadt', 'caseworker');
      const detail = await caseworker.get(`/staff/submissions/${submission.id}`);
      assert.equal(links(detail, 'Antrag vorzeitig löschen').length, 0);
      assert.equal((await caseworker.get(`/staff/submissions/${submission.id}/loeschen`)).status, 403);
      const csrf = detail.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const refused = await caseworker.post(`/staff/submissions/${submission.id}/loeschen`, {
        _csrf: csrf,
        grund: 'duplicate',
      });
      assert.equal(refused.status, 403);
      assert.ok(await t.app.store.submissions.byId(musterstadtId, submission.id), 'nothing deleted');
      const designer = await login(t, 'musterstadt', 'designer');
      assert.equal((await designer.get('/staff/admin/loeschen')).status, 403);
      assert.equal((await designer.get(`/staff/submissions/${submission.id}/loeschen`)).status, 403);
    });

    test('an admin finds the application by reference number and deletes it with a reason', async () => {
      const submission = await submitFixtureDirectly(t, 'admin-loescht');
      const admin = await login(t, 'musterstadt', 'admin');
      const search = await admin.get('/staff/admin/loeschen');
      assert.equal(search.status, 200);
      assert.ok(queryByRole(search.document.body, 'textbox', { name: /Aktenzeichen/ }));

      const empty = await admin.get('/staff/admin/loeschen?aktenzeichen=');
      assert.equal(empty.status, 400);
      assert.deepEqual(summary(empty), ['Geben Sie das Aktenzeichen des Antrags ein.']);
      const unknown = await admin.get('/staff/admin/loeschen?aktenzeichen=ZZZZ-ZZZZ-ZZZZ');
      assert.equal(unknown.status, 404);
      assert.match(summary(unknown)[0] ?? '', /keinen Antrag mit dem Aktenzeichen „ZZZZ-ZZZZ-ZZZZ“/);

      const found = await admin.get(
        `/staff/admin/loeschen?aktenzeichen=${submission.reference.toLowerCase()}`,
      );
      assert.equal(found.status, 303);
      assert.equal(found.location, `/staff/submissions/${submission.id}/loeschen`);
      const confirm = await admin.get(found.location!);
      assert.equal(confirm.status, 200);
      assert.match(confirm.document.querySelector('h1')!.textContent!, new RegExp(submission.reference));
      // The confirmation identifies the case but shows none of its answers.
      assert.doesNotMatch(confirm.body, /admin-loescht/);

      const noReason = await admin.submit(confirm, 'Antrag endgültig löschen');
      assert.equal(noReason.status, 400);
      assert.deepEqual(summary(noReason), ['Wählen Sie aus, warum der Antrag gelöscht wird.']);
      const wrongReason = await admin.submit(confirm, 'Antrag endgültig löschen', { grund: 'weil' });
      assert.equal(wrongReason.status, 400);
      const noCsrf = await admin.post(`/staff/submissions/${submission.id}/loeschen`, { grund: 'duplicate' });
      assert.equal(noCsrf.status, 403);
      assert.ok(await t.app.store.submissions.byId(musterstadtId, submission.id), 'nothing deleted yet');

      const deleted = await admin.submit(confirm, 'Antrag endgültig löschen', {
        grund: 'data-subject-request',
      });
      assert.equal(deleted.status, 303);
      assert.equal(deleted.location, '/staff/admin/loeschen?geloescht=1');
      assert.match((await admin.get(deleted.location!)).body, /Der Antrag ist endgültig gelöscht/);
      assert.equal(await t.app.store.submissions.byId(musterstadtId, submission.id), undefined);
      assert.deepEqual(
        await t.app.store.audit.list(musterstadtId, submission.id),
        [],
        'its history went with it',
      );
      const events = await t.app.store.audit.list(musterstadtId, submission.serviceId);
      const entry = events.find((e) => e.action === 'submission.deleted');
      assert.equal(entry?.actorType, 'staff');
      assert.deepEqual(entry?.details, {
        cause: 'early',
        reason: 'data-subject-request',
        submittedMonth: submission.submittedAt.slice(0, 7),
        archived: false,
      });
      assert.doesNotMatch(JSON.stringify(events), new RegExp(`${submission.id}|${submission.reference}`));
      // The request log names paths (with ids), as for every request; the deletion's own line names
      // neither the application nor its reference.
      assert.doesNotMatch(t.logs(), new RegExp(submission.reference));
      const line = t
        .logs()
        .split('\n')
        .find((l) => l.includes('"event":"submission.deleted"'));
      assert.ok(line);
      assert.doesNotMatch(line, new RegExp(submission.id));
      // Gone: the search finds it no longer, the confirmation is a 404.
      assert.equal(
        (await admin.get(`/staff/admin/loeschen?aktenzeichen=${submission.reference}`)).status,
        404,
      );
      assert.equal((await admin.get(`/staff/submissions/${submission.id}/loeschen`)).status, 404);
    });

    test("another municipality's admin cannot find or delete it", async () => {
      const submission = await submitFixtureDirectly(t, 'fremd');
      const other = await login(t, 'beispielhausen', 'admin');
      const search = await other.get(`/staff/admin/loeschen?aktenzeichen=${submission.reference}`);
      assert.equal(search.status, 404, `${search.status} ${search.location}`);
      const page = await other.get('/staff/admin/loeschen');
      assert.equal((await other.get(`/staff/submissions/${submission.id}/loeschen`)).status, 404);
      const csrf = page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const post = await other.post(`/staff/submissions/${submission.id}/loeschen`, {
        _csrf: csrf,
        grund: 'duplicate',
      });
      assert.equal(post.status, 404);
      assert.ok(await t.app.store.submissions.byId(musterstadtId, submission.id));
    });

    test('where the municipality allows it, a caseworker deletes from the application', async () => {
      const admin = await login(t, 'musterstadt', 'admin');
      const municipality = await admin.get('/staff/admin/gemeinde');
      const section = municipality.document.querySelector(
        'section[aria-labelledby="setting-submissions-earlyDeletion"]',
      );
      assert.ok(section, 'the setting is on the municipality page');
      const only = { ...municipality, document: new JSDOM(section.outerHTML).window.document };
      const saved = await admin.submit(only, 'Einstellung speichern', { caseworkers: 'ja' });
      assert.equal(saved.status, 303);

      const submission = await submitFixtureDirectly(t, 'sachbearbeitung-loescht');
      const caseworker = await login(t, 'musterstadt', 'caseworker');
      const detail = await caseworker.get(`/staff/submissions/${submission.id}`);
      const [link] = links(detail, 'Antrag vorzeitig löschen');
      assert.ok(link);
      const confirm = await caseworker.get(link.getAttribute('href')!);
      const deleted = await caseworker.submit(confirm, 'Antrag endgültig löschen', { grund: 'duplicate' });
      assert.equal(deleted.status, 303);
      assert.equal(deleted.location, '/staff/geloescht');
      assert.match((await caseworker.get(deleted.location!)).body, /Der Antrag ist endgültig gelöscht/);
      assert.equal(await t.app.store.submissions.byId(musterstadtId, submission.id), undefined);
      assert.equal((await caseworker.get(`/staff/submissions/${submission.id}`)).status, 404);
    });
  });
}
