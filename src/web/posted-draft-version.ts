/**
 * The editor draft version a designer's form was rendered from (ADR 0033): every editor form posts
 * it, so a change made meanwhile by someone else is a conflict instead of a silent overwrite.
 */
import type { PostedForm } from '../definition/edit/settings.ts';
import { BadRequestError } from './http-errors.ts';
import { single } from './request-context.ts';

export function postedDraftVersion(body: PostedForm, name = 'version'): number {
  const raw = single(body[name]);
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new BadRequestError('the form names no draft version');
  return Number(raw);
}
