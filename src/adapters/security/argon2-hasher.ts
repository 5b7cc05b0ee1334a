import argon2 from 'argon2';
import type { PasswordHasher } from '../../core/ports.ts';

/**
 * argon2id with the library defaults (m=64 MiB, t=3, p=4), which meet OWASP's recommendation.
 * Tests may pass cheaper parameters; production never should.
 */
export function createArgon2Hasher(options: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  return {
    hash: (password) => argon2.hash(password, { type: argon2.argon2id, ...options }),
    verify: async (hash, password) => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        // A malformed stored hash must never let anyone in.
        return false;
      }
    },
  };
}
