/**
 * The composition root: configuration -> adapters -> use cases -> web and jobs. The only place
 * that knows every concrete implementation.
 */

import { hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { directoryArchive } from './adapters/archive/directory.ts';
import { codeListDirectory } from './adapters/codelists/directory.ts';
import { createEnvelopeCipher } from './adapters/crypto/envelope.ts';
import { federationKeyWrapping } from './adapters/crypto/federation-key-wrapping.ts';
import { masterKeys } from './adapters/crypto/key-wrapping.ts';
import { loadPreviousMasterKey } from './adapters/crypto/master-key.ts';
import { createEmailChannel } from './adapters/delivery/email/email-channel.ts';
import { createSinkMailer } from './adapters/delivery/email/sink-mailer.ts';
import { createSmtpMailer } from './adapters/delivery/email/smtp-mailer.ts';
import { createFitConnectChannel } from './adapters/delivery/fit-connect/fit-connect-channel.ts';
import { createWebhookChannel } from './adapters/delivery/webhook/webhook-channel.ts';
import { createHttpFetcher } from './adapters/federation/http-fetcher.ts';
import { STANDARD_CLAIMS } from './adapters/identity/oidc/config.ts';
import { createOidcRelyingParty } from './adapters/identity/oidc/relying-party.ts';
import { createStaffSsoProtocol } from './adapters/identity/oidc/staff-sso.ts';
import { createSamlServiceProvider } from './adapters/identity/saml/provider.ts';
import { TEST_IDP_ACR } from './adapters/identity/test-idp/levels.ts';
import {
  createTestIdp,
  TEST_IDP_PATH,
  type TestIdp,
  type TestIdpClient,
} from './adapters/identity/test-idp/provider.ts';
import { clamdScanner } from './adapters/malware/clamd.ts';
import { createReceiptSealer } from './adapters/receipt/sealer.ts';
import { createApiKeyHashes } from './adapters/security/api-key-hashes.ts';
import { createArgon2Hasher } from './adapters/security/argon2-hasher.ts';
import { boundedHasher, type HashingLimits } from './adapters/security/bounded-hasher.ts';
import { createOwnerHashes, createProviderSessionHashes } from './adapters/security/owner-hashes.ts';
import { createPseudonyms } from './adapters/security/pseudonyms.ts';
import { tokens } from './adapters/security/tokens.ts';
import { type Database, openDatabase } from './adapters/storage/dialect/database.ts';
import { migrate } from './adapters/storage/dialect/migrate.ts';
import { wrappedKeyLoader, wrappedKeyRewriter } from './adapters/storage/repositories/tenants.ts';
import { createStore } from './adapters/storage/store.ts';
import { openFiles } from './adapters/system/open-files.ts';
import type { Config } from './config.ts';
import { Applications } from './core/applications.ts';
import { Casework } from './core/casework.ts';
import { NetworkCatalog } from './core/catalog.ts';
import { CatalogCopies } from './core/catalog-copies.ts';
import { CatalogMerges } from './core/catalog-merge.ts';
import type { CodeListSource } from './core/code-lists.ts';
import { Deliveries } from './core/delivery/deliveries.ts';
import { DeliveryDigestJob } from './core/delivery/digest.ts';
import { ServiceDesign } from './core/design.ts';
import { DecryptionError } from './core/errors.ts';
import { FederationFeed } from './core/federation/feed.ts';
import { InstanceKeys } from './core/federation/instance-keys.ts';
import { Federation } from './core/federation/subscriptions.ts';
import { CitizenLogins } from './core/identity/citizen-logins.ts';
import { MyApplications } from './core/identity/my-applications.ts';
import type { IdentityProvider } from './core/identity/provider.ts';
import { LeikaCatalogue } from './core/leika/catalogue.ts';
import { ModelCache } from './core/model-cache.ts';
import { OperationalSettings } from './core/operational-settings.ts';
import type {
  Clock,
  DeliveryChannels,
  Mailer,
  PasswordHasher,
  Store,
  SubmissionDocuments,
} from './core/ports.ts';
import { ApiKeys } from './core/pull-api/api-keys.ts';
import { PullApi } from './core/pull-api/pull-api.ts';
import { Receipts } from './core/receipts.ts';
import { createReferenceGenerator } from './core/reference.ts';
import { EarlyErasure } from './core/retention/early-erasure.ts';
import type { EraseDeps } from './core/retention/erase-submission.ts';
import { ServiceDrafts } from './core/service-drafts.ts';
import { ServiceLifecycle } from './core/service-lifecycle.ts';
import { ServicePackages } from './core/service-package.ts';
import { settingKinds } from './core/settings/registry.ts';
import { StaffAuth } from './core/staff-auth.ts';
import { isLoopbackHttpBase, localPasswordsAllowed, StaffSso } from './core/staff-sso/staff-sso.ts';
import { TenantAdministration } from './core/tenant-administration.ts';
import { scheduleAttachmentBinding } from './jobs/attachment-binding.ts';
import { type DeliveryWorker, startDeliveryWorker } from './jobs/delivery-worker.ts';
import { scheduleFederationSync } from './jobs/federation-sync.ts';
import { scheduleOpenFilesWatch } from './jobs/open-files-watch.ts';
import { scheduleRetention } from './jobs/retention.ts';
import { scheduleAuditSealing, scheduleSubmissionRetention } from './jobs/submission-retention.ts';
import type { WebSecurity } from './web/request-context.ts';
import { dataSchemaUrl } from './web/routes/schemas.ts';
import { testIdpPages } from './web/routes/test-idp.ts';
import { buildServer } from './web/server.ts';

export interface AppOptions {
  config: Config;
  masterKey: Uint8Array;
  /**
   * The master key before a rotation (ADR 0031); default: from the configuration
   * (`AMTSWEG_MASTER_KEY_PREVIOUS`), usually none.
   */
  previousMasterKey?: Uint8Array;
  logger?: Logger;
  clock?: Clock;
  /** The password hasher inside the bound on concurrent hashes (tests pass cheap parameters). */
  passwords?: PasswordHasher;
  /** How many password hashes run and wait at once (default: 2 × CPUs each, `bounded-hasher.ts`). */
  hashing?: HashingLimits;
  /**
   * Demo mode (`serve --demo`, tests): a tenant without a seal certificate gets a generated
   * self-signed one on first use, and its receipts say so (ADR 0032). Default false.
   */
  demoSeals?: boolean;
  /** Run the retention schedule and the delivery worker in this process (default true). */
  jobs?: boolean;
  /**
   * Run the delivery worker in this process (default: `config.delivery.workerInServe`, and only with
   * `jobs`). `amtsweg worker` runs it without the jobs of `serve`.
   */
  deliveryWorker?: boolean;
  /** Replaces the mailer chosen from the configuration (tests). */
  mailer?: Mailer;
  /** Overrides the database (tests use their own schema or file). */
  database?: Database;
  /**
   * Only for `npm run bench`: the same app with the request protections off (`WebSecurity.protect`),
   * measured beside the normal one to show what they cost. Not reachable from the environment, the
   * configuration or the command line.
   */
  benchmarkWithoutProtections?: boolean;
}

export interface App {
  server: FastifyInstance;
  store: Store;
  applications: Applications;
  database: Database;
  clock: Clock;
  passwords: PasswordHasher;
  logger: Logger;
  /** Code lists for publishing (from `config.codeListDirs`). */
  codeLists: CodeListSource;
  /** The web layer's keys and switches (tests and the bench make cookies and tokens with them). */
  security: WebSecurity;
  /** Staff login and sessions (the operator's `staff-unlock`). */
  staffAuth: StaffAuth;
  /** Delivery to the authority's systems (ADR 0034): the worker's step, the admin's view. */
  deliveries: Deliveries;
  /** The daily e-mail about delivery problems (ADR 0041), which the worker sends. */
  deliveryDigest: DeliveryDigestJob;
  /** The delivery worker of this process, when it runs one. */
  deliveryWorker: DeliveryWorker | undefined;
  /** What deleting applications needs (ADR 0039): the deletion run, `amtsweg retention-run`. */
  erasure: EraseDeps;
  /** This installation's federation keys (ADR 0054): `amtsweg federation rotate-key`. */
  instanceKeys: InstanceKeys;
  /** The built-in test identity provider and the app's client there, when enabled (ADR 0035). */
  testIdp: { issuer: string; client: TestIdpClient } | undefined;
  close(): Promise<void>;
}

/** The version of this installation (`package.json`, one folder up from `src/` and `dist/`). */
const PRODUCT_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

export const systemClock: Clock = { now: () => new Date() };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    // Belt and braces: request bodies are never logged, but should a form value reach a log
    // object by mistake, these paths are removed.
    redact: { paths: ['req.body', 'body', 'answers', 'password', 'req.headers.cookie'], remove: true },
    // Request logs keep what operations need and nothing that identifies a person: no IP
    // address, no cookies, no query string (it can carry search terms).
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url?.split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Opens storage, runs migrations and wires the app; does not listen. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database =
    options.database ?? openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await migrate(database.db, database.dialect);

  const previousMasterKey =
    options.previousMasterKey ??
    loadPreviousMasterKey({ base64: config.previousMasterKeyBase64, file: config.previousMasterKeyFile });
  const cipher = createEnvelopeCipher({
    masterKey: options.masterKey,
    previousMasterKey,
    loadWrappedKey: wrappedKeyLoader(database.db),
    rewrapKey: wrappedKeyRewriter(database.db),
    refreshMs: config.dataKeyRefreshMs,
  });
  const store = createStore(database.db, database.dialect, cipher, { clock, writer: database.writer });
  // Every hash goes through one bound, whoever asks for it (logins, password changes, admins).
  const parallel = 2 * availableParallelism();
  const passwords = boundedHasher(
    options.passwords ?? createArgon2Hasher(),
    options.hashing ?? { concurrent: parallel, waiting: parallel },
  );
  const models = new ModelCache();
  const nextReference = createReferenceGenerator((n) => randomBytes(n));

  // Time-ordered ids: new drafts, submissions and audit events land at the right edge of their
  // indexes instead of on random pages, which keeps the pages a submit writes (and fsyncs) few.
  // Setting kinds are registered here explicitly (ADR 0024); no module registers itself.
  const settings = new OperationalSettings({ store, clock, kinds: settingKinds });
  // Uploads are scanned where the operator configured clamd (ADR 0038).
  const scanner = config.clamd ? clamdScanner(config.clamd) : undefined;
  const applications = new Applications({
    store,
    clock,
    models,
    newId: uuidv7,
    nextReference,
    settings,
    scanner,
    whenScannerUnavailable: config.clamd?.whenUnavailable,
  });
  const casework = new Casework({ store, clock, models });
  const receipts = new Receipts({
    store,
    clock,
    models,
    sealer: createReceiptSealer(clock),
    demoSeals: options.demoSeals === true,
    // Read when a receipt is issued, by then the providers below are set up.
    providerLabel: (id) => providers.get(id)?.label,
  });
  const deriveFrom = (key: Uint8Array, purpose: string) =>
    Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), purpose, 32));
  const derive = (purpose: string) => deriveFrom(options.masterKey, purpose);
  const pseudonyms = createPseudonyms(derive('amtsweg pseudonyms v1'));
  const staffAuth = new StaffAuth({
    store,
    clock,
    passwords,
    tokens,
    pseudonyms,
    // A municipality with single sign-on may switch local passwords off (ADR 0056).
    localPasswordsAllowed: (tenantId) => localPasswordsAllowed(settings, tenantId),
  });
  const staffSso = new StaffSso({
    store,
    clock,
    tokens,
    pseudonyms,
    passwords,
    settings,
    protocol: createStaffSsoProtocol(),
    auth: staffAuth,
    newId: uuidv7,
    baseUrl: config.baseUrl,
    // An issuer on this machine over plain http only where the installation runs there too.
    allowLoopbackHttp: isLoopbackHttpBase(config.baseUrl),
  });
  // Its own model cache: candidates are compiled for previews only and must not crowd out versions.
  const codeLists = codeListDirectory(config.codeListDirs, (file, message) =>
    logger.warn({ event: 'codelist.problem', file }, message),
  );
  const design = new ServiceDesign({
    store,
    clock,
    newId: uuidv7,
    models: new ModelCache(),
    codeLists,
    schriftformersatzMinimum: config.schriftformersatzMinimumLevel,
    settings,
    published: (tenantId, slug) => applications.forgetService(tenantId, slug),
  });
  const drafts = new ServiceDrafts({
    store,
    clock,
    newId: uuidv7,
    codeLists,
    schriftformersatzMinimum: config.schriftformersatzMinimumLevel,
  });
  const leika = new LeikaCatalogue({ store });
  const lifecycle = new ServiceLifecycle({
    store,
    clock,
    newId: uuidv7,
    changed: (tenantId, slug) => applications.forgetService(tenantId, slug),
  });
  const catalog = new NetworkCatalog({ store, clock, newId: uuidv7 });
  const copies = new CatalogCopies({ store, clock, newId: uuidv7 });
  const merges = new CatalogMerges({ store, clock, newId: uuidv7 });
  const packages = new ServicePackages({
    store,
    clock,
    newId: uuidv7,
    codeLists,
    schriftformersatzMinimum: config.schriftformersatzMinimumLevel,
  });
  // Federation (ADR 0054): the installation's signing key (made on first start), its feed, and the
  // feeds of other installations it follows.
  const instanceKeys = new InstanceKeys({
    store,
    clock,
    wrapping: federationKeyWrapping(masterKeys(options.masterKey, previousMasterKey)),
  });
  await instanceKeys.ensure();
  // Reading the key rewraps it under the current master key during a master-key rotation (ADR 0031).
  // A master key that cannot open it (rotated without AMTSWEG_MASTER_KEY_PREVIOUS) does not keep
  // the municipalities' services from starting; only the feed waits for the right key.
  await instanceKeys.current().catch((error: unknown) => {
    if (!(error instanceof DecryptionError)) throw error;
    logger.error(
      { event: 'federation.key-unreadable', code: error.code },
      'the federation signing key does not open with the configured master keys: the catalog feed is unavailable until the previous master key is configured',
    );
  });
  const federationFeed = new FederationFeed({
    store,
    clock,
    keys: instanceKeys,
    packages,
    identity: { name: config.federation.name, operator: config.federation.operator, url: config.baseUrl },
  });
  const federation = new Federation({
    store,
    clock,
    newId: uuidv7,
    fetcher: createHttpFetcher(config.federation),
    adminTenant: config.federation.adminTenant,
  });
  const admin = new TenantAdministration({
    store,
    clock,
    passwords,
    settings,
    newId: uuidv7,
    // As `amtsweg staff-add` generates them: 120 random bits.
    newPassword: () => randomBytes(15).toString('base64url'),
  });
  // Delivery (ADR 0034): SMTP where the operator configured it, else the built-in mail sink.
  const smtp = config.delivery.smtpUrl
    ? createSmtpMailer({
        url: config.delivery.smtpUrl,
        password: config.delivery.smtpPassword,
        from: config.delivery.mailFrom,
      })
    : undefined;
  const mailer =
    options.mailer ??
    smtp ??
    createSinkMailer({ store, clock, newId: uuidv7, from: config.delivery.mailFrom });
  // Channels are registered here explicitly, one per name of DELIVERY_CHANNELS (the type checks it).
  const channels: DeliveryChannels = {
    email: createEmailChannel(mailer),
    webhook: createWebhookChannel({ clock }),
    'fit-connect': createFitConnectChannel({
      clock,
      baseUrl: config.baseUrl,
      productVersion: PRODUCT_VERSION,
    }),
  };
  // What goes with a delivery beyond the data: the sealed receipt, the same bytes the citizen gets.
  const documents: SubmissionDocuments = {
    forSubmission: (tenantId, submissionId) => receipts.forDelivery(tenantId, submissionId),
  };
  const deliveries = new Deliveries({
    store,
    clock,
    settings,
    channels,
    documents,
    mailer,
    staffUrl: (submissionId) => `${config.baseUrl}/staff/submissions/${submissionId}`,
    dataSchemaUrl: (tenant, service, version) => dataSchemaUrl(config.baseUrl, tenant, service, version),
    onEvent: (event) =>
      (event.event === 'delivery.delivered' ? logger.info : logger.warn).call(logger, event, event.event),
  });
  // Deletion deadlines and early deletion (ADR 0039); the archive only where the operator set one.
  const erasure: EraseDeps = {
    store,
    clock,
    settings,
    documents,
    archive: config.archiveDir ? directoryArchive(config.archiveDir) : undefined,
  };
  const earlyErasure = new EarlyErasure(erasure);
  // The pull API (ADR 0041): keys stored as HMACs under a key derived from the master key (and,
  // during a rotation, the previous one, so that keys made before it keep working).
  const apiKeyHashes = createApiKeyHashes(
    derive('amtsweg api keys v1'),
    previousMasterKey && deriveFrom(previousMasterKey, 'amtsweg api keys v1'),
  );
  const apiKeys = new ApiKeys({ store, clock, tokens, hashes: apiKeyHashes, newId: uuidv7 });
  const pullApi = new PullApi({
    store,
    clock,
    hashes: apiKeyHashes,
    documents,
    staffUrl: (submissionId) => `${config.baseUrl}/staff/submissions/${submissionId}`,
  });
  const deliveryDigest = new DeliveryDigestJob({
    store,
    clock,
    settings,
    mailer,
    problemsUrl: `${config.baseUrl}/staff/admin/zustellung`,
  });
  const security: WebSecurity = {
    secureCookies: config.baseUrl.startsWith('https://'),
    csrfSecret: derive('amtsweg csrf v1'),
    sessionKey: derive('amtsweg browser session v1'),
    // During a master-key rotation, forms and browser sessions issued under the previous key stay
    // valid (ADR 0031); everything new is signed with the current one.
    previous: previousMasterKey && {
      csrfSecret: deriveFrom(previousMasterKey, 'amtsweg csrf v1'),
      sessionKey: deriveFrom(previousMasterKey, 'amtsweg browser session v1'),
    },
    tokens,
    now: () => clock.now().getTime(),
    protect: options.benchmarkWithoutProtections !== true,
  };

  // The built-in test identity provider (ADR 0035), only where the configuration turns it on. Its
  // one client is this app itself, with a secret derived from the master key.
  const testIdpClient: TestIdpClient = {
    clientId: 'amtsweg',
    clientSecret: derive('amtsweg test idp client v1').toString('base64url'),
    redirectUris: [`${config.baseUrl}/auth/test-idp/callback`],
    postLogoutRedirectUris: [`${config.baseUrl}/auth/test-idp/abgemeldet`],
  };
  const testIdp: TestIdp | undefined = config.testIdp
    ? createTestIdp({
        issuer: `${config.baseUrl}${TEST_IDP_PATH}`,
        clients: [testIdpClient],
        cookieKey: derive('amtsweg test idp cookies v1').toString('base64url'),
        pages: testIdpPages,
        proxy: config.trustedProxies.length > 0,
      })
    : undefined;

  // Citizen identity providers (ADR 0036): the operator's, and the built-in test IdP where it runs,
  // which our relying party reaches over HTTP like any other provider.
  const providers = new Map<string, IdentityProvider>();
  for (const provider of config.identityProviders)
    providers.set(
      provider.id,
      provider.kind === 'saml'
        ? createSamlServiceProvider(provider, config.baseUrl, clock)
        : createOidcRelyingParty(provider),
    );
  if (testIdp) {
    providers.set(
      'test-idp',
      createOidcRelyingParty({
        id: 'test-idp',
        label: {
          de: 'Test-Identitätsanbieter (kein echtes Konto)',
          en: 'Test identity provider (no real account)',
        },
        issuer: testIdp.issuer,
        clientId: testIdpClient.clientId,
        clientSecret: testIdpClient.clientSecret,
        scopes: ['openid', 'profile', 'email', 'address', 'organization'],
        levels: Object.fromEntries(
          Object.entries(TEST_IDP_ACR).map(([level, acr]) => [acr, level]),
        ) as Record<string, 'niedrig' | 'substanziell' | 'hoch'>,
        claims: { ...STANDARD_CLAIMS, organization: 'organization_name' },
        allowHttp: true,
      }),
    );
  }
  const citizenLogins = new CitizenLogins({
    store,
    clock,
    tokens,
    settings,
    providers,
    baseUrl: config.baseUrl,
    providerSessions: createProviderSessionHashes(derive('amtsweg provider sessions v1')),
  });

  let closing = false;
  // "Meine Anträge" (ADR 0049): owners are HMACs of the identity under a key derived from the master key.
  const myApplications = new MyApplications({
    store,
    owners: createOwnerHashes(derive('amtsweg citizen owners v1')),
  });
  const server = await buildServer({
    testIdp,
    citizenLogins,
    myApplications,
    staffSso,
    identityProviderOrigins: config.identityProviders.map(
      (p) => new URL(p.kind === 'saml' ? p.idp.ssoUrl : p.issuer).origin,
    ),
    store,
    applications,
    casework,
    receipts,
    design,
    drafts,
    leika,
    lifecycle,
    catalog,
    copies,
    merges,
    packages,
    federationFeed,
    federation,
    admin,
    deliveries,
    earlyErasure,
    pullApi,
    apiKeys,
    usesMailSink: options.mailer === undefined && smtp === undefined,
    staffAuth,
    security,
    logger,
    baseUrl: config.baseUrl,
    connections: config.connections,
    trustedProxies: config.trustedProxies,
    ready: async () => {
      if (closing) return false;
      try {
        await sql`select 1`.execute(database.db);
        return true;
      } catch {
        return false;
      }
    },
  });
  const stopRetention = options.jobs === false ? () => {} : scheduleRetention(store, clock, logger);
  const stopDeletion = options.jobs === false ? () => {} : scheduleSubmissionRetention(erasure, logger);
  const stopSealing = options.jobs === false ? () => {} : scheduleAuditSealing(erasure, logger);
  const stopFederation =
    options.jobs === false
      ? () => {}
      : scheduleFederationSync(federation, logger, config.federation.syncMinutes);
  // Files uploaded before migration 0019 are bound to their application once (ADR 0031).
  const stopBinding = options.jobs === false ? () => {} : scheduleAttachmentBinding(store, logger);
  // Per process: each instance has its own limit of open files.
  const stopOpenFilesWatch = scheduleOpenFilesWatch(openFiles, logger);
  const runWorker = options.deliveryWorker ?? (options.jobs !== false && config.delivery.workerInServe);
  const deliveryWorker = runWorker
    ? startDeliveryWorker(deliveries, logger, { pollMs: config.delivery.pollMs, digest: deliveryDigest })
    : undefined;
  const stopJobs = async () => {
    stopRetention();
    stopDeletion();
    stopSealing();
    stopFederation();
    stopBinding();
    stopOpenFilesWatch();
    await deliveryWorker?.stop();
    smtp?.close();
  };

  return {
    server,
    store,
    applications,
    database,
    clock,
    passwords,
    logger,
    codeLists,
    security,
    staffAuth,
    deliveries,
    deliveryDigest,
    deliveryWorker,
    erasure,
    instanceKeys,
    testIdp: testIdp && { issuer: testIdp.issuer, client: testIdpClient },
    async close() {
      closing = true;
      await stopJobs();
      await server.close();
      await database.destroy();
    },
  };
}
