/**
 * Definitions being built in the visual editor (ADR 0033). Every query is scoped by tenant. A save
 * is a compare-and-set on `version` in the same statement that writes it, so of two saves made on
 * the same version exactly one wins, on SQLite and on PostgreSQL alike, with its audit event in the
 * same transaction.
 */

import type { Kysely } from 'kysely';
import type { EditorDraft, EditorDraftSource, EditorDraftSummary } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { DB, EditorDraftsTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

type SummaryRow = Omit<EditorDraftsTable, 'definition_json'>;

function toSummary(row: SummaryRow): EditorDraftSummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    slug: row.slug,
    title: JSON.parse(row.title_json),
    version: Number(row.version),
    source: row.source as EditorDraftSource,
    sourceId: row.source_id,
    basedOnVersionId: row.based_on_version_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function toDraft(row: EditorDraftsTable): EditorDraft {
  const { title: _title, ...summary } = toSummary(row);
  return { ...summary, definition: JSON.parse(row.definition_json) };
}

const SUMMARY_COLUMNS = [
  'id',
  'tenant_id',
  'slug',
  'title_json',
  'version',
  'source',
  'source_id',
  'based_on_version_id',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
] as const;

/** Inserts a draft inside the caller's transaction (also used when a catalog copy starts one). */
export async function insertEditorDraft(trx: Kysely<DB>, draft: EditorDraft): Promise<void> {
  await trx
    .insertInto('editor_drafts')
    .values({
      id: draft.id,
      tenant_id: draft.tenantId,
      slug: draft.slug,
      title_json: JSON.stringify(draft.definition.title ?? { de: '' }),
      definition_json: JSON.stringify(draft.definition),
      version: draft.version,
      source: draft.source,
      source_id: draft.sourceId,
      based_on_version_id: draft.basedOnVersionId,
      created_by: draft.createdBy,
      created_at: draft.createdAt,
      updated_by: draft.updatedBy,
      updated_at: draft.updatedAt,
    })
    .execute();
}

export function editorDraftsRepository({ db, transaction }: StoreContext): Store['editorDrafts'] {
  const byId = async (tenantId: string, id: string) => {
    const row = await db
      .selectFrom('editor_drafts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toDraft(row);
  };
  return {
    async create(draft, audit) {
      await transaction(async (trx) => {
        await insertEditorDraft(trx, draft);
        await insertAudit.execute(trx, auditParams(audit, draft.createdAt));
      });
    },

    byId,

    async list(tenantId) {
      const rows = await db
        .selectFrom('editor_drafts')
        .select(SUMMARY_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toSummary);
    },

    async save(tenantId, id, expectedVersion, change, audit) {
      const saved = await transaction(async (trx) => {
        // The compare-and-set: only a save made on the stored version writes (PostgreSQL: a
        // concurrent one waits for the row lock, then finds the version moved on).
        const result = await trx
          .updateTable('editor_drafts')
          .set({
            slug: typeof change.definition.id === 'string' ? change.definition.id : '',
            title_json: JSON.stringify(change.definition.title ?? { de: '' }),
            definition_json: JSON.stringify(change.definition),
            version: expectedVersion + 1,
            updated_by: change.updatedBy,
            updated_at: change.updatedAt,
          })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (toCount(result.numUpdatedRows) !== 1) return false;
        await insertAudit.execute(trx, auditParams(audit, change.updatedAt));
        return true;
      });
      return saved ? byId(tenantId, id) : undefined;
    },

    async delete(tenantId, id, expectedVersion, audit, at) {
      return transaction(async (trx) => {
        const result = await trx
          .deleteFrom('editor_drafts')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (toCount(result.numDeletedRows) !== 1) return false;
        await insertAudit.execute(trx, auditParams(audit, at));
        return true;
      });
    },
  };
}
