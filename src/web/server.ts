import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import type { TestIdp } from '../adapters/identity/test-idp/provider.ts';
import type { ConnectionLimits } from '../config.ts';
import { RESERVED_SLUGS } from '../core/administration.ts';
import type { Applications } from '../core/applications.ts';
import type { Casework } from '../core/casework.ts';
import type { NetworkCatalog } from '../core/catalog.ts';
import type { CatalogCopies } from '../core/catalog-copies.ts';
import type { CatalogMerges } from '../core/catalog-merge.ts';
import type { Deliveries } from '../core/delivery/deliveries.ts';
import type { ServiceDesign } from '../core/design.ts';
import type { FederationFeed } from '../core/federation/feed.ts';
import type { Federation } from '../core/federation/subscriptions.ts';
import type { CitizenLogins } from '../core/identity/citizen-logins.ts';
import type { MyApplications } from '../core/identity/my-applications.ts';
import type { LeikaCatalogue } from '../core/leika/catalogue.ts';
import type { Store } from '../core/ports.ts';
import type { ApiKeys } from '../core/pull-api/api-keys.ts';
import type { PullApi } from '../core/pull-api/pull-api.ts';
import type { Receipts } from '../core/receipts.ts';
import type { EarlyErasure } from '../core/retention/early-erasure.ts';
import type { ServiceDrafts } from '../core/service-drafts.ts';
import type { ServiceLifecycle } from '../core/service-lifecycle.ts';
import type { ServicePackages } from '../core/service-package.ts';
import type { StaffAuth } from '../core/staff-auth.ts';
import type { StaffSso } from '../core/staff-sso/staff-sso.ts';
import type { TenantAdministration } from '../core/tenant-administration.ts';
import { FORM_BODY_BYTES } from './body-limits.ts';
import { guardConnectionsPerClient } from './connection-guard.ts';
import { handleError, handleNotFound } from './http-errors.ts';
import type { WebSecurity } from './request-context.ts';
import { KnownRoutes } from './return-path.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerAdminApiKeyRoutes } from './routes/admin-api-keys.ts';
import { registerAdminDeliveryRoutes } from './routes/admin-delivery.ts';
import { registerBrowserDefinitionRoute } from './routes/browser-definition.ts';
import { registerCatalogMergeRoutes } from './routes/catalog-merge.ts';
import { registerCitizenRoutes } from './routes/citizen.ts';
import { registerHeaderLogout } from './routes/citizen-header-login.ts';
import { registerCitizenLoginRoutes } from './routes/citizen-login.ts';
import { registerDesignerRoutes } from './routes/designer.ts';
import { registerCheckRoutes } from './routes/designer-checks.ts';
import { registerComputedRoutes } from './routes/designer-computed.ts';
import { registerEditorRoutes } from './routes/designer-editor.ts';
import { registerFeeRoutes } from './routes/designer-fee.ts';
import { registerRuleRoutes } from './routes/designer-rules.ts';
import { registerEarlyErasureRoutes } from './routes/early-erasure.ts';
import { registerFederationRoutes } from './routes/federation.ts';
import { registerFederationFeedRoutes } from './routes/federation-feed.ts';
import { registerMyApplicationsRoutes } from './routes/my-applications.ts';
import { registerCatalogRoutes } from './routes/network-catalog.ts';
import { registerPullApiRoutes } from './routes/pull-api.ts';
import { registerSamlRoutes } from './routes/saml.ts';
import { registerSchemaRoutes } from './routes/schemas.ts';
import { registerServiceLifecycleRoutes } from './routes/service-lifecycle.ts';
import { registerServicePackageRoutes } from './routes/service-package.ts';
import { registerStaffRoutes } from './routes/staff.ts';
import { registerStaffSsoRoutes } from './routes/staff-sso.ts';
import { registerSystemRoutes } from './routes/system.ts';
import { registerTestIdpRoutes } from './routes/test-idp.ts';
import { allowingFormActions, HSTS_HEADER, SECURITY_HEADERS } from './security-headers.ts';
import { staffSessions } from './staff-session.ts';

export interface WebDeps {
  store: Store;
  applications: Applications;
  casework: Casework;
  /** Sealed receipts for the citizen who submitted and for caseworkers (ADR 0032). */
  receipts: Receipts;
  design: ServiceDesign;
  /** The visual editor's drafts (designer role, ADR 0033). */
  drafts: ServiceDrafts;
  /** The installation's LeiKa catalogue: the editor's search and names beside keys (ADR 0053). */
  leika: LeikaCatalogue;
  /** A published service's life: offline, back, earlier versions, deletion (designer role). */
  lifecycle: ServiceLifecycle;
  /** The network catalog within the installation and copies from it (designer role, ADR 0043, 0044). */
  catalog: NetworkCatalog;
  copies: CatalogCopies;
  /** Merging a copy's upstream improvement (designer role, ADR 0045). */
  merges: CatalogMerges;
  /** Export and import of service packages (ADR 0051). */
  packages: ServicePackages;
  /** The instance description and the signed catalog feed (ADR 0054). */
  federationFeed: FederationFeed;
  /** Subscriptions to other installations' feeds (admin of the federation municipality, ADR 0054). */
  federation: Federation;
  /** The Verwaltung's use cases (admin role, ADR 0024). */
  admin: TenantAdministration;
  /** Delivery problems and the mail sink's mails, for the admin (ADR 0034). */
  deliveries: Deliveries;
  /** Deleting one application before its deadline (ADR 0039). */
  earlyErasure: EarlyErasure;
  /** The pull API for specialist systems and the admin's API keys (ADR 0041). */
  pullApi: PullApi;
  apiKeys: ApiKeys;
  /** Whether mails go to the built-in sink (no SMTP configured): the admin's pages say so. */
  usesMailSink: boolean;
  staffAuth: StaffAuth;
  security: WebSecurity;
  logger: Logger;
  ready: () => Promise<boolean>;
  /** Public base URL without trailing slash (AMTSWEG_BASE_URL), for absolute ids such as `$id`. */
  baseUrl: string;
  /** Timeouts and the per-client connection bound (ADR 0027). */
  connections: ConnectionLimits;
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (`AMTSWEG_TRUSTED_PROXIES`); empty:
   * the client is whoever connected. The client address is used for login throttling only.
   */
  trustedProxies: readonly string[];
  /** The built-in test identity provider, when the configuration enables it (ADR 0035). */
  testIdp?: TestIdp | undefined;
  /** Citizen login at the identity providers a municipality offers (ADR 0036). */
  citizenLogins: CitizenLogins;
  /** A logged-in citizen's drafts and submissions ("Meine Anträge", ADR 0049). */
  myApplications: MyApplications;
  /** Origins of the configured identity providers: the logout form's redirect leads there. */
  identityProviderOrigins?: readonly string[];
  /** Staff single sign-on per municipality (ADR 0056). */
  staffSso: StaffSso;
}

export { HSTS_HEADER, SECURITY_HEADERS };

/** Each route as it was added (method and URL pattern), per server: for tests and diagnostics. */
export interface RegisteredRoute {
  method: string;
  url: string;
}
const routeLists = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route the server has, as added (HEAD routes Fastify adds for GET included). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return routeLists.get(app) ?? [];
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');
const kernDist = join(
  dirname(createRequire(import.meta.url).resolve('@kern-ux/native/package.json')),
  'dist',
);

/**
 * Every top-level path of the app (`/staff/...`, `/assets/...`) must be reserved, so that no
 * municipality can be given it as its slug (`RESERVED_SLUGS`). Checked as routes are added: a
 * route that breaks the rule stops the server from starting, in tests first.
 */
export function refuseUnreservedTopLevelPath(route: RouteOptions): void {
  const first = route.url.split('/')[1] ?? '';
  if (first === '' || first.startsWith(':') || first.startsWith('*')) return;
  if (!RESERVED_SLUGS.includes(first)) {
    throw new Error(`the top-level path /${first} is not in RESERVED_SLUGS (core/administration.ts)`);
  }
}

export async function buildServer(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Form posts are small; multipart bodies are bounded as they are read (body-limits.ts).
    bodyLimit: FORM_BODY_BYTES,
    // Only configured proxies are believed about the client; no client can name itself.
    trustProxy: deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false,
    // Slow clients (ADR 0027): a body that does not arrive in time, a head that does not, an
    // idle connection and an idle kept-alive one are all cut off.
    requestTimeout: deps.connections.requestTimeoutMs,
    connectionTimeout: deps.connections.idleTimeoutMs,
    keepAliveTimeout: deps.connections.keepAliveTimeoutMs,
    http: {
      // Node checks the head timeout against the request timeout as the server is created.
      requestTimeout: deps.connections.requestTimeoutMs,
      headersTimeout: deps.connections.headersTimeoutMs,
      // Node checks the request and head timeouts this often (30 s by default).
      connectionsCheckingInterval: Math.min(
        30_000,
        Math.max(100, Math.floor(deps.connections.headersTimeoutMs / 4)),
      ),
    },
    // `/musterstadt/` and `/musterstadt` are the same page to people typing addresses.
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.addHook('onRoute', refuseUnreservedTopLevelPath);
  const routes: RegisteredRoute[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      routes.push({ method, url: route.url });
    }
  });
  guardConnectionsPerClient(app.server, deps.connections.maxConnectionsPerClient, deps.logger);
  // The pages a redirect may lead back to (`return-path.ts`): every GET route, as it is added.
  const pages = new KnownRoutes();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET')) pages.add(route.url);
  });

  await app.register(fastifyCookie);
  // Every route takes form posts only: urlencoded here, multipart in the scopes of the routes with
  // file fields. Fastify's JSON and text parsers are removed, so any other body is refused with
  // 415 before a handler runs; a JSON body can never bring numbers or objects where a form brings
  // text.
  app.removeAllContentTypeParsers();
  await app.register(fastifyFormbody);
  await app.register(fastifyStatic, {
    root: kernDist,
    prefix: '/assets/kern/',
    maxAge: '1d',
    // Only CSS and fonts are served; the kern JS is not needed (no JavaScript required).
    allowedPath: (path) => /\.(css|woff2?|ttf)$/.test(path),
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
  });

  // Over https, browsers are told to use nothing else for a year (HSTS), so no later visit can be
  // downgraded to plain http, where cookies and pages could be read or changed on the way.
  const pageHeaders = allowingFormActions(SECURITY_HEADERS, deps.identityProviderOrigins ?? []);
  const headers =
    deps.security.secureCookies && deps.security.protect ? { ...pageHeaders, ...HSTS_HEADER } : pageHeaders;
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  registerSystemRoutes(app, deps.store, deps.security, deps.ready, { baseUrl: deps.baseUrl, routes: pages });
  registerSchemaRoutes(app, deps.applications, deps.baseUrl);
  registerStaffRoutes(
    app,
    deps.staffAuth,
    deps.casework,
    deps.receipts,
    deps.security,
    deps.earlyErasure,
    (id) => deps.citizenLogins.providerLabel(id),
  );
  await registerDesignerRoutes(app, deps.design, staffSessions(deps.staffAuth, deps.security));
  registerServiceLifecycleRoutes(
    app,
    deps.lifecycle,
    deps.copies,
    staffSessions(deps.staffAuth, deps.security),
  );
  registerCatalogRoutes(
    app,
    deps.catalog,
    deps.copies,
    staffSessions(deps.staffAuth, deps.security),
    deps.leika,
  );
  registerFederationFeedRoutes(app, deps.federationFeed);
  registerFederationRoutes(
    app,
    deps.federation,
    deps.federationFeed,
    staffSessions(deps.staffAuth, deps.security),
  );
  registerCatalogMergeRoutes(app, deps.merges, staffSessions(deps.staffAuth, deps.security));
  await registerServicePackageRoutes(app, deps.packages, staffSessions(deps.staffAuth, deps.security));
  registerEditorRoutes(app, deps.drafts, staffSessions(deps.staffAuth, deps.security), deps.leika);
  registerRuleRoutes(app, deps.drafts, staffSessions(deps.staffAuth, deps.security));
  registerFeeRoutes(app, deps.drafts, staffSessions(deps.staffAuth, deps.security));
  registerCheckRoutes(app, deps.drafts, staffSessions(deps.staffAuth, deps.security));
  registerComputedRoutes(app, deps.drafts, staffSessions(deps.staffAuth, deps.security));
  registerBrowserDefinitionRoute(app, deps.applications);
  registerAdminRoutes(app, deps.admin, staffSessions(deps.staffAuth, deps.security), deps.security);
  registerAdminDeliveryRoutes(app, deps.deliveries, staffSessions(deps.staffAuth, deps.security), {
    usesMailSink: deps.usesMailSink,
  });
  registerEarlyErasureRoutes(app, deps.earlyErasure, staffSessions(deps.staffAuth, deps.security));
  registerStaffSsoRoutes(
    app,
    deps.staffSso,
    staffSessions(deps.staffAuth, deps.security),
    deps.security,
    deps.baseUrl,
  );
  if (deps.testIdp) registerTestIdpRoutes(app, deps.testIdp, deps.security);
  registerCitizenLoginRoutes(
    app,
    deps.applications,
    deps.citizenLogins,
    deps.security,
    deps.baseUrl,
    deps.myApplications,
  );
  registerSamlRoutes(app, deps.citizenLogins, deps.myApplications);
  registerHeaderLogout(app, deps.applications, deps.citizenLogins, deps.security, deps.myApplications);
  registerAdminApiKeyRoutes(app, deps.apiKeys, staffSessions(deps.staffAuth, deps.security), deps.security);
  await registerPullApiRoutes(app, deps.pullApi, { baseUrl: deps.baseUrl });
  // Before the service routes: `/{tenant}/meine-antraege` is no service (the slug is reserved).
  registerMyApplicationsRoutes(
    app,
    deps.applications,
    deps.citizenLogins,
    deps.myApplications,
    deps.security,
  );
  registerCitizenRoutes(
    app,
    deps.applications,
    deps.receipts,
    deps.security,
    deps.citizenLogins,
    deps.myApplications,
  );
  return app;
}
