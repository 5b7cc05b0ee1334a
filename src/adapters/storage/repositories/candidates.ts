/**
 * Uploaded, not yet published definitions (Service-Design, ADR 0016). Every query is scoped by
 * tenant; publishing is one transaction with the new service version and its audit event.
 */

import type { CandidateSource, CandidateSummary, ServiceCandidate } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { ServiceCandidatesTable } from '../dialect/schema.ts';
import { recordUpstream } from './catalog-merges.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';
import { publishVersion } from './services.ts';

function toCandidate(row: ServiceCandidatesTable): ServiceCandidate {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    slug: row.slug,
    definition: JSON.parse(row.definition_json),
    source: row.source as CandidateSource,
    fileName: row.file_name,
    warnings: JSON.parse(row.warnings_json),
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    publishedVersionId: row.published_version_id,
    publishedAt: row.published_at,
    basedOnVersionId: row.based_on_version_id,
  };
}

/** The columns of a summary: everything but the definition. */
const SUMMARY_COLUMNS = [
  'id',
  'tenant_id',
  'slug',
  'source',
  'file_name',
  'title_json',
  'warnings_json',
  'uploaded_by',
  'uploaded_at',
  'published_version_id',
  'published_at',
] as const;

function toSummary(
  row: Omit<ServiceCandidatesTable, 'definition_json' | 'based_on_version_id'>,
): CandidateSummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    slug: row.slug,
    title: JSON.parse(row.title_json ?? '{"de":""}'),
    source: row.source as CandidateSource,
    fileName: row.file_name,
    warnings: JSON.parse(row.warnings_json),
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    publishedVersionId: row.published_version_id,
    publishedAt: row.published_at,
  };
}

export function candidatesRepository({ db, dialect, transaction }: StoreContext): Store['candidates'] {
  return {
    async create(candidate, audit) {
      await transaction(async (trx) => {
        await trx
          .insertInto('service_candidates')
          .values({
            id: candidate.id,
            tenant_id: candidate.tenantId,
            slug: candidate.slug,
            source: candidate.source,
            file_name: candidate.fileName,
            definition_json: JSON.stringify(candidate.definition),
            title_json: JSON.stringify(candidate.definition.title),
            warnings_json: JSON.stringify(candidate.warnings),
            uploaded_by: candidate.uploadedBy,
            uploaded_at: candidate.uploadedAt,
            published_version_id: null,
            published_at: null,
            based_on_version_id: candidate.basedOnVersionId ?? null,
          })
          .execute();
        await insertAudit.execute(trx, auditParams(audit, candidate.uploadedAt));
      });
    },

    async byId(tenantId, id) {
      const row = await db
        .selectFrom('service_candidates')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toCandidate(row);
    },

    async listOpen(tenantId) {
      const rows = await db
        .selectFrom('service_candidates')
        .select(SUMMARY_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('published_at', 'is', null)
        .orderBy('uploaded_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toSummary);
    },

    async deleteUnpublished(uploadedBefore, at) {
      return transaction(async (trx) => {
        const stale = await trx
          .selectFrom('service_candidates')
          .select(['id', 'tenant_id', 'slug', 'uploaded_at'])
          .where('published_at', 'is', null)
          .where('uploaded_at', '<', uploadedBefore)
          .execute();
        for (const row of stale) {
          await trx.deleteFrom('service_candidates').where('id', '=', row.id).execute();
          const event = {
            tenantId: row.tenant_id,
            actorType: 'system' as const,
            actorId: null,
            action: 'definition.deleted',
            subjectType: 'service_candidate',
            subjectId: row.id,
            details: { slug: row.slug, uploadedAt: row.uploaded_at, reason: 'retention' },
          };
          await insertAudit.execute(trx, auditParams(event, at));
        }
        return stale.length;
      });
    },

    async publish(tenantId, id, definition, publishedAt, audit, meta) {
      return transaction(async (trx) => {
        // Claim the candidate first (a write, as group commit on SQLite needs). Only one publish
        // can claim it: on PostgreSQL a concurrent one waits for the row lock, then finds
        // `published_at` set and updates nothing.
        const claimed = await trx
          .updateTable('service_candidates')
          .set({ published_at: publishedAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('published_at', 'is', null)
          .executeTakeFirst();
        if (toCount(claimed.numUpdatedRows) !== 1) return undefined;
        const version = await publishVersion(trx, dialect, tenantId, definition, publishedAt, meta);
        await recordUpstream(trx, tenantId, id, version);
        await trx
          .updateTable('service_candidates')
          .set({ published_version_id: version.id })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .execute();
        await insertAudit.execute(trx, auditParams(audit(version), publishedAt));
        return version;
      });
    },
  };
}
