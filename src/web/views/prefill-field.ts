/**
 * A prefilled field on a step page (ADR 0049). The mark is text in the field's hint ("Aus Ihrem
 * Konto übernommen …"), so it is visible, read out with the input (the hint is linked with
 * aria-describedby) and never colour alone. A field that is not editable gets read-only inputs;
 * the server keeps its vouched value whatever is posted (`Applications.lockPrefilled`).
 */
import type { EasyText, Field, Locale } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { type SafeHtml, unsafeRaw } from '../../lib/html.ts';
import { t } from '../i18n.ts';

/** How a field of the step page was prefilled. */
export interface PrefillMarking {
  editable: boolean;
}

/** The field with the mark before its own help text. */
export function withPrefillHint(field: Field, marking: PrefillMarking, locale: Locale): Field {
  const mark = t(locale, marking.editable ? 'prefill.editable' : 'prefill.locked');
  const own = 'hint' in field && field.hint ? ` ${localize(field.hint, locale)}` : '';
  const hint: EasyText = { de: `${mark}${own}`, en: `${mark}${own}` };
  return { ...field, hint } as Field;
}

/** The field's markup with every text input read-only (the prefillable types have only those). */
export function readOnlyInputs(markup: SafeHtml): SafeHtml {
  return unsafeRaw(String(markup).replace(/<input (?![^>]*type="hidden")/g, '<input readonly '));
}
