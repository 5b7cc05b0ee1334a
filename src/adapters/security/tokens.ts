import { createHash, randomBytes } from 'node:crypto';
import type { Tokens } from '../../core/ports.ts';

/** 256-bit random tokens (base64url) and their SHA-256 hashes for storage. */
export const tokens: Tokens = {
  newToken: () => randomBytes(32).toString('base64url'),
  hash: (token) => createHash('sha256').update(token).digest('base64url'),
};
