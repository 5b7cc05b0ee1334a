import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { seedTenant, storeFor } from '../../../../test/support/storage/fixtures.ts';
import type { SentMail } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9)).toISOString();

for (const d of DIALECTS) {
  describe(`the mail sink on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
    });
    after(() => database.destroy());

    const mail = (tenantId: string, sentAt: string): SentMail => ({
      id: randomUUID(),
      tenantId,
      sentAt,
      to: 'buergerbuero@musterstadt.example',
      subject: `Antrag vom ${sentAt}`,
      from: 'amtsweg@musterstadt.example',
      text: 'Vorname: Erika',
      attachments: [],
    });

    it('deletes the mails sent before the deadline, of every municipality, and keeps the others', async () => {
      const a = await seedTenant(store, 'postausgang-a');
      const b = await seedTenant(store, 'postausgang-b');
      const old = [mail(a.tenantId, day(1)), mail(b.tenantId, day(2))];
      const kept = [mail(a.tenantId, day(20)), mail(b.tenantId, day(21))];
      for (const m of [...old, ...kept]) await store.sentMails.add(m);

      assert.equal(await store.sentMails.deleteSentBefore(day(10)), 2);
      for (const m of old) assert.equal(await store.sentMails.byId(m.tenantId, m.id), undefined);
      for (const m of kept) assert.equal((await store.sentMails.byId(m.tenantId, m.id))?.text, m.text);
      const listed = await store.sentMails.list(a.tenantId, { page: 1, pageSize: 10 });
      assert.deepEqual(
        listed.items.map((m) => m.id),
        [kept[0]!.id],
      );
      // Nothing more is due: a second run deletes nothing.
      assert.equal(await store.sentMails.deleteSentBefore(day(10)), 0);
    });
  });
}
