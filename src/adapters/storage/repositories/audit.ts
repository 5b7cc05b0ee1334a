import type { AuditEvent } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { auditParams, insertAudit, type StoreContext } from './context.ts';

export function auditRepository({ db, write }: StoreContext): Store['audit'] {
  return {
    async record(event, at) {
      await write((w) => insertAudit.execute(w, auditParams(event, at)));
    },

    async list(tenantId, subjectId) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('subject_id', '=', subjectId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((row) => {
        const event: AuditEvent & { id: string; at: string } = {
          id: row.id,
          at: row.at,
          tenantId: row.tenant_id,
          actorType: row.actor_type as AuditEvent['actorType'],
          actorId: row.actor_id,
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
        };
        if (row.details_json !== null) event.details = JSON.parse(row.details_json);
        return event;
      });
    },
  };
}
