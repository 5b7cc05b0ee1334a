import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  OverloadError,
  RateLimitError,
  ServiceWithdrawnError,
} from '../core/errors.ts';
import { RuleLimitError } from '../definition/jsonlogic/errors.ts';
import { AmtswegError } from '../lib/errors.ts';
import { t } from './i18n.ts';
import { easyLanguageOf, localeOf } from './request-context.ts';
import type { TypedAnswer } from './typed-on-refusal.ts';
import { withdrawnPage } from './views/citizen.ts';
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

/** The body is larger than the form accepts (ADR 0027); answered before the rest is read. */
export class PayloadTooLargeError extends AmtswegError<'ERR_PAYLOAD_TOO_LARGE'> {
  constructor(message: string) {
    super('ERR_PAYLOAD_TOO_LARGE', message);
  }
}

/**
 * Where an error page leads on: the page a refused form came from, the application whose status
 * could not be changed. Set by a route before it calls its use case; every error page shows it
 * before the link to the home page, so no error page is a dead end.
 */
export interface NextStep {
  href: string;
  label: MessageKey;
  /** What the refused form carried, shown so it is not lost (see `typed-on-refusal.ts`). */
  typed?: readonly TypedAnswer[];
}
const nextSteps = new WeakMap<object, NextStep>();

/** Says where an error while answering this request leads on (see `NextStep`). */
export function offerOnError(request: FastifyRequest, next: NextStep): void {
  nextSteps.set(request.raw, next);
}

/** Adds what the refused form carried to the error page of this request. */
export function keepTypedOnError(request: FastifyRequest, typed: readonly TypedAnswer[]): void {
  const next = nextSteps.get(request.raw);
  if (next && typed.length > 0) nextSteps.set(request.raw, { ...next, typed });
}

/**
 * The body comes in a form the route does not take (a JSON body to a form, multipart to a page
 * without file fields). Fastify answers the same for a content type no route parses.
 */
export class UnsupportedMediaTypeError extends AmtswegError<'ERR_UNSUPPORTED_MEDIA_TYPE'> {
  constructor(message: string) {
    super('ERR_UNSUPPORTED_MEDIA_TYPE', message);
  }
}

/** After refusing a body before its end, this much more is read and dropped at most... */
const LINGER_BYTES = 1024 * 1024;
/** ...for at most this long, before the connection is closed. */
const LINGER_MS = 2_000;

/**
 * Refused before its body was read to the end (too large, a forged form, a part the step does not
 * have): the rest is not read. Closing at once would make the client's network stack drop the
 * answer (a reset while it still sends), so, as web servers do, the connection lingers briefly,
 * reading and dropping what still comes, and is closed when that is more than a little.
 */
function closeAfterAnswer(request: FastifyRequest, reply: FastifyReply): void {
  reply.raw.once('finish', () => {
    const body = request.raw;
    let dropped = 0;
    // Destroying the request closes its connection.
    const close = () => body.destroy();
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    body.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) close();
    });
    body.once('end', () => clearTimeout(timer));
    body.resume();
  });
}

type MessageKey = Parameters<typeof t>[1];

/**
 * Maps domain errors to HTTP statuses and pages. This is the only place that knows both. Unknown
 * errors are logged and answered with a generic page: no stack traces or internals reach the user.
 */
/** Domain error -> HTTP status and the page texts shown for it. */
const KNOWN_ERRORS: Array<[new (...args: never[]) => Error, number, MessageKey, MessageKey]> = [
  [NotFoundError, 404, 'error.notFound.title', 'error.notFound.body'],
  [CsrfError, 403, 'error.csrf.title', 'error.csrf.body'],
  [ForbiddenError, 403, 'error.forbidden.title', 'error.forbidden.body'],
  [ConflictError, 409, 'error.conflict.title', 'error.conflict.body'],
  [BadRequestError, 400, 'error.badRequest.title', 'error.badRequest.body'],
  [PayloadTooLargeError, 413, 'error.tooLarge.title', 'error.tooLarge.body'],
  [UnsupportedMediaTypeError, 415, 'error.unsupportedMediaType.title', 'error.unsupportedMediaType.body'],
  [InvalidInputError, 400, 'error.badRequest.title', 'error.badRequest.body'],
  [OverloadError, 503, 'error.busy.title', 'error.busy.body'],
];

export function handleError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeOf(request);
  if (!request.raw.complete) closeAfterAnswer(request, reply);
  if (error instanceof ServiceWithdrawnError) {
    // Gone for now, on purpose: a notice with the office to contact, not an error.
    // no-store: a 410 is cacheable by default, and the service may be back online in a minute.
    reply
      .code(410)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        withdrawnPage(
          { locale, easy: easyLanguageOf(request), tenant: error.tenant, currentPath: request.url },
          error.version,
        ),
      );
    return;
  }
  const next = nextSteps.get(request.raw);
  const send = (status: number, title: MessageKey, body: MessageKey, vars?: Record<string, number>) => {
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        messagePage(
          locale,
          request.url,
          t(locale, title),
          t(locale, body, vars),
          // Staff errors lead back into the staff area, which sends each role to its start page.
          {
            ...(request.url.startsWith('/staff') && {
              homeHref: '/staff',
              siteName: `${t(locale, 'site.name')} – ${t(locale, 'staff.area')}`,
            }),
            ...(next && { next: { href: next.href, label: t(locale, next.label) } }),
            ...(next?.typed && {
              typed: {
                heading: t(locale, 'error.typed.heading'),
                intro: t(locale, 'error.typed.intro'),
                answers: next.typed,
              },
            }),
          },
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
  if (error instanceof RateLimitError) {
    request.log.info({ event: 'rate_limit.refused', what: error.what }, 'rate limit reached');
    reply.header('retry-after', String(error.retryAfterSeconds));
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    send(429, 'error.tooManyRequests.title', 'error.tooManyRequests.body', { minutes });
    return;
  }
  const known = KNOWN_ERRORS.find(([type]) => error instanceof type);
  if (error instanceof OverloadError) {
    // Refused, not queued: the client is told when to come back.
    reply.header('retry-after', String(error.retryAfterSeconds));
    request.log.warn({ event: 'overload', code: error.code }, 'refused for overload');
  }
  if (known) {
    send(known[1], known[2], known[3]);
    return;
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 415) {
    // A content type no route of ours parses (JSON, text): Fastify refuses it before any handler.
    request.log.info({ code: (error as { code?: string }).code, status }, 'client error');
    send(415, 'error.unsupportedMediaType.title', 'error.unsupportedMediaType.body');
    return;
  }
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
