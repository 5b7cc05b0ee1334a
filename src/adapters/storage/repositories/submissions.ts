import type { Kysely } from 'kysely';
import type { SubmissionStatus, SubmissionSummary } from '../../../core/domain.ts';
import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import { isAssuranceLevel } from '../../../core/identity/levels.ts';
import type { IdentityAttributes, SubmittedIdentityMark } from '../../../core/identity/records.ts';
import type { Store } from '../../../core/ports.ts';
import type { LocalizedText } from '../../../definition/types.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { DB } from '../dialect/schema.ts';
import { prepared } from '../write-path/prepared.ts';
import type { WriteOutcome, WriteProgram } from '../write-path/write-program.ts';
import { auditParams, insertAudit, isUniqueViolation, type StoreContext, toCount } from './context.ts';
import { insertDeliveries } from './deliveries.ts';

interface SummaryRow {
  id: string;
  tenant_id: string;
  reference: string;
  service_id: string;
  slug: string;
  title_json: string;
  version: number;
  status: string;
  submitted_at: string;
  updated_at: string;
  identity_level: string | null;
  identity_provider: string | null;
  identity_logged_in_at: string | null;
  schriftformersatz: number;
}

/** The encrypted part of a recorded identity (ADR 0048). */
interface IdentitySecret {
  subject: string;
  attributes?: IdentityAttributes;
}

/** Level, provider and time as stored: all three or none (a submission without a login). */
function identityMark(row: SummaryRow): SubmittedIdentityMark | null {
  if (row.identity_level === null || row.identity_provider === null || row.identity_logged_in_at === null)
    return null;
  if (!isAssuranceLevel(row.identity_level))
    throw new Error(`stored Vertrauensniveau "${row.identity_level}" is unknown`);
  return {
    level: row.identity_level,
    provider: row.identity_provider,
    loggedInAt: row.identity_logged_in_at,
  };
}

/** The row's identity ciphertext is bound to the submission: it cannot be moved to another one. */
const identityAad = (tenantId: string, submissionId: string) =>
  placeAad(tenantId, 'submissions.identity', submissionId);

/** What a summary needs from the (immutable) service version. */
interface VersionInfo {
  serviceId: string;
  slug: string;
  title: LocalizedText;
  version: number;
}

/** Published versions never change, so their summary data can be cached for the process lifetime. */
const VERSION_CACHE_LIMIT = 1000;

function toSummary(row: SummaryRow): SubmissionSummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    reference: row.reference,
    serviceId: row.service_id,
    serviceSlug: row.slug,
    serviceTitle: JSON.parse(row.title_json),
    serviceVersion: Number(row.version),
    status: row.status as SubmissionStatus,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    identity: identityMark(row),
    schriftformersatz: Number(row.schriftformersatz) === 1,
  };
}

/**
 * A tenant's submissions joined with their service version and service, on the tenant too (a
 * submission is never read under another tenant's service); callers choose the columns.
 */
export function submissionsWithService(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('submissions as sub')
    .innerJoin('service_versions as v', (j) =>
      j.onRef('v.id', '=', 'sub.service_version_id').onRef('v.tenant_id', '=', 'sub.tenant_id'),
    )
    .innerJoin('services as s', (j) =>
      j.onRef('s.id', '=', 'v.service_id').onRef('s.tenant_id', '=', 'v.tenant_id'),
    )
    .where('sub.tenant_id', '=', tenantId);
}

function summaries(db: Kysely<DB>, tenantId: string) {
  return submissionsWithService(db, tenantId).select([
    'sub.id',
    'sub.tenant_id',
    'sub.reference',
    'sub.service_id',
    's.slug',
    'v.title_json',
    'v.version',
    'sub.status',
    'sub.submitted_at',
    'sub.updated_at',
    'sub.identity_level',
    'sub.identity_provider',
    'sub.identity_logged_in_at',
    'sub.schriftformersatz',
  ]);
}

const insertSubmission = prepared<
  {
    id: string;
    tenantId: string;
    reference: string;
    draftId: string;
    serviceId: string;
    serviceVersionId: string;
    answersEnc: string;
    feeCents: number | null;
    submittedAt: string;
    identityLevel: string | null;
    identityProvider: string | null;
    identityLoggedInAt: string | null;
    identityEnc: string | null;
    schriftformersatz: number;
  },
  never
>((db, p) =>
  db
    .insertInto('submissions')
    .values({
      id: p('id'),
      tenant_id: p('tenantId'),
      reference: p('reference'),
      draft_id: p('draftId'),
      service_id: p('serviceId'),
      service_version_id: p('serviceVersionId'),
      status: 'received',
      answers_enc: p('answersEnc'),
      fee_cents: p('feeCents'),
      submitted_at: p('submittedAt'),
      updated_at: p('submittedAt'),
      identity_level: p('identityLevel'),
      identity_provider: p('identityProvider'),
      identity_logged_in_at: p('identityLoggedInAt'),
      identity_enc: p('identityEnc'),
      schriftformersatz: p('schriftformersatz'),
    })
    .onConflict((oc) => oc.column('draft_id').doNothing()),
);

/**
 * Data minimisation: once submitted, the draft keeps no copy of the answers. The emptied column
 * holds no ciphertext at all (nothing to decrypt, nothing personal); readers of a draft with a
 * submission id know its answers are gone.
 */
const markDraftSubmitted = prepared<
  { tenantId: string; draftId: string; submissionId: string; submittedAt: string },
  never
>((db, p) =>
  db
    .updateTable('drafts')
    .set({
      submission_id: p('submissionId'),
      answers_enc: '',
      updated_at: p('submittedAt'),
    })
    .where('tenant_id', '=', p('tenantId'))
    .where('id', '=', p('draftId')),
);

/**
 * Hands one of the draft's files to the submission. `fail` if it is not there (deleted meanwhile,
 * or not this tenant's or draft's): the whole submit is undone rather than acknowledging an
 * application whose file is missing.
 */
const claimAttachment = prepared<
  { tenantId: string; draftId: string; submissionId: string; id: string },
  never
>((db, p) =>
  db
    .updateTable('attachments')
    .set({ submission_id: p('submissionId'), draft_id: null })
    .where('tenant_id', '=', p('tenantId'))
    .where('draft_id', '=', p('draftId'))
    .where('submission_id', 'is', null)
    .where('id', '=', p('id')),
);

/**
 * Whose the submission is and what the identity prefilled (ADR 0049): only for a draft that
 * belongs to an identity or was prefilled, so an anonymous submit runs no more statements.
 */
const recordCitizenFacts = prepared<
  { tenantId: string; id: string; ownerHash: string | null; prefillEnc: string | null },
  never
>((db, p) =>
  db
    .updateTable('submissions')
    .set({ owner_hash: p('ownerHash'), prefill_enc: p('prefillEnc') })
    .where('tenant_id', '=', p('tenantId'))
    .where('id', '=', p('id')),
);

/** The draft's files the answers do not name (removed from a hidden question): deleted with the submit. */
const dropUnclaimed = prepared<{ tenantId: string; draftId: string }, never>((db, p) =>
  db
    .deleteFrom('attachments')
    .where('tenant_id', '=', p('tenantId'))
    .where('draft_id', '=', p('draftId'))
    .where('submission_id', 'is', null),
);

export function submissionsRepository({
  db,
  cipher,
  transaction,
  runProgram,
}: StoreContext): Store['submissions'] {
  const versionCache = new Map<string, VersionInfo>();

  async function versionInfo(tenantId: string, versionId: string): Promise<VersionInfo> {
    const key = `${tenantId}|${versionId}`;
    const cached = versionCache.get(key);
    if (cached) return cached;
    const row = await db
      .selectFrom('service_versions as v')
      .innerJoin('services as s', (j) =>
        j.onRef('s.id', '=', 'v.service_id').onRef('s.tenant_id', '=', 'v.tenant_id'),
      )
      .select(['v.service_id', 's.slug', 'v.title_json', 'v.version'])
      .where('v.tenant_id', '=', tenantId)
      .where('v.id', '=', versionId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('service version');
    const info = {
      serviceId: row.service_id,
      slug: row.slug,
      title: JSON.parse(row.title_json),
      version: Number(row.version),
    };
    if (versionCache.size >= VERSION_CACHE_LIMIT) versionCache.clear();
    versionCache.set(key, info);
    return info;
  }

  async function summaryBy(tenantId: string, column: 'sub.id' | 'sub.draft_id', value: string) {
    const row = await summaries(db, tenantId).where(column, '=', value).executeTakeFirst();
    return row && toSummary(row);
  }

  return {
    async createFromDraft(input, audit) {
      const { tenantId } = input;
      // Checked outside the transaction (the data is immutable): the version must belong to this
      // tenant and to the named service, which foreign keys alone cannot express.
      const info = await versionInfo(tenantId, input.serviceVersionId);
      if (info.serviceId !== input.serviceId) throw new NotFoundError('service version');
      const answersEnc = await cipher.encrypt(
        tenantId,
        JSON.stringify(input.answers),
        placeAad(tenantId, 'submissions', input.id),
      );
      const marks = input.prefillMarks ?? [];
      const prefillEnc =
        marks.length > 0
          ? await cipher.encrypt(
              tenantId,
              JSON.stringify(marks),
              placeAad(tenantId, 'submissions.prefill', input.id),
            )
          : null;
      const ownerHash = input.ownerHash ?? null;
      const { identity } = input;
      // Encrypted here, before the program: the write itself (on SQLite in the writer thread) stays
      // one insert with its parameters, so idempotency and the crash guarantees are unchanged.
      const identityEnc = identity
        ? await cipher.encrypt(
            tenantId,
            JSON.stringify({
              subject: identity.subject,
              ...(identity.attributes && { attributes: identity.attributes }),
            } satisfies IdentitySecret),
            identityAad(tenantId, input.id),
          )
        : null;
      const schriftformersatz = input.schriftformersatz === true;
      // One program: the draft id is the idempotency key, so a second submit (double click, retry,
      // another instance) inserts nothing and stops there; on PostgreSQL it waits for the first to
      // commit. Marking the draft is also its tenant check: the whole submit is undone if the
      // draft is not ours. The insert comes first: on SQLite a transaction that reads first can
      // fail with SQLITE_BUSY_SNAPSHOT when another process commits meanwhile.
      const program: WriteProgram = [
        {
          ...insertSubmission.bind(db, {
            id: input.id,
            tenantId,
            reference: input.reference,
            draftId: input.draftId,
            serviceId: input.serviceId,
            serviceVersionId: input.serviceVersionId,
            answersEnc,
            feeCents: input.feeCents,
            submittedAt: input.submittedAt,
            identityLevel: identity?.level ?? null,
            identityProvider: identity?.provider ?? null,
            identityLoggedInAt: identity?.loggedInAt ?? null,
            identityEnc,
            schriftformersatz: schriftformersatz ? 1 : 0,
          }),
          ifNoChange: 'stop',
        },
        {
          ...markDraftSubmitted.bind(db, {
            tenantId,
            draftId: input.draftId,
            submissionId: input.id,
            submittedAt: input.submittedAt,
          }),
          ifNoChange: 'fail',
        },
        ...(ownerHash !== null || prefillEnc !== null
          ? [recordCitizenFacts.bind(db, { tenantId, id: input.id, ownerHash, prefillEnc })]
          : []),
        // In the same program, so the reference number is only shown once the files are the
        // submission's too ("nothing acknowledged is ever lost").
        ...(input.attachmentIds ?? []).map((id) => ({
          ...claimAttachment.bind(db, { tenantId, draftId: input.draftId, submissionId: input.id, id }),
          ifNoChange: 'fail' as const,
        })),
        dropUnclaimed.bind(db, { tenantId, draftId: input.draftId }),
        // The transactional outbox (ADR 0034): the deliveries commit with the submission or not at all.
        ...[insertDeliveries(db, tenantId, input.id, input.submittedAt, input.deliveries ?? [])].filter(
          (statement) => statement !== undefined,
        ),
        insertAudit.bind(db, auditParams({ ...audit, tenantId }, input.submittedAt)),
      ];
      let outcome: WriteOutcome;
      try {
        outcome = await runProgram(program);
      } catch (error) {
        if (isUniqueViolation(error, 'submissions_reference_key', 'submissions.reference')) {
          // Callers draw a new reference and retry (see core/applications.ts).
          throw new ConflictError('ERR_REFERENCE_TAKEN', 'the reference number is already taken', {
            cause: error,
          });
        }
        throw error;
      }
      if (outcome.kind === 'failed') throw new NotFoundError('draft');
      const created = outcome.kind === 'done';
      if (created) {
        const submission: SubmissionSummary = {
          id: input.id,
          tenantId,
          reference: input.reference,
          serviceId: input.serviceId,
          serviceSlug: info.slug,
          serviceTitle: info.title,
          serviceVersion: info.version,
          status: 'received',
          submittedAt: input.submittedAt,
          updatedAt: input.submittedAt,
          identity: identity
            ? { level: identity.level, provider: identity.provider, loggedInAt: identity.loggedInAt }
            : null,
          schriftformersatz,
        };
        return { submission, created };
      }
      const existing = await summaryBy(tenantId, 'sub.draft_id', input.draftId);
      // The draft id is taken, but not by this tenant: never reveal or reuse another tenant's row.
      if (!existing)
        throw new ConflictError('ERR_DRAFT_ID_TAKEN', 'the draft id belongs to another submission');
      return { submission: existing, created: false };
    },

    async byId(tenantId, id) {
      const row = await summaries(db, tenantId)
        .select(['sub.service_version_id', 'sub.answers_enc', 'sub.fee_cents', 'sub.identity_enc'])
        .where('sub.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const answers = await cipher.decrypt(
        tenantId,
        row.answers_enc,
        placeAad(tenantId, 'submissions', row.id),
      );
      const summary = toSummary(row);
      const secret: IdentitySecret | null =
        summary.identity && row.identity_enc
          ? JSON.parse(await cipher.decrypt(tenantId, row.identity_enc, identityAad(tenantId, row.id)))
          : null;
      return {
        ...summary,
        serviceVersionId: row.service_version_id,
        answers: JSON.parse(answers),
        feeCents: row.fee_cents === null ? null : Number(row.fee_cents),
        submittedIdentity:
          summary.identity && secret
            ? {
                ...summary.identity,
                subject: secret.subject,
                ...(secret.attributes && { attributes: secret.attributes }),
              }
            : null,
      };
    },

    summaryById: (tenantId, id) => summaryBy(tenantId, 'sub.id', id),

    async inbox(tenantId, query) {
      const pageSize = Math.max(1, Math.floor(query.pageSize));
      const page = Math.max(1, Math.floor(query.page));
      let filtered = db.selectFrom('submissions').where('tenant_id', '=', tenantId);
      let rows = summaries(db, tenantId);
      if (query.serviceId !== undefined) {
        filtered = filtered.where('service_id', '=', query.serviceId);
        rows = rows.where('sub.service_id', '=', query.serviceId);
      }
      if (query.status !== undefined) {
        filtered = filtered.where('status', '=', query.status);
        rows = rows.where('sub.status', '=', query.status);
      }
      const [count, items] = await Promise.all([
        filtered.select(({ fn }) => fn.countAll().as('n')).executeTakeFirst(),
        rows
          .orderBy('sub.submitted_at', 'desc')
          .orderBy('sub.id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ]);
      return { items: items.map(toSummary), total: toCount(count?.n), page, pageSize };
    },

    async changeStatus(tenantId, id, from, to, updatedAt, audit) {
      return transaction(async (trx) => {
        // Compare-and-set: of two caseworkers changing the same status, exactly one wins.
        const result = await trx
          .updateTable('submissions')
          .set({ status: to, updated_at: updatedAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('status', '=', from)
          .executeTakeFirst();
        if (toCount(result.numUpdatedRows) !== 1) return false;
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, updatedAt));
        return true;
      });
    },
  };
}
