/**
 * The package an application is offered to the archive as, before it is deleted (Anbietungspflicht,
 * ADR 0039). Its format is documented in `docs/reference/archive-package.md`: `manifest.json`
 * (what the case was, and every file with its SHA-256), `data.json` (the answers as canonical
 * JSON), `receipt.pdf` (the sealed Eingangsbestätigung, when the municipality issues receipts) and
 * `attachments/` (the uploaded files). xdomea is a later step; this package is what it will be
 * built from.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';
import type { AttachmentMeta, Submission, Tenant } from '../domain.ts';
import type { ArchivePackage } from '../ports.ts';

export const ARCHIVE_FORMAT = 'amtsweg-archive-package';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface ArchiveInput {
  tenant: Tenant;
  submission: Submission;
  receipt: Uint8Array | undefined;
  attachments: ReadonlyArray<{ meta: AttachmentMeta; content: Uint8Array }>;
  createdAt: string;
}

/** A file name that is safe on every file system: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '');
  return (cleaned || 'datei').slice(0, 100);
}

export function buildArchivePackage(input: ArchiveInput): ArchivePackage {
  const { tenant, submission } = input;
  const files: Array<{ path: string; bytes: Uint8Array; role: string; extra?: Record<string, unknown> }> = [
    { path: 'data.json', bytes: Buffer.from(canonicalJson(submission.answers), 'utf8'), role: 'data' },
  ];
  if (input.receipt) files.push({ path: 'receipt.pdf', bytes: input.receipt, role: 'receipt' });
  input.attachments.forEach(({ meta, content }, index) => {
    files.push({
      path: `attachments/${String(index + 1).padStart(3, '0')}-${safeFileName(meta.name)}`,
      bytes: content,
      role: 'attachment',
      extra: { fieldKey: meta.fieldKey, name: meta.name, mediaType: meta.mediaType },
    });
  });
  const manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    createdAt: input.createdAt,
    municipality: { slug: tenant.slug, name: tenant.name.de, ags: tenant.ags ?? null },
    service: {
      slug: submission.serviceSlug,
      title: submission.serviceTitle,
      version: submission.serviceVersion,
    },
    application: {
      reference: submission.reference,
      status: submission.status,
      submittedAt: submission.submittedAt,
      closedAt: submission.updatedAt,
      feeCents: submission.feeCents,
    },
    files: files.map((f) => ({
      path: f.path,
      role: f.role,
      size: f.bytes.byteLength,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      ...f.extra,
    })),
  };
  return {
    tenantSlug: tenant.slug,
    name: safeFileName(submission.reference),
    files: [
      { path: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
      ...files.map((f) => ({ path: f.path, bytes: f.bytes })),
    ],
  };
}
