import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient } from '../support/delivery.ts';
import { draftWith, HUND_ANSWERS } from '../support/demo-drafts.ts';
import { HttpClient } from '../support/http-client.ts';

const BASE = '/musterstadt/hund-anmelden';

/**
 * The applicant's confirmation e-mail (ADR 0041): "Hund anmelden" marks its e-mail field as the
 * applicant's contact; a submission that answered it gets an outbox row `confirmation` in the same
 * commit, and the worker mails the sealed receipt (the same stored bytes) to that address.
 */
for (const dialect of DIALECTS) {
  describe(`confirmation e-mail to the applicant (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    async function submit(answers: typeof HUND_ANSWERS) {
      const client = new HttpClient(t.app.server);
      await draftWith(t, client, BASE, answers);
      const check = await client.get(`${BASE}/pruefen`);
      const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(done.status, 303);
      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      const [latest] = (await t.app.store.submissions.inbox(tenant.id, { page: 1, pageSize: 1 })).items;
      return { tenantId: tenant.id, submission: latest! };
    }

    test('with an address: one confirmation in the outbox, sent once with the sealed receipt', async () => {
      const address = 'erika.musterfrau@example.de';
      const { tenantId, submission } = await submit({ ...HUND_ANSWERS, email: address });
      const rows = await t.app.store.deliveries.ofSubmission(tenantId, submission.id);
      const confirmation = rows.find((r) => r.channel === 'confirmation');
      assert.ok(confirmation, 'written with the submission');
      assert.equal(confirmation.idempotencyKey, `${submission.id}.confirmation`);
      const raw = await t.database.db
        .selectFrom('delivery_outbox')
        .selectAll()
        .where('id', '=', confirmation.id)
        .executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(raw).includes(address), 'the address is not kept in the outbox row');

      while ((await t.app.deliveries.runOnce('test')) > 0) {}
      assert.equal((await t.app.store.deliveries.byId(tenantId, confirmation.id))?.state, 'delivered');
      const admin = await adminClient(t);
      const list = await admin.get('/staff/admin/postausgang');
      const link = [...list.document.querySelectorAll('a')].find((a) =>
        a.textContent?.includes(`Ihr Antrag ist eingegangen: Hund anmelden`),
      );
      assert.ok(link, 'the mail is in the demo mailbox');
      const mails = await t.app.store.sentMails.list(tenantId, { page: 1, pageSize: 50 });
      const sent = mails.items.filter((m) => m.to === address);
      assert.equal(sent.length, 1, 'sent once');
      const mail = await t.app.store.sentMails.byId(tenantId, sent[0]!.id);
      assert.match(mail!.subject, new RegExp(submission.reference));
      assert.match(mail!.text, new RegExp(`Aktenzeichen: ${submission.reference}`));
      assert.match(mail!.text, /Eingangsbestätigung \(PDF\) ist angehängt/);
      assert.match(mail!.text, /-- English --/);
      assert.doesNotMatch(mail!.text, /Bello|DE89370400440532013000/, 'no answers in the text');
      const receipt = await t.app.store.receipts.get(tenantId, submission.id);
      assert.ok(receipt, 'the receipt was issued and stored');
      assert.deepEqual(
        mail!.attachments.map((a) => [a.contentType, a.sha256]),
        [['application/pdf', createHash('sha256').update(receipt.pdf).digest('hex')]],
      );
    });

    test('without an address: no confirmation', async () => {
      const { email: _none, ...withoutEmail } = { ...HUND_ANSWERS, email: '' };
      const { tenantId, submission } = await submit(withoutEmail);
      const rows = await t.app.store.deliveries.ofSubmission(tenantId, submission.id);
      assert.ok(!rows.some((r) => r.channel === 'confirmation'));
      assert.ok(rows.length >= 1, 'the office is still told (the demo e-mail channel)');
    });
  });
}
