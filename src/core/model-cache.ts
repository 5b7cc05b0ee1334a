import type { ServiceDefinition } from '../definition/types.ts';
import { compile } from '../engine/compile.ts';
import type { FormModel } from '../engine/model.ts';

/**
 * How many compiled models one cache keeps (ADR 0027). Far more than the versions citizens use at
 * once in a large installation; a model of a large definition takes megabytes, so the cache must
 * not grow with every version and previewed upload there ever was.
 */
export const MODEL_CACHE_ENTRIES = 500;

/**
 * Compiled form models by service version id, the least recently used dropped beyond
 * `maxEntries`. Published versions are immutable, so a cached model stays valid; compiling per
 * request would cost the speed target, compiling again after an eviction costs once.
 */
export class ModelCache {
  readonly #models = new Map<string, FormModel>();

  constructor(private readonly maxEntries = MODEL_CACHE_ENTRIES) {}

  get(versionId: string, definition: ServiceDefinition): FormModel {
    let model = this.#models.get(versionId);
    if (model) {
      // Most recently used last: a Map keeps insertion order.
      this.#models.delete(versionId);
    } else {
      model = compile(definition);
      if (this.#models.size >= this.maxEntries)
        this.#models.delete(this.#models.keys().next().value as string);
    }
    this.#models.set(versionId, model);
    return model;
  }

  get size(): number {
    return this.#models.size;
  }
}
