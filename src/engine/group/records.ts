/** Reading a stored group answer, which may come from another definition version: check its shape. */
import type { AnswerRecord, AnswerValue } from '../../definition/types.ts';

export function isRecord(value: unknown): value is AnswerRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of a stored answer, or undefined when it is not a list of records. */
export function itemsOf(value: AnswerValue | undefined): readonly AnswerRecord[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (!isRecord(item)) return undefined;
  return value as readonly AnswerRecord[];
}
