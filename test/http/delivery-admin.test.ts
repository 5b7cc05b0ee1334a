import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole } from '@testing-library/dom';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient, saveChannel, TestClock } from '../support/delivery.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';

const SECRET = 'ein-geheimnis-das-lang-genug-ist-0123456789';

/**
 * The admin's delivery pages (ADR 0034): the built-in mail sink's "Postausgang" and the list of
 * failed deliveries with "Erneut senden" (CSRF-checked, audited, admin role, own municipality only).
 */
for (const dialect of DIALECTS) {
  describe(`delivery pages of the Verwaltung (${dialect.name})`, () => {
    const clock = new TestClock();
    let t: TestApp;
    let receiver: Server;
    /** What the receiver answers: the test switches it from refusing to accepting. */
    let status = 400;
    let received = 0;

    before(async () => {
      t = await startTestApp(dialect, { clock });
      await publishFixture(t);
      receiver = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          if (status < 300) received++;
          response.writeHead(status).end();
        });
      }).listen(0, '127.0.0.1');
      await once(receiver, 'listening');
    });
    after(async () => {
      receiver.close();
      await t.close();
    });

    test('without SMTP, mails are kept in the Postausgang, readable by the own admin only', async () => {
      const admin = await adminClient(t);
      await saveChannel(t, admin, 'delivery-email', {
        enabled: 'ja',
        to: 'buergerbuero@musterstadt.example',
      });
      clock.advance(6000);
      const submission = await submitFixtureDirectly(t, 'Senke');
      await t.app.deliveries.runOnce('worker');

      const list = await admin.get('/staff/admin/postausgang');
      assert.equal(list.status, 200);
      assert.ok(
        getByRole(list.document.body, 'heading', { level: 1, name: 'Postausgang: Gesendete E-Mails' }),
      );
      const link = getByRole(list.document.body, 'link', { name: new RegExp(submission.reference) });
      const mail = await admin.get(link.getAttribute('href')!);
      assert.equal(mail.status, 200);
      assert.match(mail.document.body.textContent!, new RegExp(`Aktenzeichen: ${submission.reference}`));
      assert.match(mail.document.body.textContent!, /buergerbuero@musterstadt\.example/);

      const other = await adminClient(t, 'beispielhausen');
      assert.equal((await other.get(link.getAttribute('href')!)).status, 404, "another municipality's mail");
      assert.doesNotMatch(
        (await other.get('/staff/admin/postausgang')).body,
        new RegExp(submission.reference),
      );
      const stored = await t.database.db
        .selectFrom('sent_mails')
        .select('message_enc')
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.message_enc, /Aktenzeichen/, 'the message is encrypted at rest');
    });

    test('a failed delivery is listed with its error; "Erneut senden" delivers it once the receiver is fixed', async () => {
      const admin = await adminClient(t);
      const { port } = receiver.address() as AddressInfo;
      await saveChannel(t, admin, 'delivery-webhook', {
        enabled: 'ja',
        url: `http://127.0.0.1:${port}/eingang`,
        secret: SECRET,
      });
      clock.advance(6000);
      const submission = await submitFixtureDirectly(t, 'Erneut');
      await t.app.deliveries.runOnce('worker');

      const page = await admin.get('/staff/admin/zustellung');
      assert.equal(page.status, 200);
      const rows = getAllByRole(getByRole(page.document.body, 'table'), 'row');
      const row = rows.find((r) => r.textContent!.includes(submission.reference));
      assert.ok(row, 'the failed delivery is listed');
      assert.match(row.textContent!, /HTTP 400/);
      assert.match(row.textContent!, /Aufgegeben/);
      const [item] = (await t.app.store.deliveries.ofSubmission(submission.tenantId, submission.id)).filter(
        (i) => i.channel === 'webhook',
      );
      assert.equal(item?.state, 'dead');
      const action = `/staff/admin/zustellung/${item.id}/erneut-senden`;

      // Without the form's CSRF token, from a caseworker, from another municipality: nothing changes.
      assert.equal((await admin.post(action, {})).status, 403);
      const { client: cw, home } = await staffLogin(t, demoCredential(t));
      const cwCsrf = (await cw.get(home)).document.querySelector<HTMLInputElement>(
        'input[name=_csrf]',
      )!.value;
      assert.equal((await cw.post(action, { _csrf: cwCsrf })).status, 403);
      assert.equal((await cw.get('/staff/admin/zustellung')).status, 403);
      const other = await adminClient(t, 'beispielhausen');
      const otherPage = await other.get('/staff/admin/zustellung');
      assert.doesNotMatch(otherPage.body, new RegExp(submission.reference));
      const otherCsrf = otherPage.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      assert.equal((await other.post(action, { _csrf: otherCsrf })).status, 404);
      assert.equal((await t.app.store.deliveries.byId(submission.tenantId, item.id))?.state, 'dead');

      status = 204;
      const resent = await admin.submit(page, new RegExp(`Erneut senden: ${submission.reference}`));
      assert.equal(resent.status, 303);
      const after = await admin.get(resent.location!);
      assert.match(after.body, /Die Zustellung wird jetzt erneut versucht\./);
      await t.app.deliveries.runOnce('worker');
      assert.equal((await t.app.store.deliveries.byId(submission.tenantId, item.id))?.state, 'delivered');
      assert.equal(received, 1);
      const events = await t.app.store.audit.list(submission.tenantId, submission.id);
      const event = events.find((e) => e.action === 'delivery.resent');
      assert.equal(event?.actorType, 'staff');
      assert.deepEqual(event?.details, { delivery: item.id, channel: 'webhook', state: 'dead' });
      const list = await admin.get('/staff/admin/zustellung');
      assert.doesNotMatch(list.body, new RegExp(submission.reference), 'delivered: no longer a problem');
    });
  });
}
