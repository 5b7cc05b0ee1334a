/**
 * This installation's signing keys (ADR 0054). The first key is made on first start; `rotate`
 * makes a new one, signs its introduction with the current key and retires that key in the same
 * transaction. Private keys are stored wrapped under the master key (the `KeyWrapping` port), so a
 * database copy alone cannot sign, and they are never part of a package, the feed or a backup of
 * the catalog.
 */
import type { Clock, Store } from '../ports.ts';
import { type InstanceDescription, type PublicJwk, ROTATION_TYPE, type RotationPayload } from './format.ts';
import type { OwnKey } from './records.ts';
import { generateSigningKey, type SigningKey, sign, signingKeyOf } from './signatures.ts';

/** Wraps a private key's seed under the master key; `current` false: rewrap it. */
export interface KeyWrapping {
  wrap(seed: string, kid: string): string;
  unwrap(wrapped: string, kid: string): { seed: string; current: boolean };
}

export interface InstanceKeysDeps {
  store: Store;
  clock: Clock;
  wrapping: KeyWrapping;
}

export class InstanceKeys {
  readonly #deps: InstanceKeysDeps;
  #signing: SigningKey | undefined;

  constructor(deps: InstanceKeysDeps) {
    this.#deps = deps;
  }

  /** Makes the first key unless there is one (another instance may make it at the same time). */
  async ensure(): Promise<void> {
    const { store } = this.#deps;
    if ((await store.federation.keys()).length > 0) return;
    await this.#add(null);
  }

  async #add(previous: SigningKey | null): Promise<OwnKey | undefined> {
    const { store, clock, wrapping } = this.#deps;
    const fresh = await generateSigningKey();
    const at = clock.now().toISOString();
    const rotation: RotationPayload | undefined = previous
      ? { key: fresh.publicJwk, retires: previous.kid, at }
      : undefined;
    const key: OwnKey = {
      kid: fresh.kid,
      publicJwk: fresh.publicJwk,
      wrappedPrivateKey: wrapping.wrap(fresh.seed, fresh.kid),
      createdAt: at,
      retiredAt: null,
      rotationJws: rotation && previous ? await sign(rotation, previous, ROTATION_TYPE) : null,
    };
    const added = await store.federation.addKey(key, previous?.kid ?? null);
    this.#signing = undefined;
    return added ? key : undefined;
  }

  /** The key that signs now. */
  async current(): Promise<SigningKey> {
    const { store, wrapping } = this.#deps;
    const [newest] = await store.federation.keys();
    if (!newest || newest.retiredAt !== null) {
      await this.ensure();
      return this.current();
    }
    if (this.#signing?.kid === newest.kid) return this.#signing;
    const { seed, current } = wrapping.unwrap(newest.wrappedPrivateKey, newest.kid);
    if (!current) await store.federation.rewrapKey(newest.kid, wrapping.wrap(seed, newest.kid));
    this.#signing = await signingKeyOf(newest.publicJwk, seed);
    return this.#signing;
  }

  /**
   * `amtsweg federation rotate-key`: a new key introduced by the current one, which is retired.
   * Undefined when another rotation came first (nothing changed).
   */
  async rotate(): Promise<{ retired: string; key: PublicJwk } | undefined> {
    const previous = await this.current();
    // An operator's command for the whole installation: no municipality's audit log is its place;
    // the command prints both keys, and the rotation itself is public in the instance description.
    const added = await this.#add(previous);
    return added && { retired: previous.kid, key: added.publicJwk };
  }

  /** The keys part of the instance description. */
  async published(): Promise<Pick<InstanceDescription, 'keys' | 'retired' | 'rotations'>> {
    const keys = await this.#deps.store.federation.keys();
    return {
      keys: { keys: keys.map((k) => k.publicJwk) },
      retired: keys.flatMap((k) => (k.retiredAt ? [{ kid: k.kid, at: k.retiredAt }] : [])),
      rotations: keys
        .slice()
        .reverse()
        .flatMap((k) => (k.rotationJws ? [k.rotationJws] : [])),
    };
  }
}
