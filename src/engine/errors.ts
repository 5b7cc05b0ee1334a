/**
 * The engine's errors (base and rules in `lib/errors.ts`). Each one means a definition or a caller
 * broke a promise the publish-time checks make — never something a citizen's input can cause: input
 * problems are returned as field errors.
 */
import { AmtswegError } from '../lib/errors.ts';

/** A step id that the definition does not have. */
export class UnknownStepError extends AmtswegError<'ENGINE_UNKNOWN_STEP'> {
  constructor(readonly stepId: string) {
    super('ENGINE_UNKNOWN_STEP', `Unknown step '${stepId}'`);
  }
}

/** A computed value that is not a storable answer (NaN, Infinity, an object). */
export class InvalidComputedValueError extends AmtswegError<'ENGINE_INVALID_COMPUTED_VALUE'> {
  constructor(
    readonly key: string,
    readonly value: unknown,
  ) {
    super(
      'ENGINE_INVALID_COMPUTED_VALUE',
      `Computed value '${key}' is not a storable answer: ${String(value)}`,
    );
  }
}

/** The fee rule produced something other than a whole, non-negative number of cents. */
export class InvalidFeeError extends AmtswegError<'ENGINE_INVALID_FEE'> {
  constructor(readonly value: unknown) {
    super(
      'ENGINE_INVALID_FEE',
      `The fee rule produced ${JSON.stringify(value) ?? String(value)}, not a whole non-negative number of cents`,
    );
  }
}
