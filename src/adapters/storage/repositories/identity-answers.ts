/**
 * Identity providers' answer ids already used (ADR 0050): a SAML assertion id is accepted once in
 * the whole installation. The insert either adds the id or finds it there (the primary key decides,
 * so two app instances racing with the same assertion cannot both win).
 */
import type { Store } from '../../../core/ports.ts';
import type { StoreContext } from './context.ts';

export function identityAnswersRepository({ clock, write }: StoreContext): Store['identityAnswers'] {
  return {
    async firstUse(provider, answerId, expiresAt) {
      const now = clock.now().toISOString();
      const inserted = await write(async (trx) => {
        const row = await trx
          .insertInto('identity_answer_ids')
          .values({ provider, answer_id: answerId, expires_at: expiresAt })
          .onConflict((oc) => oc.columns(['provider', 'answer_id']).doNothing())
          .returning('answer_id')
          .executeTakeFirst();
        // Ids whose answers have expired cannot be replayed any more (the expiry check refuses them).
        await trx.deleteFrom('identity_answer_ids').where('expires_at', '<', now).execute();
        return row !== undefined;
      });
      return inserted;
    },
  };
}
