/** Public surface of the engine: compile a definition into a FormModel, plus the types around it. */
export { compile, UnknownStepError } from './compile.ts';
export { formatComputedValue, summarizeComputed } from './computed-summary.ts';
export type { FieldTypeHandler, ParsedInput } from './fields/contract.ts';
export { formatIsoDate } from './fields/date.ts';
export { fieldTypes, handlerFor } from './fields/registry.ts';
export { compileCondition, compileRule, type Evaluator, UnknownOperatorError } from './jsonlogic/compile.ts';
export { truthy } from './jsonlogic/truthy.ts';
export { InvalidComputedValueError, InvalidFeeError } from './logic.ts';
export type * from './model.ts';
