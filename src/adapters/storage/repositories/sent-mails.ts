/**
 * The built-in mail sink (ADR 0034): each mail as sent, for the admin's "Postausgang". Recipient and
 * subject stay readable for the list (an office's address and a reference); the message (sender,
 * text and attachments, which may carry the application's data) is ciphertext under the tenant's
 * data key, bound to its row.
 */
import type { SentMail } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import { type StoreContext, toCount } from './context.ts';

type Message = Pick<SentMail, 'from' | 'text' | 'attachments'>;

export function sentMailsRepository({ db, cipher, write }: StoreContext): Store['sentMails'] {
  return {
    async add(mail) {
      const message: Message = { from: mail.from, text: mail.text, attachments: mail.attachments };
      const messageEnc = await cipher.encrypt(
        mail.tenantId,
        JSON.stringify(message),
        placeAad(mail.tenantId, 'sent_mails', mail.id),
      );
      await write((trx) =>
        trx
          .insertInto('sent_mails')
          .values({
            id: mail.id,
            tenant_id: mail.tenantId,
            sent_at: mail.sentAt,
            to_address: mail.to,
            subject: mail.subject,
            message_enc: messageEnc,
          })
          .execute(),
      );
    },

    async list(tenantId, query) {
      const pageSize = Math.max(1, Math.floor(query.pageSize));
      const page = Math.max(1, Math.floor(query.page));
      const [count, rows] = await Promise.all([
        db
          .selectFrom('sent_mails')
          .where('tenant_id', '=', tenantId)
          .select(({ fn }) => fn.countAll().as('n'))
          .executeTakeFirst(),
        db
          .selectFrom('sent_mails')
          .select(['id', 'tenant_id', 'sent_at', 'to_address', 'subject'])
          .where('tenant_id', '=', tenantId)
          .orderBy('sent_at', 'desc')
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ]);
      return {
        items: rows.map((row) => ({
          id: row.id,
          tenantId: row.tenant_id,
          sentAt: row.sent_at,
          to: row.to_address,
          subject: row.subject,
        })),
        total: toCount(count?.n),
        page,
        pageSize,
      };
    },

    async byId(tenantId, id) {
      const row = await db
        .selectFrom('sent_mails')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const message: Message = JSON.parse(
        await cipher.decrypt(tenantId, row.message_enc, placeAad(tenantId, 'sent_mails', row.id)),
      );
      return {
        id: row.id,
        tenantId,
        sentAt: row.sent_at,
        to: row.to_address,
        subject: row.subject,
        ...message,
      };
    },

    async deleteSentBefore(before) {
      const result = await write((trx) =>
        trx.deleteFrom('sent_mails').where('sent_at', '<', before).executeTakeFirst(),
      );
      return toCount(result.numDeletedRows);
    },
  };
}
