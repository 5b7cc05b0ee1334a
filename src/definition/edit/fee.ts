/**
 * Where the fee of the visual editor lives and what it may read (ADR 0046): the answers of every
 * step (the fee is computed when the application is complete), without the item fields of
 * repeating groups (a list per item, not one answer), and setting or removing the fee without
 * touching anything else. Pure.
 */
import type { Fee, Field, ServiceDefinition } from '../types.ts';
import { NOT_ASKABLE } from './rules.ts';

/** The answers a fee row's condition may ask about, in the order a citizen gives them. */
export function feeFields(definition: ServiceDefinition): Field[] {
  return definition.steps.flatMap((step) => step.fields.filter((field) => !NOT_ASKABLE.has(field.type)));
}

/** The definition with its fee set, or without one when `fee` is undefined. */
export function setFee(definition: ServiceDefinition, fee: Fee | undefined): ServiceDefinition {
  const next = structuredClone(definition) as ServiceDefinition;
  const local = { ...next.local };
  if (fee === undefined) delete local.fee;
  else local.fee = fee;
  next.local = local;
  return next;
}
