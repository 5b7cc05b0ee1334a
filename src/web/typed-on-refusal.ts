/**
 * What a refused step form carried (an expired session): its typed free-text answers, labelled,
 * so the error page can show them and nothing the citizen wrote is lost. Shown only for a post
 * the browser says came from our own page (`Sec-Fetch-Site: same-origin`): a form posted from
 * another site must not put its text on a page of ours.
 */
import type { FastifyRequest } from 'fastify';
import { type FieldType, type Locale, localize } from '../definition/types.ts';
import type { FormModel } from '../engine/model.ts';

/** Field types whose answer is one input named like the field, typed by the citizen. */
const TYPED: ReadonlySet<FieldType> = new Set<FieldType>([
  'text',
  'textarea',
  'email',
  'phone',
  'number',
  'decimal',
  'currency',
  'iban',
  'bic',
  'postcode',
  'taxId',
]);

export interface TypedAnswer {
  label: string;
  value: string;
}

export function typedAnswers(
  request: FastifyRequest,
  model: FormModel,
  stepId: string,
  locale: Locale,
): TypedAnswer[] {
  if (request.headers['sec-fetch-site'] !== 'same-origin') return [];
  const step = model.step(stepId);
  const body = request.body as Record<string, unknown> | undefined;
  if (!step || !body || typeof body !== 'object') return [];
  const typed: TypedAnswer[] = [];
  for (const field of step.fields) {
    if (!TYPED.has(field.type) || !('label' in field)) continue;
    const value = body[field.key];
    if (typeof value === 'string' && value.trim() !== '') {
      typed.push({ label: localize(field.label, locale), value });
    }
  }
  return typed;
}
