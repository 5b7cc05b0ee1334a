import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceDefinition } from '../definition/types.ts';
import type { SealCertificate, StoredReceipt, Submission, Tenant } from './domain.ts';
import { NotFoundError } from './errors.ts';
import { ModelCache } from './model-cache.ts';
import type { ReceiptSealer, Store } from './ports.ts';
import { Receipts } from './receipts.ts';

const tenant: Tenant = { id: 't1', slug: 'musterstadt', name: { de: 'Musterstadt' }, ags: null };
const definition = {
  formatVersion: 2,
  id: 'antrag',
  title: { de: 'Antrag' },
  summary: { de: 'Ein Antrag.' },
  declaration: { de: 'Richtig.' },
  steps: [
    { id: 's', title: { de: 'Schritt' }, fields: [{ type: 'text', key: 'name', label: { de: 'Name' } }] },
  ],
  local: { office: { name: { de: 'Bürgerbüro' } } },
} as unknown as ServiceDefinition;
const submission: Submission = {
  id: 'sub1',
  tenantId: 't1',
  reference: 'AAAA-BBBB-CCCC',
  serviceId: 'svc',
  serviceSlug: 'antrag',
  serviceTitle: { de: 'Antrag' },
  serviceVersion: 1,
  status: 'received',
  submittedAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  serviceVersionId: 'v1',
  answers: { name: 'Erika' },
  feeCents: null,
  identity: null,
  schriftformersatz: false,
  submittedIdentity: null,
};

function setUp(demoSeals: boolean) {
  const receipts = new Map<string, StoredReceipt>();
  let certificate: SealCertificate | undefined;
  const calls = { seal: 0, demo: 0 };
  const store = {
    receipts: {
      get: async (_t: string, id: string) => receipts.get(id),
      add: async (r: StoredReceipt) => {
        if (!receipts.has(r.submissionId)) receipts.set(r.submissionId, r);
        return receipts.get(r.submissionId)!;
      },
    },
    sealCertificates: {
      get: async () => certificate,
      addIfAbsent: async (c: SealCertificate) => {
        certificate ??= c;
        return certificate;
      },
    },
    submissions: {
      summaryById: async (tenantId: string, id: string) =>
        tenantId === submission.tenantId && id === submission.id ? submission : undefined,
      byId: async (tenantId: string, id: string) =>
        tenantId === submission.tenantId && id === submission.id ? submission : undefined,
    },
    services: {
      versionById: async () => ({
        id: 'v1',
        tenantId: 't1',
        serviceId: 'svc',
        slug: 'antrag',
        version: 1,
        definition,
        publishedAt: '',
      }),
    },
    attachments: { ofSubmission: async () => [] },
  } as unknown as Store;
  const sealer: ReceiptSealer = {
    seal: async (content) => {
      calls.seal++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return Buffer.from(`%PDF ${content.reference} ${calls.seal}`);
    },
    demoCertificate: async () => {
      calls.demo++;
      return { pkcs12: Buffer.from('p12'), passphrase: 'x' };
    },
    describe: () => {
      throw new Error('not used');
    },
  };
  const clock = { now: () => new Date('2026-01-01T10:05:00Z') };
  return { receipts: new Receipts({ store, clock, models: new ModelCache(), sealer, demoSeals }), calls };
}

test('two downloads at once in one process seal once and get the same bytes', async () => {
  const { receipts, calls } = setUp(true);
  const [a, b] = await Promise.all([
    receipts.forCitizen(tenant, 'sub1', 'de'),
    receipts.forCitizen(tenant, 'sub1', 'en'),
  ]);
  assert.equal(calls.seal, 1);
  assert.equal(calls.demo, 1);
  assert.deepEqual(a?.pdf, b?.pdf);
  assert.equal(a?.reference, 'AAAA-BBBB-CCCC');
  // Later downloads: the stored bytes, nothing sealed again.
  assert.deepEqual((await receipts.forCitizen(tenant, 'sub1', 'en'))?.pdf, a?.pdf);
  assert.equal(calls.seal, 1);
});

test('an unknown submission is not found, and no demo certificate is generated for it', async () => {
  const { receipts, calls } = setUp(true);
  await assert.rejects(receipts.forCitizen(tenant, 'other', 'de'), NotFoundError);
  assert.equal(calls.demo, 0);
});

test('outside demo mode, without a certificate, nothing is offered or sealed', async () => {
  const { receipts, calls } = setUp(false);
  assert.equal(await receipts.offered('t1'), undefined);
  assert.equal(await receipts.forCitizen(tenant, 'sub1', 'de'), undefined);
  assert.deepEqual(calls, { seal: 0, demo: 0 });
});
