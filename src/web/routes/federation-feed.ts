/**
 * The public side of federation (ADR 0054, OpenAPI in `docs/api/federation.yaml`): the instance
 * description and the catalog feed. Both are read by other installations without a login; what
 * they carry is what the municipalities offered in the network catalog, signed.
 */
import type { FastifyInstance } from 'fastify';
import type { FederationFeed } from '../../core/federation/feed.ts';
import { FEED_PATH, INSTANCE_PATH } from '../../core/federation/format.ts';
import { single } from '../request-context.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export function registerFederationFeedRoutes(app: FastifyInstance, feed: FederationFeed): void {
  app.get(INSTANCE_PATH, async (_request, reply) => {
    return reply
      .type(JSON_TYPE)
      .header('cache-control', 'public, max-age=300')
      .send(await feed.description());
  });

  app.get<{ Querystring: { cursor?: string } }>(FEED_PATH, async (request, reply) => {
    const page = await feed.page(single(request.query.cursor));
    if (!page) {
      return reply
        .code(400)
        .type(JSON_TYPE)
        .send({
          error: {
            code: 'cursor-invalid',
            message: 'cursor must be a position from an earlier page (digits)',
          },
        });
    }
    return reply.type(JSON_TYPE).header('cache-control', 'no-store').send(page);
  });
}
