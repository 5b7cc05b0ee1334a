/**
 * The pull API under /api/v1 (ADR 0041, docs/api/openapi.yaml): JSON for specialist systems that
 * authenticate with a municipality's API key as `Authorization: Bearer …`. Handlers parse the
 * request, call one use case (`PullApi`) and serialize its outcome. Errors are JSON in this scope
 * (`{ error: { code, message } }`), never an HTML page: 401 without a valid key, 404 for anything
 * outside the key's reach (another municipality's or service's submission looks like none), 403
 * only when a key restricted to one service asks to list another. Responses are `no-store`: they
 * carry personal data. No cookies are read, so there is nothing for CSRF to forge.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKey, PullListItem } from '../../core/domain.ts';
import { ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { bearerToken } from '../../core/pull-api/api-key-format.ts';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type PullApi } from '../../core/pull-api/pull-api.ts';
import type { Locale } from '../../definition/types.ts';
import { type MessageKey, t } from '../i18n.ts';
import { single } from '../request-context.ts';
import { contentDisposition } from './content-disposition.ts';

export const API_PREFIX = '/api/v1';

type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'unsupported_media_type'
  | 'server_error';

/** A refusal the handlers throw with its status, code and message. */
class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly vars?: Record<string, number>,
  ) {
    super(code);
  }
}

/** Machines send no language cookie: German unless the client prefers English. */
function apiLocale(request: FastifyRequest): Locale {
  return /^\s*en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'de';
}

function sendError(request: FastifyRequest, reply: FastifyReply, refusal: ApiRefusal): FastifyReply {
  if (refusal.status === 401) {
    const presented = request.headers.authorization !== undefined;
    reply.header('www-authenticate', `Bearer realm="amtsweg"${presented ? ', error="invalid_token"' : ''}`);
  }
  return reply
    .code(refusal.status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { code: refusal.code, message: t(apiLocale(request), refusal.key, refusal.vars) } });
}

function refusalOf(error: FastifyError | Error): ApiRefusal | undefined {
  if (error instanceof ApiRefusal) return error;
  if (error instanceof NotFoundError) {
    if (error.message.startsWith('service'))
      return new ApiRefusal(404, 'not_found', 'api.error.serviceNotFound');
    if (error.message.startsWith('receipt'))
      return new ApiRefusal(404, 'not_found', 'api.error.receiptNotFound');
    return new ApiRefusal(404, 'not_found', 'api.error.notFound');
  }
  if (error instanceof ForbiddenError) return new ApiRefusal(403, 'forbidden', 'api.error.forbidden');
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 415) return new ApiRefusal(415, 'unsupported_media_type', 'api.error.unsupportedMediaType');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiRefusal(status, 'bad_request', 'api.error.badRequest');
  }
  return undefined;
}

/** `?limit=`: a whole number from 1 to the maximum; the default when absent. */
function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIST_LIMIT;
  const n = /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIST_LIMIT)) {
    throw new ApiRefusal(400, 'bad_request', 'api.error.badLimit', { max: MAX_LIST_LIMIT });
  }
  return n;
}

export async function registerPullApiRoutes(
  app: FastifyInstance,
  pull: PullApi,
  options: { baseUrl: string },
): Promise<void> {
  await app.register(
    async (api) => {
      const keys = new WeakMap<object, ApiKey>();
      const keyOf = (request: FastifyRequest): ApiKey => keys.get(request.raw)!;
      const url = (path: string) => `${options.baseUrl}${API_PREFIX}${path}`;
      const submissionUrl = (id: string) => url(`/submissions/${encodeURIComponent(id)}`);

      api.addHook('onRequest', async (request) => {
        const presented = bearerToken(request.headers.authorization);
        const key = presented === undefined ? undefined : await pull.authenticate(presented);
        if (!key) throw new ApiRefusal(401, 'unauthorized', 'api.error.unauthorized');
        keys.set(request.raw, key);
      });
      api.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      api.setErrorHandler((error: Error, request, reply) => {
        const refusal = refusalOf(error);
        if (refusal) {
          request.log.info(
            { event: 'api.refused', code: refusal.code, status: refusal.status },
            'API request refused',
          );
          return sendError(request, reply, refusal);
        }
        request.log.error({ err: error }, 'unhandled error in the API');
        return sendError(request, reply, new ApiRefusal(500, 'server_error', 'api.error.server'));
      });
      api.setNotFoundHandler((request, reply) =>
        sendError(request, reply, new ApiRefusal(404, 'not_found', 'api.error.notFound')),
      );

      const listed = (item: PullListItem) => ({
        id: item.id,
        reference: item.reference,
        service: { slug: item.serviceSlug, version: item.serviceVersion },
        submittedAt: item.submittedAt,
        links: { self: submissionUrl(item.id) },
      });

      api.get<{ Querystring: Record<string, unknown> }>('/submissions', async (request) => {
        const limit = parseLimit(single(request.query.limit));
        const serviceSlug = single(request.query.service) ?? null;
        const after = single(request.query.after) ?? null;
        const items = await pull.list(keyOf(request), { limit, serviceSlug, after });
        const last = items.at(-1);
        const next = new URLSearchParams({
          limit: String(limit),
          ...(serviceSlug !== null && { service: serviceSlug }),
        });
        if (last) next.set('after', last.id);
        return {
          items: items.map(listed),
          // A full page may have more behind it; an empty one says the list is done.
          links: { next: items.length === limit && last ? `${url('/submissions')}?${next}` : null },
        };
      });

      api.get<{ Params: { id: string } }>('/submissions/:id', async (request) => {
        const { id } = request.params;
        const document = await pull.submission(keyOf(request), id);
        return {
          ...document,
          attachments: document.attachments.map((a) => ({
            ...a,
            links: { content: `${submissionUrl(id)}/attachments/${encodeURIComponent(a.id)}` },
          })),
          links: {
            ...document.links,
            receipt: `${submissionUrl(id)}/receipt`,
            acknowledgement: `${submissionUrl(id)}/acknowledgement`,
          },
        };
      });

      api.get<{ Params: { id: string; attachmentId: string } }>(
        '/submissions/:id/attachments/:attachmentId',
        async (request, reply) => {
          const { meta, content } = await pull.attachment(
            keyOf(request),
            request.params.id,
            request.params.attachmentId,
          );
          return reply
            .type(meta.mediaType)
            .header('content-disposition', contentDisposition(meta.name))
            .header('digest', `sha-256=${Buffer.from(meta.sha256, 'hex').toString('base64')}`)
            .send(Buffer.from(content));
        },
      );

      api.get<{ Params: { id: string } }>('/submissions/:id/receipt', async (request, reply) => {
        const receipt = await pull.receipt(keyOf(request), request.params.id);
        return reply
          .type(receipt.contentType)
          .header('content-disposition', contentDisposition(receipt.filename))
          .send(Buffer.from(receipt.content));
      });

      api.post<{ Params: { id: string } }>('/submissions/:id/acknowledgement', async (request) => {
        const outcome = await pull.acknowledge(keyOf(request), request.params.id);
        request.log.info(
          { event: 'api.acknowledged', submission: request.params.id, already: outcome.already },
          'submission acknowledged',
        );
        return {
          id: request.params.id,
          acknowledgedAt: outcome.acknowledgedAt,
          alreadyAcknowledged: outcome.already,
        };
      });
    },
    { prefix: API_PREFIX },
  );
}
