/** Which municipality got which day's e-mail about delivery problems (ADR 0041); the key is the claim. */
import type { Store } from '../../../core/ports.ts';
import type { StoreContext } from './context.ts';

export function deliveryDigestsRepository({ write }: StoreContext): Store['deliveryDigests'] {
  return {
    async claim(tenantId, day, at) {
      const result = await write((w) =>
        w
          .insertInto('delivery_digests')
          .values({ tenant_id: tenantId, day, sent_at: at })
          .onConflict((oc) => oc.columns(['tenant_id', 'day']).doNothing())
          .returning('day')
          .executeTakeFirst(),
      );
      return result !== undefined;
    },
    async release(tenantId, day) {
      await write((w) =>
        w.deleteFrom('delivery_digests').where('tenant_id', '=', tenantId).where('day', '=', day).execute(),
      );
    },
  };
}
