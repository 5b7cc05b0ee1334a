/**
 * Test fixtures for the storage tests (not used by the application): a store over a test database,
 * two tenants with a published service and a draft each.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createEnvelopeCipher, type TenantCipher } from '../../../src/adapters/crypto/envelope.ts';
import type { Database } from '../../../src/adapters/storage/dialect/database.ts';
import { wrappedKeyLoader } from '../../../src/adapters/storage/repositories/tenants.ts';
import { createStore } from '../../../src/adapters/storage/store.ts';
import type { AuditEvent } from '../../../src/core/domain.ts';
import type { NewSubmission, Store } from '../../../src/core/ports.ts';
import { createReferenceGenerator } from '../../../src/core/reference.ts';
import type { Answers, ServiceDefinition } from '../../../src/definition/types.ts';
import type { DialectUnderTest, TestDatabase } from '../databases.ts';

/** One master key per test process; workers receive it through workerData. */
export const TEST_MASTER_KEY = randomBytes(32);

export function storeFor(
  database: Pick<Database, 'db' | 'dialect'> & Partial<Pick<Database, 'writer'>>,
  masterKey: Uint8Array = TEST_MASTER_KEY,
) {
  const cipher: TenantCipher = createEnvelopeCipher({
    masterKey,
    loadWrappedKey: wrappedKeyLoader(database.db),
  });
  return { store: createStore(database.db, database.dialect, cipher, { writer: database.writer }), cipher };
}

export function definition(slug: string, title = `Dienst ${slug}`): ServiceDefinition {
  return {
    formatVersion: 2,
    id: slug,
    title: { de: title, en: `Service ${slug}` },
    summary: { de: 'Kurz' },
    declaration: { de: 'Ich versichere die Richtigkeit.' },
    steps: [
      {
        id: 'angaben',
        title: { de: 'Angaben' },
        fields: [{ type: 'text', key: 'name', label: { de: 'Name' } }],
      },
    ],
    local: { office: { name: { de: 'Bürgeramt' } } },
  };
}

export interface TenantFixture {
  tenantId: string;
  serviceId: string;
  versionId: string;
  draftId: string;
  sessionHash: string;
}

const NOW = '2025-03-01T10:00:00.000Z';
const LATER = '2025-04-01T10:00:00.000Z';

/** A tenant with one published service and one open draft. */
export async function seedTenant(store: Store, slug: string, answers: Answers = { name: 'Erika' }) {
  const tenantId = randomUUID();
  await store.tenants.create({ id: tenantId, slug, name: { de: `Stadt ${slug}` }, ags: null });
  const version = await store.services.publish(tenantId, definition('meldung'), NOW);
  const sessionHash = `session-${randomUUID()}`;
  const draft = await store.drafts.create({
    id: randomUUID(),
    tenantId,
    serviceId: version.serviceId,
    serviceVersionId: version.id,
    sessionHash,
    answers,
    createdAt: NOW,
    expiresAt: LATER,
  });
  return { tenantId, serviceId: version.serviceId, versionId: version.id, draftId: draft.id, sessionHash };
}

/** A draft of the fixture's service for a new session. */
export async function newDraft(store: Store, f: TenantFixture, answers: Answers = {}, expiresAt = LATER) {
  return store.drafts.create({
    id: randomUUID(),
    tenantId: f.tenantId,
    serviceId: f.serviceId,
    serviceVersionId: f.versionId,
    sessionHash: `session-${randomUUID()}`,
    answers,
    createdAt: NOW,
    expiresAt,
  });
}

export const testReference = createReferenceGenerator((n) => randomBytes(n));

export function submissionInput(
  f: TenantFixture,
  draftId: string,
  overrides: Partial<NewSubmission> = {},
): { input: NewSubmission; audit: AuditEvent } {
  const id = overrides.id ?? randomUUID();
  const input: NewSubmission = {
    id,
    tenantId: f.tenantId,
    draftId,
    reference: testReference(),
    serviceId: f.serviceId,
    serviceVersionId: f.versionId,
    answers: { name: 'Erika Mustermann' },
    feeCents: null,
    submittedAt: NOW,
    ...overrides,
  };
  const audit: AuditEvent = {
    tenantId: f.tenantId,
    actorType: 'citizen',
    actorId: null,
    action: 'submission.received',
    subjectType: 'submission',
    subjectId: id,
  };
  return { input, audit };
}

/**
 * A fresh test database of `dialect` with a store over it and two tenants (`a`, `b`), each with a
 * published service and a draft: the set-up of most storage tests, which check every query against
 * a second tenant. The caller destroys the database after its tests.
 */
export async function twoTenants(dialect: DialectUnderTest, aSlug: string, bSlug: string) {
  const database: TestDatabase = await dialect.open();
  const { store } = storeFor(database);
  return { database, store, a: await seedTenant(store, aSlug), b: await seedTenant(store, bSlug) };
}
