import type { Selectable } from 'kysely';
import type { Draft } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { Answers } from '../../../definition/types.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { DraftsTable } from '../dialect/schema.ts';
import { prepared } from '../write-path/prepared.ts';
import { type StoreContext, toCount } from './context.ts';

const COLUMNS = [
  'id',
  'tenant_id',
  'service_id',
  'service_version_id',
  'answers_enc',
  'created_at',
  'updated_at',
  'expires_at',
  'submission_id',
  'owner_hash',
] as const;

/** The lookup of every step page and submit (hot path). */
const findQuery = prepared<
  { tenantId: string; serviceId: string; sessionHash: string },
  Pick<Selectable<DraftsTable>, (typeof COLUMNS)[number]>
>((db, p) =>
  db
    .selectFrom('drafts')
    .select(COLUMNS)
    .where('tenant_id', '=', p('tenantId'))
    .where('service_id', '=', p('serviceId'))
    .where('session_hash', '=', p('sessionHash')),
);

const saveAnswersQuery = prepared<
  { tenantId: string; draftId: string; answersEnc: string; updatedAt: string },
  never
>((db, p) =>
  db
    .updateTable('drafts')
    .set({ answers_enc: p('answersEnc'), updated_at: p('updatedAt') })
    .where('tenant_id', '=', p('tenantId'))
    .where('id', '=', p('draftId'))
    // A submitted draft is frozen: its answers are what was submitted.
    .where('submission_id', 'is', null),
);

const saveAnswersAndExpiryQuery = prepared<
  { tenantId: string; draftId: string; answersEnc: string; updatedAt: string; expiresAt: string },
  never
>((db, p) =>
  db
    .updateTable('drafts')
    .set({ answers_enc: p('answersEnc'), updated_at: p('updatedAt'), expires_at: p('expiresAt') })
    .where('tenant_id', '=', p('tenantId'))
    .where('id', '=', p('draftId'))
    .where('submission_id', 'is', null),
);

export function draftsRepository({ db, cipher, write, transaction }: StoreContext): Store['drafts'] {
  const sealAnswers = (tenantId: string, draftId: string, answers: Answers) =>
    cipher.encrypt(tenantId, JSON.stringify(answers), placeAad(tenantId, 'drafts', draftId));

  async function find(tenantId: string, serviceId: string, sessionHash: string): Promise<Draft | undefined> {
    const row = (await findQuery.execute(db, { tenantId, serviceId, sessionHash })).rows[0];
    if (!row) return undefined;
    // A submitted draft keeps no answers (see `markDraftSubmitted` in submissions.ts).
    const answers =
      row.submission_id !== null
        ? '{}'
        : await cipher.decrypt(tenantId, row.answers_enc, placeAad(tenantId, 'drafts', row.id));
    return {
      id: row.id,
      tenantId: row.tenant_id,
      serviceId: row.service_id,
      serviceVersionId: row.service_version_id,
      answers: JSON.parse(answers),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      expiresAt: row.expires_at,
      submissionId: row.submission_id,
      ownerHash: row.owner_hash,
    };
  }

  return {
    find,

    async create(draft) {
      const answersEnc = await sealAnswers(draft.tenantId, draft.id, draft.answers);
      const inserted = await write((w) =>
        w
          .insertInto('drafts')
          .values({
            id: draft.id,
            tenant_id: draft.tenantId,
            service_id: draft.serviceId,
            service_version_id: draft.serviceVersionId,
            session_hash: draft.sessionHash,
            answers_enc: answersEnc,
            created_at: draft.createdAt,
            updated_at: draft.createdAt,
            expires_at: draft.expiresAt,
            submission_id: null,
          })
          // Two requests of one session starting the same service at once (double click) get the
          // same draft instead of an error.
          .onConflict((oc) => oc.columns(['tenant_id', 'service_id', 'session_hash']).doNothing())
          .returning('id')
          .executeTakeFirst(),
      );
      if (!inserted) {
        const existing = await find(draft.tenantId, draft.serviceId, draft.sessionHash);
        if (existing) return existing;
      }
      const { sessionHash: _, ...rest } = draft;
      return { ...rest, updatedAt: draft.createdAt, submissionId: null };
    },

    async saveAnswers(tenantId, draftId, answers, updatedAt, expiresAt) {
      const answersEnc = await sealAnswers(tenantId, draftId, answers);
      await write((w) =>
        expiresAt === undefined
          ? saveAnswersQuery.execute(w, { tenantId, draftId, answersEnc, updatedAt })
          : saveAnswersAndExpiryQuery.execute(w, { tenantId, draftId, answersEnc, updatedAt, expiresAt }),
      );
    },

    async delete(tenantId, draftId) {
      // The draft's unsent files go with it (a submitted draft's files belong to the submission).
      await transaction(async (trx) => {
        await trx
          .deleteFrom('attachments')
          .where('tenant_id', '=', tenantId)
          .where('draft_id', '=', draftId)
          .where('submission_id', 'is', null)
          .execute();
        await trx.deleteFrom('drafts').where('tenant_id', '=', tenantId).where('id', '=', draftId).execute();
      });
    },

    async deleteExpired(now) {
      return transaction(async (trx) => {
        await trx
          .deleteFrom('attachments')
          .where('submission_id', 'is', null)
          .where('draft_id', 'in', (q) => q.selectFrom('drafts').select('id').where('expires_at', '<=', now))
          .execute();
        const result = await trx.deleteFrom('drafts').where('expires_at', '<=', now).executeTakeFirst();
        return toCount(result.numDeletedRows);
      });
    },
  };
}
