import type { FastifyInstance } from 'fastify';
import type { Store } from '../../core/ports.ts';
import { servicePackageSchema } from '../../definition/package/format.ts';
import { serviceDefinitionSchema } from '../../definition/schema.ts';
import {
  EASY_LANGUAGE,
  easyLanguageOf,
  LANG_COOKIE,
  localeOf,
  type WebSecurity,
} from '../request-context.ts';
import { type KnownRoutes, returnPath } from '../return-path.ts';
import { tenantListPage } from '../views/citizen.ts';

/**
 * Health, public schemas, the language switch and the list of municipalities.
 *
 * The language switch: `/sprache/de`, `/sprache/en` and `/sprache/leicht` (German in Leichte
 * Sprache, ADR 0019), each back to `zurueck` when that is a page of this app (`return-path.ts`),
 * else to the start page.
 */
export function registerSystemRoutes(
  app: FastifyInstance,
  store: Store,
  security: WebSecurity,
  ready: () => Promise<boolean>,
  pages: { baseUrl: string; routes: KnownRoutes },
): void {
  const schemaJson = JSON.stringify(serviceDefinitionSchema, null, 2);
  const packageSchemaJson = JSON.stringify(servicePackageSchema, null, 2);

  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (_request, reply) => {
    if (await ready()) return { status: 'ready' };
    return reply.code(503).send({ status: 'starting' });
  });

  app.get('/schemas/service-definition.json', async (_request, reply) =>
    reply
      .type('application/schema+json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(schemaJson),
  );

  app.get('/schemas/service-package.json', async (_request, reply) =>
    reply
      .type('application/schema+json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(packageSchemaJson),
  );

  app.get<{ Params: { lang: string }; Querystring: { zurueck?: string } }>(
    '/sprache/:lang',
    async (request, reply) => {
      const chosen = request.params.lang;
      const lang = chosen === 'en' ? 'en' : chosen === 'leicht' ? EASY_LANGUAGE : 'de';
      reply.setCookie(LANG_COOKIE, lang, {
        path: '/',
        // Read by the server only; no script needs it.
        httpOnly: true,
        sameSite: 'lax',
        secure: security.secureCookies,
        maxAge: 365 * 24 * 60 * 60,
      });
      return reply.redirect(returnPath(request.query.zurueck, pages.baseUrl, pages.routes) ?? '/', 303);
    },
  );

  app.get('/', async (request, reply) => {
    const tenants = await store.tenants.list();
    return reply
      .type('text/html; charset=utf-8')
      .send(tenantListPage(localeOf(request), request.url, tenants, easyLanguageOf(request)));
  });
}
