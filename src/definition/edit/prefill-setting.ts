/**
 * The editor's control for a field's `prefill` (ADR 0049): which identity attribute fills the
 * field, and whether the citizen may change it. Which attribute fits which type is
 * `PREFILL_TARGETS`, the same table publishing checks against, so the editor offers exactly what
 * publishing accepts. A posted attribute the field cannot take (only a hand-made post can send
 * one) is an input error and changes nothing; so is any attribute for a repeating group's item.
 */
import { PREFILL_TARGETS, type Prefill, type PrefillSource } from '../prefill.ts';
import type { FieldType } from '../types.ts';

/** Input names: the attribute (empty: no prefill) and the "may change it" box (`ja` when ticked). */
export const PREFILL_FROM = 's.prefill.from';
export const PREFILL_EDITABLE = 's.prefill.editable';

/** The attributes the editor offers for a field, in the identity model's order; none for an item. */
export function prefillChoices(type: FieldType, inGroupItem: boolean): readonly PrefillSource[] {
  return inGroupItem ? [] : (PREFILL_TARGETS[type] ?? []);
}

export type PrefillReading =
  /** The form does not carry the control (another editor's form, a type without prefill): keep it. */
  | { kind: 'unchanged' }
  | { kind: 'set'; prefill: Prefill | undefined }
  | { kind: 'error'; code: 'prefill' | 'prefill-item' };

/** What a posted form says about the field's prefill. */
export function readPrefillSetting(
  type: FieldType,
  inGroupItem: boolean,
  from: string | undefined,
  editable: string | undefined,
): PrefillReading {
  if (from === undefined) return { kind: 'unchanged' };
  const source = from.trim();
  if (!source) return { kind: 'set', prefill: undefined };
  if (inGroupItem) return { kind: 'error', code: 'prefill-item' };
  const accepted: readonly string[] = PREFILL_TARGETS[type] ?? [];
  if (!accepted.includes(source)) return { kind: 'error', code: 'prefill' };
  return {
    kind: 'set',
    prefill: { from: source as PrefillSource, ...(editable?.trim() !== 'ja' && { editable: false }) },
  };
}
