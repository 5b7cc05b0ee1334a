/**
 * Binds files uploaded before migration 0019 to their application (ADR 0031): each is decrypted
 * with its old AAD and encrypted again with one that names its draft id, in small batches, once
 * after the app starts. A migration cannot do it (it has no key). Safe on several instances: each
 * row is rewritten only while it is still unbound, and a file that is moved meanwhile is left for
 * the next start.
 */
import type { Logger } from 'pino';
import type { Store } from '../core/ports.ts';

/** Files per batch: each is held in memory while it is re-encrypted (at most 10 MB each). */
const BATCH = 20;

export async function bindAttachmentsToApplications(
  store: Store,
  logger: Logger,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let after = '';
  let rebound = 0;
  while (!shouldStop()) {
    const batch = await store.attachments.bindToApplication(after, BATCH);
    rebound += batch.rebound;
    if (batch.last === undefined) break;
    after = batch.last;
  }
  if (rebound > 0) {
    logger.info({ event: 'attachments.bound', count: rebound }, 'files bound to their application');
  }
  return rebound;
}

/** Runs the binding once in the background; returns a function that stops it between batches. */
export function scheduleAttachmentBinding(store: Store, logger: Logger): () => void {
  let stopped = false;
  void bindAttachmentsToApplications(store, logger, () => stopped).catch((error: unknown) =>
    logger.error({ err: error }, 'binding files to their application failed'),
  );
  return () => {
    stopped = true;
  };
}
