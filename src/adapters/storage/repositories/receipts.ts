/**
 * Sealed receipts and the certificates that seal them (ADR 0032). A receipt's PDF and a
 * certificate's PKCS#12 with its passphrase are encrypted with the tenant's data key, each bound
 * to its row by the AAD. Both are written "first one wins": a receipt is never replaced once
 * issued (every download gets the same bytes), and the demo's certificate is generated once.
 */

import type { SealCertificate, StoredReceipt } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { Locale } from '../../../definition/types.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { ReceiptsTable, SealCertificatesTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext } from './context.ts';

export const RECEIPT = 'receipts.pdf';
export const CERTIFICATE = 'seal_certificates.secret';

export function receiptsRepository({ db, cipher, transaction }: StoreContext): Store['receipts'] {
  const open = async (row: ReceiptsTable): Promise<StoredReceipt> => ({
    tenantId: row.tenant_id,
    submissionId: row.submission_id,
    pdf: await cipher.decryptBytes(
      row.tenant_id,
      row.pdf_enc,
      placeAad(row.tenant_id, RECEIPT, row.submission_id),
    ),
    locale: row.locale as Locale,
    createdAt: row.created_at,
  });
  const find = (tenantId: string, submissionId: string) =>
    db
      .selectFrom('receipts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();

  return {
    async get(tenantId, submissionId) {
      const row = await find(tenantId, submissionId);
      return row && open(row);
    },

    async add(receipt, audit) {
      // Encrypted before the transaction: the data key may need a read (see group-commit.ts).
      const pdfEnc = await cipher.encryptBytes(
        receipt.tenantId,
        receipt.pdf,
        placeAad(receipt.tenantId, RECEIPT, receipt.submissionId),
      );
      await transaction(async (trx) => {
        const inserted = await trx
          .insertInto('receipts')
          .values({
            tenant_id: receipt.tenantId,
            submission_id: receipt.submissionId,
            locale: receipt.locale,
            pdf_enc: pdfEnc,
            created_at: receipt.createdAt,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'submission_id']).doNothing())
          .executeTakeFirst();
        // Only the receipt that was kept is recorded as issued.
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          await insertAudit.execute(
            trx,
            auditParams({ ...audit, tenantId: receipt.tenantId }, receipt.createdAt),
          );
        }
      });
      const kept = await find(receipt.tenantId, receipt.submissionId);
      if (!kept) throw new Error('the receipt just stored is missing');
      return open(kept);
    },
  };
}

export function sealCertificatesRepository({
  db,
  cipher,
  transaction,
}: StoreContext): Store['sealCertificates'] {
  const open = async (row: SealCertificatesTable): Promise<SealCertificate> => {
    const secret = JSON.parse(
      await cipher.decrypt(
        row.tenant_id,
        row.secret_enc,
        placeAad(row.tenant_id, CERTIFICATE, row.tenant_id),
      ),
    ) as { pkcs12: string; passphrase: string };
    return {
      tenantId: row.tenant_id,
      pkcs12: Buffer.from(secret.pkcs12, 'base64'),
      passphrase: secret.passphrase,
      demo: row.demo === 1,
      createdAt: row.created_at,
    };
  };
  const find = (tenantId: string) =>
    db.selectFrom('seal_certificates').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  const row = async (certificate: SealCertificate): Promise<SealCertificatesTable> => ({
    tenant_id: certificate.tenantId,
    secret_enc: await cipher.encrypt(
      certificate.tenantId,
      JSON.stringify({
        pkcs12: Buffer.from(certificate.pkcs12).toString('base64'),
        passphrase: certificate.passphrase,
      }),
      placeAad(certificate.tenantId, CERTIFICATE, certificate.tenantId),
    ),
    demo: certificate.demo ? 1 : 0,
    created_at: certificate.createdAt,
  });

  return {
    async get(tenantId) {
      const found = await find(tenantId);
      return found && open(found);
    },

    async put(certificate, audit) {
      const values = await row(certificate);
      await transaction(async (trx) => {
        await trx
          .insertInto('seal_certificates')
          .values(values)
          .onConflict((oc) =>
            oc.column('tenant_id').doUpdateSet({
              secret_enc: values.secret_enc,
              demo: values.demo,
              created_at: values.created_at,
            }),
          )
          .execute();
        await insertAudit.execute(
          trx,
          auditParams({ ...audit, tenantId: certificate.tenantId }, certificate.createdAt),
        );
      });
    },

    async addIfAbsent(certificate, audit) {
      const values = await row(certificate);
      await transaction(async (trx) => {
        const inserted = await trx
          .insertInto('seal_certificates')
          .values(values)
          .onConflict((oc) => oc.column('tenant_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          await insertAudit.execute(
            trx,
            auditParams({ ...audit, tenantId: certificate.tenantId }, certificate.createdAt),
          );
        }
      });
      const kept = await find(certificate.tenantId);
      if (!kept) throw new Error('the certificate just stored is missing');
      return open(kept);
    },
  };
}
