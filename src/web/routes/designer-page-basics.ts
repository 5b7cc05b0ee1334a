/**
 * What every page of the visual editor's sub-areas (rules, fee, checks, computed values) starts
 * from: the staff page context of the request and the draft id's shape (anything else is a 404
 * before a query runs).
 */
import type { FastifyRequest } from 'fastify';
import { localeOf } from '../request-context.ts';
import type { StaffPage } from '../views/staff.ts';

export const HTML = 'text/html; charset=utf-8';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function staffPageOf(request: FastifyRequest): StaffPage {
  return { locale: localeOf(request), currentPath: request.url };
}
