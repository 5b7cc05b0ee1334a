/**
 * Errors of evaluating JSON Logic rules (base and rules in `lib/errors.ts`). Neither can come from
 * a citizen's input alone: publishing refuses unknown operators and rules whose static cost is too
 * high, so at run time they mean a definition got past those checks.
 */
import { AmtswegError } from '../../lib/errors.ts';

/** A JSON Logic operator outside the allowed set (`jsonlogic-operators.ts`). */
export class UnknownOperatorError extends AmtswegError<'ENGINE_UNKNOWN_OPERATOR'> {
  constructor(readonly operator: string) {
    super('ENGINE_UNKNOWN_OPERATOR', `Unknown JSON Logic operator '${operator}'`);
  }
}

/** Which bound of one evaluation was exceeded (`RULE_LIMITS`). */
export type RuleLimit = 'operations' | 'produced' | 'string' | 'array';

/**
 * One evaluation of a rule exceeded its bounds (ADR 0027). The evaluation stopped there; the
 * caller fails closed: the step is refused with a generic error, never decided on a guess.
 */
export class RuleLimitError extends AmtswegError<'RULE_LIMIT_EXCEEDED'> {
  constructor(
    readonly limit: RuleLimit,
    /** Where the rule is in its definition (a JSON pointer), when the compiler was told. */
    readonly where: string | undefined,
  ) {
    super('RULE_LIMIT_EXCEEDED', `JSON Logic rule${where ? ` at ${where}` : ''} exceeded its ${limit} bound`);
  }
}
