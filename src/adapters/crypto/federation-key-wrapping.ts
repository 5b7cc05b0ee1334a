/**
 * The federation signing key's private part, wrapped under the master key exactly like a tenant's
 * data key (`key-wrapping.ts`, ADR 0031), with its own AAD so that neither can stand in for the
 * other. During a master-key rotation the previous key still unwraps it, and the caller rewrites it.
 */
import type { KeyWrapping } from '../../core/federation/instance-keys.ts';
import { type MasterKeys, unwrapDataKey, wrapDataKey } from './key-wrapping.ts';

const subject = (kid: string) => `federation-key|${kid}`;

export function federationKeyWrapping(keys: MasterKeys): KeyWrapping {
  return {
    wrap(seed, kid) {
      return wrapDataKey(keys, Buffer.from(seed, 'base64url'), subject(kid));
    },
    unwrap(wrapped, kid) {
      const { key, current } = unwrapDataKey(keys, wrapped, subject(kid));
      return { seed: key.toString('base64url'), current };
    },
  };
}
