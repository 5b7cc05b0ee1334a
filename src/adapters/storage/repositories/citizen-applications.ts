/**
 * A logged-in citizen's drafts and submissions, and what prefilled them (ADR 0049). The owner is a
 * keyed hash of the identity, never the provider's subject; the vouched values and the marks are
 * ciphertext under the tenant's data key, bound to their row.
 */
import { sql } from 'kysely';
import type { OwnedApplications, SubmissionStatus } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { Answers } from '../../../definition/types.ts';
import type { PrefillMark } from '../../../engine/prefill.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { StoreContext } from './context.ts';
import { submissionsWithService } from './submissions.ts';

/** How many of each an owner's list shows (the newest). */
const LIST_LIMIT = 100;

export function citizenApplicationsRepository({
  db,
  cipher,
  write,
  transaction,
}: StoreContext): Store['citizenApplications'] {
  const draftAad = (tenantId: string, draftId: string) => placeAad(tenantId, 'drafts.prefill', draftId);
  return {
    async vouched(tenantId, draftId) {
      const row = await db
        .selectFrom('drafts')
        .select(['prefill_enc'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', draftId)
        .executeTakeFirst();
      if (!row?.prefill_enc) return {};
      return JSON.parse(
        await cipher.decrypt(tenantId, row.prefill_enc, draftAad(tenantId, draftId)),
      ) as Answers;
    },

    async savePrefill(tenantId, draftId, answers, vouched, updatedAt) {
      const [answersEnc, prefillEnc] = await Promise.all([
        cipher.encrypt(tenantId, JSON.stringify(answers), placeAad(tenantId, 'drafts', draftId)),
        cipher.encrypt(tenantId, JSON.stringify(vouched), draftAad(tenantId, draftId)),
      ]);
      await write((w) =>
        w
          .updateTable('drafts')
          .set({ answers_enc: answersEnc, prefill_enc: prefillEnc, updated_at: updatedAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', draftId)
          .where('submission_id', 'is', null)
          .execute(),
      );
    },

    async claim(tenantId, sessionHash, ownerHash) {
      await write((w) =>
        w
          .updateTable('drafts')
          .set({ owner_hash: ownerHash })
          .where('tenant_id', '=', tenantId)
          .where('session_hash', '=', sessionHash)
          .where('owner_hash', 'is', null)
          .execute(),
      );
    },

    async release(tenantId, sessionHash, ownerHash) {
      // Set aside like a draft continued elsewhere: no browser session hash is ever "moved:…".
      await write((w) =>
        w
          .updateTable('drafts')
          .set({ session_hash: sql<string>`${'moved:'} || id` })
          .where('tenant_id', '=', tenantId)
          .where('session_hash', '=', sessionHash)
          .where('owner_hash', '=', ownerHash)
          .where('submission_id', 'is', null)
          .execute(),
      );
    },

    async ofOwner(tenantId, ownerHash): Promise<OwnedApplications> {
      const [drafts, submissions] = await Promise.all([
        db
          .selectFrom('drafts as d')
          .innerJoin('service_versions as v', (j) =>
            j.onRef('v.id', '=', 'd.service_version_id').onRef('v.tenant_id', '=', 'd.tenant_id'),
          )
          .innerJoin('services as s', (j) =>
            j.onRef('s.id', '=', 'd.service_id').onRef('s.tenant_id', '=', 'd.tenant_id'),
          )
          .select(['d.id', 's.slug', 'v.title_json', 'd.updated_at', 'd.expires_at'])
          .where('d.tenant_id', '=', tenantId)
          .where('d.owner_hash', '=', ownerHash)
          .where('d.submission_id', 'is', null)
          .orderBy('d.updated_at', 'desc')
          .limit(LIST_LIMIT)
          .execute(),
        submissionsWithService(db, tenantId)
          .select(['sub.reference', 's.slug', 'v.title_json', 'sub.submitted_at', 'sub.status'])
          .where('sub.owner_hash', '=', ownerHash)
          .orderBy('sub.submitted_at', 'desc')
          .limit(LIST_LIMIT)
          .execute(),
      ]);
      return {
        drafts: drafts.map((d) => ({
          id: d.id,
          serviceSlug: d.slug,
          serviceTitle: JSON.parse(d.title_json),
          updatedAt: d.updated_at,
          expiresAt: d.expires_at,
        })),
        submissions: submissions.map((s) => ({
          reference: s.reference,
          serviceSlug: s.slug,
          serviceTitle: JSON.parse(s.title_json),
          submittedAt: s.submitted_at,
          status: s.status as SubmissionStatus,
        })),
      };
    },

    moveToSession(tenantId, draftId, ownerHash, sessionHash) {
      return transaction(async (trx) => {
        const draft = await trx
          .selectFrom('drafts as d')
          .innerJoin('services as s', (j) =>
            j.onRef('s.id', '=', 'd.service_id').onRef('s.tenant_id', '=', 'd.tenant_id'),
          )
          .select(['d.service_id', 'd.session_hash', 's.slug'])
          .where('d.tenant_id', '=', tenantId)
          .where('d.id', '=', draftId)
          .where('d.owner_hash', '=', ownerHash)
          .where('d.submission_id', 'is', null)
          .executeTakeFirst();
        if (!draft) return { kind: 'not-found' } as const;
        if (draft.session_hash === sessionHash) return { kind: 'moved', serviceSlug: draft.slug } as const;
        const present = await trx
          .selectFrom('drafts')
          .select(['id', 'owner_hash', 'submission_id'])
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', draft.service_id)
          .where('session_hash', '=', sessionHash)
          .executeTakeFirst();
        if (present) {
          // An anonymous open draft of this browser is the citizen's work too: never dropped silently.
          if (present.owner_hash !== ownerHash && present.submission_id === null) {
            return { kind: 'occupied' } as const;
          }
          // Set aside (no browser reaches it by its session any more); an owned one stays listed.
          await trx
            .updateTable('drafts')
            .set({ session_hash: `moved:${present.id}` })
            .where('tenant_id', '=', tenantId)
            .where('id', '=', present.id)
            .execute();
        }
        await trx
          .updateTable('drafts')
          .set({ session_hash: sessionHash })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', draftId)
          .execute();
        return { kind: 'moved', serviceSlug: draft.slug } as const;
      });
    },

    async prefillMarks(tenantId, submissionId) {
      const row = await db
        .selectFrom('submissions')
        .select(['prefill_enc'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', submissionId)
        .executeTakeFirst();
      if (!row?.prefill_enc) return [];
      return JSON.parse(
        await cipher.decrypt(
          tenantId,
          row.prefill_enc,
          placeAad(tenantId, 'submissions.prefill', submissionId),
        ),
      ) as PrefillMark[];
    },
  };
}
