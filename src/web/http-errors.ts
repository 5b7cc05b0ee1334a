import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../core/errors.ts';
import { RuleLimitError } from '../definition/jsonlogic/errors.ts';
import { AmtswegError } from '../lib/errors.ts';
import { t } from './i18n.ts';
import { localeOf } from './request-context.ts';
import { messagePage } from './views/layout.ts';

/** Thrown by handlers when a form arrives without a valid CSRF token. */
export class CsrfError extends AmtswegError<'ERR_CSRF'> {
  constructor() {
    super('ERR_CSRF', 'missing or invalid CSRF token');
  }
}

/** The request is malformed in a way no form of ours produces. */
export class BadRequestError extends AmtswegError<'ERR_BAD_REQUEST'> {
  constructor(message: string) {
    super('ERR_BAD_REQUEST', message);
  }
}

/**
 * Maps domain errors to HTTP statuses and pages. This is the only place that knows both. Unknown
 * errors are logged and answered with a generic page: no stack traces or internals reach the user.
 */
type MessageKey = Parameters<typeof t>[1];

/** Domain error -> HTTP status and the page texts shown for it. */
const KNOWN_ERRORS: Array<[new (...args: never[]) => Error, number, MessageKey, MessageKey]> = [
  [NotFoundError, 404, 'error.notFound.title', 'error.notFound.body'],
  [CsrfError, 403, 'error.csrf.title', 'error.csrf.body'],
  [ForbiddenError, 403, 'error.forbidden.title', 'error.forbidden.body'],
  [ConflictError, 409, 'error.conflict.title', 'error.conflict.body'],
  [BadRequestError, 400, 'error.badRequest.title', 'error.badRequest.body'],
  [InvalidInputError, 400, 'error.badRequest.title', 'error.badRequest.body'],
];

export function handleError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeOf(request);
  const send = (status: number, title: MessageKey, body: MessageKey) => {
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        messagePage(
          locale,
          request.url,
          t(locale, title),
          t(locale, body),
          // Staff errors lead back into the staff area, which sends each role to its start page.
          request.url.startsWith('/staff')
            ? { homeHref: '/staff', siteName: `${t(locale, 'site.name')} – ${t(locale, 'staff.area')}` }
            : {},
        ),
      );
  };
  if (error instanceof RuleLimitError) {
    // Fails closed: a condition that cannot be evaluated neither shows nor hides anything. The
    // definition is at fault, not the citizen; the log names the rule for the designers.
    request.log.error(
      { event: 'rule.limit_exceeded', rule: error.where, limit: error.limit },
      'a rule of the service exceeded the bounds of one evaluation',
    );
    send(500, 'error.server.title', 'error.server.body');
    return;
  }
  const known = KNOWN_ERRORS.find(([type]) => error instanceof type);
  if (known) {
    send(known[1], known[2], known[3]);
    return;
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own client errors (body too large, malformed body, unsupported media type).
    request.log.info({ code: (error as { code?: string }).code, status }, 'client error');
    send(status, 'error.badRequest.title', 'error.badRequest.body');
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  send(500, 'error.server.title', 'error.server.body');
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeOf(request);
  reply
    .code(404)
    .type('text/html; charset=utf-8')
    .send(
      messagePage(locale, request.url, t(locale, 'error.notFound.title'), t(locale, 'error.notFound.body')),
    );
}
