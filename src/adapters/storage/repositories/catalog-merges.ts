/**
 * A copy's merge of its origin's new version (ADR 0044, 0045; migration 0034): one per service of
 * a municipality, with the editor draft holding its result. Starting and deciding write the draft
 * as a compare-and-set on its version, the merge and the audit event in one transaction, so a
 * draft changed meanwhile is never overwritten. Publishing the draft's upload moves the copy's
 * base to the merged version (`recordUpstream`, called inside the publish transaction).
 */
import type { Kysely } from 'kysely';
import type { CatalogMerge, EditorDraft } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { DB } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';
import { insertEditorDraft } from './editor-drafts.ts';

function toMerge(row: DB['catalog_merges']): CatalogMerge {
  return {
    tenantId: row.tenant_id,
    slug: row.slug,
    draftId: row.draft_id,
    entryId: row.entry_id,
    baseVersionId: row.base_version_id,
    theirsVersionId: row.theirs_version_id,
    ours: JSON.parse(row.ours_json),
    resolutions: JSON.parse(row.resolutions_json),
    draftVersion: Number(row.draft_version),
    candidateId: row.candidate_id,
    mergedBy: row.merged_by,
    mergedAt: row.merged_at,
  };
}

/** The compare-and-set of a draft's definition inside a transaction; false when it moved on. */
async function saveDraft(
  trx: Kysely<DB>,
  draft: Pick<EditorDraft, 'tenantId' | 'id' | 'definition' | 'updatedBy' | 'updatedAt'>,
  expectedVersion: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('editor_drafts')
    .set({
      title_json: JSON.stringify(draft.definition.title ?? { de: '' }),
      definition_json: JSON.stringify(draft.definition),
      version: expectedVersion + 1,
      updated_by: draft.updatedBy,
      updated_at: draft.updatedAt,
    })
    .where('tenant_id', '=', draft.tenantId)
    .where('id', '=', draft.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return toCount(result.numUpdatedRows) === 1;
}

/**
 * Inside the publish transaction of a candidate: when the service is a copy, the new version
 * records the origin's version it is based on, and when the candidate is the handed-over result
 * of a merge, the copy's base moves to the merged version and the merge is done.
 */
export async function recordUpstream(
  trx: Kysely<DB>,
  tenantId: string,
  candidateId: string,
  version: { id: string; slug: string },
): Promise<void> {
  const origin = await trx
    .selectFrom('service_origins')
    .select('base_version_id')
    .where('tenant_id', '=', tenantId)
    .where('slug', '=', version.slug)
    .executeTakeFirst();
  if (!origin) return;
  const merge = await trx
    .selectFrom('catalog_merges')
    .select('theirs_version_id')
    .where('tenant_id', '=', tenantId)
    .where('slug', '=', version.slug)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  const base = merge?.theirs_version_id ?? origin.base_version_id;
  if (merge) {
    await trx
      .updateTable('service_origins')
      .set({ base_version_id: base })
      .where('tenant_id', '=', tenantId)
      .where('slug', '=', version.slug)
      .execute();
    await trx
      .deleteFrom('catalog_merges')
      .where('tenant_id', '=', tenantId)
      .where('slug', '=', version.slug)
      .execute();
  }
  await trx
    .updateTable('service_versions')
    .set({ upstream_version_id: base })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', version.id)
    .execute();
}

export function catalogMergesRepository({ db, transaction }: StoreContext): Store['catalogMerges'] {
  return {
    async start(merge, draft, audit) {
      return transaction(async (trx) => {
        let version = 1;
        if (draft.kind === 'new') {
          await insertEditorDraft(trx, draft.draft);
        } else {
          if (!(await saveDraft(trx, draft.draft, draft.expectedVersion))) return false;
          version = draft.expectedVersion + 1;
        }
        const values = {
          draft_id: draft.draft.id,
          entry_id: merge.entryId,
          base_version_id: merge.baseVersionId,
          theirs_version_id: merge.theirsVersionId,
          ours_json: JSON.stringify(merge.ours),
          resolutions_json: '{}',
          draft_version: version,
          candidate_id: null,
          merged_by: merge.mergedBy,
          merged_at: merge.mergedAt,
        };
        await trx
          .insertInto('catalog_merges')
          .values({ tenant_id: merge.tenantId, slug: merge.slug, ...values })
          .onConflict((oc) => oc.columns(['tenant_id', 'slug']).doUpdateSet(values))
          .execute();
        await insertAudit.execute(trx, auditParams(audit, merge.mergedAt));
        return true;
      });
    },

    async of(tenantId, slug) {
      const row = await db
        .selectFrom('catalog_merges')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toMerge(row);
    },

    async resolve(merge, expectedVersion, change, audit) {
      return transaction(async (trx) => {
        // The merge first (a write, as SQLite's group commit needs): only the merge that last
        // wrote this very draft version may decide; a draft saved in the editor since is not
        // overwritten.
        const claimed = await trx
          .updateTable('catalog_merges')
          .set({
            resolutions_json: JSON.stringify(change.resolutions),
            draft_version: expectedVersion + 1,
          })
          .where('tenant_id', '=', merge.tenantId)
          .where('slug', '=', merge.slug)
          .where('draft_id', '=', merge.draftId)
          .where('draft_version', '=', expectedVersion)
          .executeTakeFirst();
        if (toCount(claimed.numUpdatedRows) !== 1) return false;
        const draft = {
          tenantId: merge.tenantId,
          id: merge.draftId,
          definition: change.definition,
          updatedBy: change.updatedBy,
          updatedAt: change.updatedAt,
        };
        if (!(await saveDraft(trx, draft, expectedVersion))) {
          // Rolled back with the merge's update: nothing changed.
          throw new DraftMovedOn();
        }
        await insertAudit.execute(trx, auditParams(audit, change.updatedAt));
        return true;
      }).catch((error: unknown) => {
        if (error instanceof DraftMovedOn) return false;
        throw error;
      });
    },

    async handedOver(tenantId, draftId, candidateId) {
      await db
        .updateTable('catalog_merges')
        .set({ candidate_id: candidateId })
        .where('tenant_id', '=', tenantId)
        .where('draft_id', '=', draftId)
        .execute();
    },

    async upstreamVersions(tenantId, slug) {
      const rows = await db
        .selectFrom('service_versions as v')
        .innerJoin('services as s', 's.id', 'v.service_id')
        .innerJoin('service_versions as u', 'u.id', 'v.upstream_version_id')
        .select(['v.id', 'u.version'])
        .where('v.tenant_id', '=', tenantId)
        .where('s.tenant_id', '=', tenantId)
        .where('s.slug', '=', slug)
        .execute();
      // A copy of another installation's service is based on received versions (ADR 0054).
      const remote = await db
        .selectFrom('service_versions as v')
        .innerJoin('services as s', 's.id', 'v.service_id')
        .innerJoin('remote_versions as u', 'u.id', 'v.upstream_version_id')
        .select(['v.id', 'u.version'])
        .where('v.tenant_id', '=', tenantId)
        .where('s.tenant_id', '=', tenantId)
        .where('s.slug', '=', slug)
        .execute();
      return new Map([...rows, ...remote].map((r) => [r.id, Number(r.version)]));
    },
  };
}

class DraftMovedOn extends Error {}
