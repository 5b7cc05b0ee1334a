import type { ServiceDefinition } from '../definition/types.ts';
import { compile } from '../engine/compile.ts';
import type { FormModel } from '../engine/model.ts';

/**
 * Compiled form models by service version id. Published versions are immutable, so a model compiled
 * once stays valid for the life of the process; compiling per request would cost the speed target.
 */
export class ModelCache {
  readonly #models = new Map<string, FormModel>();

  get(versionId: string, definition: ServiceDefinition): FormModel {
    let model = this.#models.get(versionId);
    if (!model) {
      model = compile(definition);
      this.#models.set(versionId, model);
    }
    return model;
  }
}
