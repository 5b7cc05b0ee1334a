/**
 * The definition the browser enhancement reads (`browser-definition.ts`), one resource per
 * published version and variant, named by its content hash: `Cache-Control: immutable` for a
 * year, so each browser fetches it once per version instead of with every step page. Published
 * definitions are public (the start page shows them); they hold no answers. The preview of an
 * unpublished candidate has its own, designer-only route (routes/designer.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Applications } from '../../core/applications.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { ServiceDefinition } from '../../definition/types.ts';
import { browserDefinitionByHash } from '../browser-definition.ts';

/** Version numbers start at 1; anything else (0, "01", "latest") is no version. */
const VERSION = /^[1-9][0-9]{0,8}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Sends the variant of `definition` named `hash`; 404 for any other hash. */
export function sendBrowserDefinition(
  reply: FastifyReply,
  definition: ServiceDefinition,
  hash: string,
  cacheControl: string,
): FastifyReply {
  const found = SHA256_HEX.test(hash) ? browserDefinitionByHash(definition, hash) : undefined;
  if (!found) throw new NotFoundError('definition');
  return reply.header('cache-control', cacheControl).type('application/json; charset=utf-8').send(found.json);
}

export function registerBrowserDefinitionRoute(app: FastifyInstance, apps: Applications): void {
  app.get<{ Params: { tenant: string; service: string; version: string; hash: string } }>(
    '/:tenant/:service/definition/:version/:hash.json',
    async (request, reply) => {
      const { tenant, service, version, hash } = request.params;
      if (!VERSION.test(version) || !SHA256_HEX.test(hash)) throw new NotFoundError('definition');
      const { model } = await apps.publishedVersion(tenant, service, Number(version));
      return sendBrowserDefinition(reply, model.definition, hash, 'public, max-age=31536000, immutable');
    },
  );
}
