/**
 * The receipt (Eingangsbestätigung) of a submission (ADR 0032): issued once, on its first download,
 * sealed with the tenant's certificate, stored encrypted, and the same bytes on every download
 * after, for the citizen whose browser session submitted it and for the tenant's caseworkers. A
 * later mail channel attaches the same document through `issue`.
 */
import type { Locale, LocalizedText } from '../definition/types.ts';
import type {
  AuditEvent,
  DeliveryDocument,
  SealCertificate,
  StaffSession,
  StoredReceipt,
  Tenant,
} from './domain.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import type { ModelCache } from './model-cache.ts';
import type { Clock, ReceiptSealer, SealCertificateInfo, Store } from './ports.ts';
import { receiptContent } from './receipt-content.ts';
import { requireRole } from './roles.ts';

export interface ReceiptsDeps {
  store: Store;
  clock: Clock;
  models: ModelCache;
  sealer: ReceiptSealer;
  /**
   * Demo mode (`amtsweg serve --demo`, tests): a tenant without a certificate gets a generated
   * self-signed one on first use. Otherwise receipts are offered only once the operator installed
   * the tenant's certificate (`amtsweg seal-import`).
   */
  demoSeals: boolean;
  /** A configured identity provider's label by id, for the recorded identity (ADR 0048). */
  providerLabel?: (providerId: string) => LocalizedText | undefined;
}

/** A receipt as downloaded: the stored bytes and the reference its file is named by. */
export interface ReceiptDownload {
  pdf: Uint8Array;
  reference: string;
  locale: Locale;
}

/** Who caused a receipt to be issued (for its audit event). */
type Issuer = { type: 'citizen' } | { type: 'staff'; accountId: string } | { type: 'system' };

export class Receipts {
  readonly #deps: ReceiptsDeps;
  /** Issuing in progress in this process, so a double click seals once (the store decides across instances). */
  readonly #issuing = new Map<string, Promise<StoredReceipt | undefined>>();

  constructor(deps: ReceiptsDeps) {
    this.#deps = deps;
  }

  /**
   * Whether the tenant's submissions get a receipt (a certificate is installed, or demo mode), and
   * whether it is sealed with a demo certificate; undefined when there is none.
   */
  async offered(tenantId: string): Promise<{ demo: boolean } | undefined> {
    const installed = await this.#deps.store.sealCertificates.get(tenantId);
    if (installed) return { demo: installed.demo };
    return this.#deps.demoSeals ? { demo: true } : undefined;
  }

  /**
   * The receipt of a submission for the citizen whose browser session submitted it (the caller
   * found `submissionId` through that session's draft): issued in their language when it is the
   * first download. Undefined when the tenant offers no receipts.
   */
  async forCitizen(
    tenant: Tenant,
    submissionId: string,
    locale: Locale,
  ): Promise<ReceiptDownload | undefined> {
    const receipt = await this.issue(tenant, submissionId, locale, { type: 'citizen' });
    return receipt && this.#download(receipt);
  }

  /**
   * The receipt of one of the tenant's submissions for a caseworker, issued in German when the
   * citizen never downloaded it. Every download is audited, like every read of personal data.
   */
  async forCaseworker(session: StaffSession, submissionId: string): Promise<ReceiptDownload> {
    requireRole(session, 'caseworker');
    const { store, clock } = this.#deps;
    const tenant = await store.tenants.byId(session.tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    const receipt = await this.issue(tenant, submissionId, 'de', {
      type: 'staff',
      accountId: session.accountId,
    });
    if (!receipt) throw new NotFoundError('receipt');
    await store.audit.record(
      {
        tenantId: tenant.id,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'receipt.downloaded',
        subjectType: 'submission',
        subjectId: submissionId,
      },
      clock.now().toISOString(),
    );
    return this.#download(receipt);
  }

  /**
   * The receipt as a document for a delivery channel (ADR 0034): the same stored bytes the citizen
   * and the caseworker get, issued in German by the system when nobody downloaded it yet. None
   * when the tenant offers no receipts.
   */
  async forDelivery(tenantId: string, submissionId: string): Promise<DeliveryDocument[]> {
    const tenant = await this.#deps.store.tenants.byId(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    const receipt = await this.issue(tenant, submissionId, 'de', { type: 'system' });
    if (!receipt) return [];
    const { reference } = await this.#download(receipt);
    return [
      {
        filename: `eingangsbestaetigung-${reference}.pdf`,
        contentType: 'application/pdf',
        content: receipt.pdf,
      },
    ];
  }

  async #download(receipt: StoredReceipt): Promise<ReceiptDownload> {
    const summary = await this.#deps.store.submissions.summaryById(receipt.tenantId, receipt.submissionId);
    if (!summary) throw new NotFoundError('submission');
    return { pdf: receipt.pdf, reference: summary.reference, locale: receipt.locale };
  }

  /**
   * The stored receipt, or a new one issued in `locale` and stored (the first stored wins, so every
   * caller gets the same bytes). Undefined when the tenant offers no receipts; NotFound when the
   * submission is not the tenant's.
   */
  async issue(
    tenant: Tenant,
    submissionId: string,
    locale: Locale,
    issuer: Issuer,
  ): Promise<StoredReceipt | undefined> {
    const stored = await this.#deps.store.receipts.get(tenant.id, submissionId);
    if (stored) return stored;
    const key = `${tenant.id}|${submissionId}`;
    // Registered before the first await, so a second call while this one seals waits for it.
    let issuing = this.#issuing.get(key);
    if (!issuing) {
      issuing = this.#issueNew(tenant, submissionId, locale, issuer).finally(() => this.#issuing.delete(key));
      this.#issuing.set(key, issuing);
    }
    return issuing;
  }

  async #issueNew(
    tenant: Tenant,
    submissionId: string,
    locale: Locale,
    issuer: Issuer,
  ): Promise<StoredReceipt | undefined> {
    // Another tenant's id (or none) is not found before anything is generated for the tenant.
    if (!(await this.#deps.store.submissions.summaryById(tenant.id, submissionId))) {
      throw new NotFoundError('submission');
    }
    const certificate = await this.#certificate(tenant);
    if (!certificate) return undefined;
    return this.#seal(tenant, submissionId, locale, issuer, certificate);
  }

  async #seal(
    tenant: Tenant,
    submissionId: string,
    locale: Locale,
    issuer: Issuer,
    certificate: SealCertificate,
  ): Promise<StoredReceipt> {
    const { store, models, sealer, clock } = this.#deps;
    const submission = await store.submissions.byId(tenant.id, submissionId);
    if (!submission) throw new NotFoundError('submission');
    const version = await store.services.versionById(tenant.id, submission.serviceVersionId);
    if (!version) throw new NotFoundError('service version');
    const content = receiptContent({
      tenant,
      version,
      model: models.get(version.id, version.definition),
      submission,
      attachments: await store.attachments.ofSubmission(tenant.id, submission.id),
      locale,
      demoSeal: certificate.demo,
      providerLabel: this.#deps.providerLabel,
    });
    const pdf = await sealer.seal(content, certificate);
    const audit: AuditEvent = {
      tenantId: tenant.id,
      actorType: issuer.type,
      actorId: issuer.type === 'staff' ? issuer.accountId : null,
      action: 'receipt.issued',
      subjectType: 'submission',
      subjectId: submission.id,
      details: { locale, demoSeal: certificate.demo },
    };
    return store.receipts.add(
      { tenantId: tenant.id, submissionId: submission.id, pdf, locale, createdAt: clock.now().toISOString() },
      audit,
    );
  }

  /** The tenant's certificate; in demo mode generated and stored on first use. */
  async #certificate(tenant: Tenant): Promise<SealCertificate | undefined> {
    const { store, sealer, clock, demoSeals } = this.#deps;
    const installed = await store.sealCertificates.get(tenant.id);
    if (installed || !demoSeals) return installed;
    const generated = await sealer.demoCertificate(`Demo-Siegel ${tenant.name.de}`);
    return store.sealCertificates.addIfAbsent(
      { tenantId: tenant.id, ...generated, demo: true, createdAt: clock.now().toISOString() },
      {
        tenantId: tenant.id,
        actorType: 'system',
        actorId: null,
        action: 'seal_certificate.generated',
        subjectType: 'tenant',
        subjectId: tenant.id,
      },
    );
  }
}

/**
 * Installs a tenant's seal certificate (the operator's `amtsweg seal-import`), replacing the
 * stored one, a demo one included. Receipts issued before keep their seal (their bytes are
 * stored); new ones are sealed with this. Refused (`ReceiptError`) when the PKCS#12 cannot be
 * opened with the passphrase or holds no key with its certificate, so a typo never reaches a
 * citizen's download.
 */
export async function installSealCertificate(
  deps: Pick<ReceiptsDeps, 'store' | 'clock' | 'sealer'>,
  tenantSlug: string,
  pkcs12: Uint8Array,
  passphrase: string,
): Promise<SealCertificateInfo> {
  const tenant = await deps.store.tenants.bySlug(tenantSlug);
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${tenantSlug}"`);
  const info = deps.sealer.describe(pkcs12, passphrase);
  await deps.store.sealCertificates.put(
    { tenantId: tenant.id, pkcs12, passphrase, demo: false, createdAt: deps.clock.now().toISOString() },
    {
      tenantId: tenant.id,
      actorType: 'operator',
      actorId: null,
      action: 'seal_certificate.installed',
      subjectType: 'tenant',
      subjectId: tenant.id,
      // What identifies the certificate, never the key or its passphrase.
      details: { subject: info.subject, issuer: info.issuer, fingerprint: info.fingerprint },
    },
  );
  return info;
}
