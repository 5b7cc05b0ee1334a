/**
 * Test support for field views : a single-input field shown again
 * with what the citizen typed and an error must keep the typed text, point its input at the hint
 * and the error, and be marked invalid.
 */
import assert from 'node:assert/strict';
import type { AnswerValue, Field, Locale, LocalizedText } from '../../src/definition/types.ts';
import type { FieldTypeHandler } from '../../src/engine/fields/contract.ts';

/** Renders `field` after `typed` was refused with `message`; asserts the error wiring; returns the HTML. */
export function assertTypedErrorShown<F extends Field, V extends AnswerValue>(
  handler: FieldTypeHandler<F, V>,
  field: F,
  typed: string,
  options: { message?: LocalizedText; locale?: Locale } = {},
): string {
  const { key } = field as { key: string };
  const html = handler.view({
    field,
    value: undefined,
    raw: { [key]: typed },
    error: { key, inputId: `field-${key}`, message: options.message ?? { de: 'Falsch', en: 'Wrong' } },
    locale: options.locale ?? 'de',
  }).value;
  const escaped = typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(
    html,
    new RegExp(
      `value="${escaped}" aria-describedby="field-${key}-hint field-${key}-error" aria-invalid="true"`,
    ),
  );
  return html;
}
