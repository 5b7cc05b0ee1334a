/** Public surface of the engine: compile a definition into a FormModel, plus the types around it. */
export { compile } from './compile.ts';
export { formatComputedValue, summarizeComputed } from './computed-summary.ts';
export {
  InvalidComputedValueError,
  InvalidFeeError,
  UnknownOperatorError,
  UnknownStepError,
} from './errors.ts';
export type { FieldTypeHandler, ParsedInput } from './fields/contract.ts';
export { formatIsoDate } from './fields/date.ts';
export { fieldTypes, handlerFor } from './fields/registry.ts';
export { compileCondition, compileRule, type Evaluator } from './jsonlogic/compile.ts';
export { truthy } from './jsonlogic/truthy.ts';
export type * from './model.ts';
