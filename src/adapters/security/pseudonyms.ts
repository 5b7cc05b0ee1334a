import { createHmac } from 'node:crypto';
import type { Pseudonyms } from '../../core/ports.ts';

/**
 * HMAC-SHA256 pseudonyms under a key derived from the master key: the same on every app instance,
 * not reversible without the key (a plain hash of an IPv4 address or a short name could be undone
 * by trying them all). The purpose is part of the input, so one value gets unrelated names for
 * unrelated uses.
 */
export function createPseudonyms(key: Uint8Array): Pseudonyms {
  return {
    of: (purpose, value) => createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url'),
  };
}
