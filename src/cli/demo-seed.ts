/**
 * Demo data: two fictional municipalities with services from `definitions/`, one caseworker
 * (Sachbearbeitung), one designer (Service-Design) and one admin (Verwaltung) account each.
 * Idempotent: running it again publishes a new version only where a definition file changed, and
 * never creates a second tenant or account.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { offerToCatalog } from '../core/catalog.ts';
import type { CodeListSource } from '../core/code-lists.ts';
import type { LegalLinks, StaffRole } from '../core/domain.ts';
import type { AssuranceLevel } from '../core/identity/levels.ts';
import type { Clock, PasswordHasher, Store } from '../core/ports.ts';
import { type PublishRules, publishService, readyToPublish } from '../core/publishing.ts';
import { newTotpSecret } from '../core/second-factor.ts';
import type { DeliveryEmail } from '../core/settings/delivery-email.ts';
import { sameJson } from '../definition/diff.ts';

export interface DemoTenant {
  slug: string;
  name: { de: string; en: string };
  /** Fictional keys: Land code 99 does not exist, so they can never clash with a real AGS. */
  ags: string;
  /**
   * The legal pages every municipality must link to. The demo municipalities are fictional, so
   * their website is on `.example`, the top-level domain reserved for examples (RFC 2606).
   */
  legalLinks: LegalLinks;
  /** A service the municipality offers in the network catalog (ADR 0043), with the offer's details. */
  catalogOffer?: { slug: string; offer: Record<string, string> };
  /** The caseworker comes first: tests and docs that take "the" demo login of a tenant mean it. */
  accounts: ReadonlyArray<{ role: StaffRole; username: string; displayName: string }>;
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    slug: 'musterstadt',
    legalLinks: {
      imprint: 'https://www.musterstadt.example/impressum',
      privacy: 'https://www.musterstadt.example/datenschutz',
      accessibility: 'https://www.musterstadt.example/barrierefreiheit',
    },
    name: { de: 'Musterstadt', en: 'Musterstadt' },
    ags: '99999001',
    catalogOffer: {
      slug: 'hund-anmelden',
      offer: {
        leika: '99102013002000',
        topic: 'Tiere und Steuern',
        land: 'Niedersachsen',
        description:
          'Hund zur Hundesteuer anmelden: Halterin oder Halter, Hund, Listenhund und Sachkundenachweis, mit der Steuer pro Jahr als Gebühr.',
        licence: 'EUPL-1.2',
        contact: 'Lena Gestalt, Steueramt Musterstadt, service-design@musterstadt.example',
        experience:
          'Seit der Einführung kommen rund 80 % der Anmeldungen online. Rückfragen gab es vor allem zum Sachkundenachweis; der Hinweis auf der Startseite hat sie halbiert.',
      },
    },
    accounts: [
      { role: 'caseworker', username: 'sachbearbeitung@musterstadt', displayName: 'Erika Mustermann' },
      { role: 'designer', username: 'service-design@musterstadt', displayName: 'Lena Gestalt' },
      { role: 'admin', username: 'verwaltung@musterstadt', displayName: 'Vera Waltung' },
    ],
  },
  {
    slug: 'beispielhausen',
    legalLinks: {
      imprint: 'https://www.beispielhausen.example/impressum',
      privacy: 'https://www.beispielhausen.example/datenschutz',
      accessibility: 'https://www.beispielhausen.example/barrierefreiheit',
    },
    name: { de: 'Beispielhausen', en: 'Beispielhausen' },
    ags: '99999002',
    accounts: [
      { role: 'caseworker', username: 'sachbearbeitung@beispielhausen', displayName: 'Max Beispiel' },
      { role: 'designer', username: 'service-design@beispielhausen', displayName: 'Jonas Entwurf' },
      { role: 'admin', username: 'verwaltung@beispielhausen', displayName: 'Olaf Ordnung' },
    ],
  },
];

export interface DemoCredential {
  tenant: string;
  /** Missing in files written before roles existed: those accounts are caseworkers. */
  role?: StaffRole;
  username: string;
  password: string;
  /**
   * The account's TOTP secret (base32; ADR 0055): the demo's accounts are enrolled, so the README's
   * journey works with any authenticator app. Missing in files written before the second factor.
   */
  totpSecret?: string;
}

export interface SeedResult {
  credentials: DemoCredential[];
  published: string[];
}

/**
 * Whether some version of the demo service already has this file's content (as publishing would
 * store it: checked, code lists resolved, uids given). Then a restart publishes nothing, and a
 * version a designer published later is not replaced by the file again; only a changed file (a new
 * release of the demo) becomes a new version. Offline services count too.
 */
async function alreadyPublished(
  store: Store,
  tenantId: string,
  definition: unknown,
  rules: PublishRules,
): Promise<boolean> {
  const checked = await readyToPublish(definition, rules);
  if (!checked.ok) return false;
  const slug = checked.definition.id;
  for (const entry of await store.services.history(tenantId, slug)) {
    const version = await store.services.versionByNumber(tenantId, slug, entry.version);
    if (version && sameJson(version.definition, checked.definition)) return true;
  }
  return false;
}

export async function seedDemo(deps: {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  /** Resolves the demo definitions' code list references (the repository's `codelists/`). */
  codeLists?: CodeListSource;
  /** The installation's minimum for Schriftformersatz services (ADR 0048); absent: `hoch`. */
  schriftformersatzMinimum?: AssuranceLevel;
  definitionsDir: string;
  /** Where generated demo passwords are kept so they can be printed at every start. */
  credentialsFile: string;
}): Promise<SeedResult> {
  const { store, clock, passwords } = deps;
  const saved: DemoCredential[] = existsSync(deps.credentialsFile)
    ? (JSON.parse(readFileSync(deps.credentialsFile, 'utf8')) as DemoCredential[])
    : [];
  const credentials: DemoCredential[] = [];
  const published: string[] = [];

  for (const demo of DEMO_TENANTS) {
    let tenant = await store.tenants.bySlug(demo.slug);
    if (!tenant) {
      tenant = {
        id: randomUUID(),
        slug: demo.slug,
        name: demo.name,
        ags: demo.ags,
        legalLinks: demo.legalLinks,
      };
      await store.tenants.create(tenant);
    }
    const dir = join(deps.definitionsDir, demo.slug);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const definition: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const rules = { codeLists: deps.codeLists, schriftformersatzMinimum: deps.schriftformersatzMinimum };
      if (await alreadyPublished(store, tenant.id, definition, rules)) continue;
      const outcome = await publishService({ store, clock, ...rules }, tenant.id, definition, {
        publishedBy: null,
        changeMessage: `Demo-Daten: ${file}`,
      });
      if (!outcome.ok) {
        const lines = outcome.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
        throw new Error(`demo definition ${join(dir, file)} is invalid:\n${lines}`);
      }
      published.push(`${demo.slug}/${outcome.version.slug} v${outcome.version.version}`);
    }
    await demoDelivery(store, clock, tenant.id, demo.slug);
    if (demo.catalogOffer) await demoCatalogOffer(store, clock, tenant.id, demo.catalogOffer);
    await demoIdentity(store, clock, tenant.id);

    for (const account of demo.accounts) {
      const known = saved.find((c) => c.username === account.username);
      const existing = await store.staff.byUsername(account.username);
      if (!existing) {
        const password = known?.password ?? randomBytes(12).toString('base64url');
        const id = randomUUID();
        await store.staff.create({
          id,
          tenantId: tenant.id,
          username: account.username,
          displayName: account.displayName,
          passwordHash: await passwords.hash(password),
          roles: [account.role],
        });
        const totpSecret = newTotpSecret();
        await store.secondFactors.enrol(tenant.id, id, totpSecret);
        credentials.push({
          tenant: demo.slug,
          role: account.role,
          username: account.username,
          password,
          totpSecret,
        });
      } else if (known) {
        credentials.push({
          ...known,
          role: known.role ?? account.role,
          ...(await demoFactor(store, existing.tenantId, existing.id, known.totpSecret)),
        });
      }
    }
  }
  writeFileSync(deps.credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials, published };
}

/**
 * The second factor of a demo account that already exists: the one it has (as the credentials file
 * knows it), or a new one for an account from before second factors (or reset by the operator).
 */
async function demoFactor(
  store: Store,
  tenantId: string,
  accountId: string,
  known: string | undefined,
): Promise<{ totpSecret?: string }> {
  const factor = await store.secondFactors.get(tenantId, accountId);
  if (factor?.enrolledAt) return factor.secret === known ? { totpSecret: known } : {};
  const totpSecret = newTotpSecret();
  await store.secondFactors.enrol(tenantId, accountId, totpSecret);
  return { totpSecret };
}

/** The demo's offer in the network catalog, made once: an entry an admin or designer changed stays. */
async function demoCatalogOffer(
  store: Store,
  clock: Clock,
  tenantId: string,
  demo: NonNullable<DemoTenant['catalogOffer']>,
): Promise<void> {
  const live = await store.services.latestBySlug(tenantId, demo.slug);
  if (!live || (await store.catalog.entryOfService(tenantId, live.serviceId))) return;
  const outcome = await offerToCatalog(
    { store, clock, newId: randomUUID },
    { tenantId, accountId: null },
    demo.slug,
    demo.offer,
  );
  if (!outcome.ok)
    throw new Error(`demo catalog offer of ${demo.slug} is invalid: ${JSON.stringify(outcome.errors)}`);
}

/**
 * The demo municipalities offer the built-in test identity provider (ADR 0035), which `serve
 * --demo` runs: citizens log in as test personas. A setting an admin changed is left alone.
 */
async function demoIdentity(store: Store, clock: Clock, tenantId: string): Promise<void> {
  const stored = await store.operationalSettings.get(tenantId, null, 'identity.providers');
  if (stored) return;
  const at = clock.now().toISOString();
  await store.operationalSettings.put(
    {
      tenantId,
      serviceId: null,
      kind: 'identity.providers',
      options: { offered: 'test-idp' },
      secrets: {},
      updatedAt: at,
      updatedBy: null,
    },
    {
      tenantId,
      actorType: 'operator',
      actorId: null,
      action: 'setting.changed',
      subjectType: 'operational_setting',
      subjectId: 'identity.providers',
      details: { kind: 'identity.providers', changed: ['offered'], demo: true },
    },
  );
}

/**
 * Every demo service reports its applications by e-mail to the municipality's office (ADR 0034).
 * Without `AMTSWEG_SMTP_URL` the mails land in the built-in sink, which the demo admin reads under
 * "Postausgang": the whole demo works offline. A setting an admin changed is left alone.
 */
async function demoDelivery(store: Store, clock: Clock, tenantId: string, slug: string): Promise<void> {
  const stored = await store.operationalSettings.listByTenant(tenantId);
  for (const service of await store.services.listLatest(tenantId)) {
    if (stored.some((s) => s.serviceId === service.serviceId && s.kind === 'delivery.email')) continue;
    const options: DeliveryEmail = { enabled: true, to: `buergerbuero@${slug}.example`, withData: false };
    const at = clock.now().toISOString();
    await store.operationalSettings.put(
      {
        tenantId,
        serviceId: service.serviceId,
        kind: 'delivery.email',
        options,
        secrets: {},
        updatedAt: at,
        updatedBy: null,
      },
      {
        tenantId,
        actorType: 'operator',
        actorId: null,
        action: 'setting.changed',
        subjectType: 'operational_setting',
        subjectId: service.serviceId,
        details: {
          kind: 'delivery.email',
          changed: ['enabled', 'to'],
          serviceId: service.serviceId,
          demo: true,
        },
      },
    );
  }
}
