/**
 * Suggestions for a long list's searchable input (JavaScript enhancement; the page works without
 * it): at most ten entries matching `q`, as JSON, so the list itself never goes to the browser.
 * Shared by the citizen's pages and the designer's preview, each with its own model.
 */
import type { FastifyReply } from 'fastify';
import type { Locale } from '../../definition/types.ts';
import { suggestions } from '../../engine/fields/option-search.ts';
import { isSearchable } from '../../engine/fields/search-select.ts';
import type { FormModel } from '../../engine/model.ts';
import { single } from '../request-context.ts';

/** Sends the matches for `query` in the model's searchable list `key`; 404 when there is none. */
export function sendSuggestions(
  reply: FastifyReply,
  model: FormModel | undefined,
  key: string,
  query: unknown,
  locale: Locale,
  cacheControl: string,
): FastifyReply {
  const field = model?.steps
    .flatMap((step) => step.fields)
    .find((f) => f.key === key && f.type === 'select' && isSearchable(f));
  if (field?.type !== 'select') return reply.code(404).type('application/json').send({ matches: [] });
  const text = (single(query) ?? '').slice(0, 100);
  const matches = text.trim().length < 2 ? [] : suggestions(field.options, text, locale);
  return reply
    .header('cache-control', cacheControl)
    .type('application/json; charset=utf-8')
    .send({ matches });
}
