/** Published data contracts: the JSON Schema of the submitted data of each published version. */
import type { FastifyInstance } from 'fastify';
import type { Applications } from '../../core/applications.ts';
import { NotFoundError } from '../../core/errors.ts';

/** Version numbers start at 1; anything else (0, "01", "latest", "1.5") is no version. */
const VERSION = /^[1-9][0-9]{0,8}$/;

export function registerSchemaRoutes(
  app: FastifyInstance,
  applications: Applications,
  baseUrl: string,
): void {
  app.get<{ Params: { tenant: string; service: string; version: string } }>(
    '/schemas/:tenant/:service/:version/data.json',
    async (request, reply) => {
      const { tenant, service, version } = request.params;
      if (!VERSION.test(version)) throw new NotFoundError('service version');
      const id = dataSchemaUrl(baseUrl, tenant, service, Number(version));
      const schema = await applications.dataSchema(tenant, service, Number(version), id);
      return (
        reply
          .type('application/schema+json; charset=utf-8')
          // Published versions never change, so neither does their schema.
          .header('cache-control', 'public, max-age=86400, immutable')
          .send(JSON.stringify(schema, null, 2))
      );
    },
  );
}

/** The URL (and `$id`) of a service version's data schema; deliveries name it (ADR 0042). */
export function dataSchemaUrl(baseUrl: string, tenant: string, service: string, version: number): string {
  return `${baseUrl}/schemas/${encodeURIComponent(tenant)}/${encodeURIComponent(service)}/${version}/data.json`;
}
