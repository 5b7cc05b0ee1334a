import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson } from '../canonical-json.ts';
import type { Submission, Tenant } from '../domain.ts';
import { buildArchivePackage, safeFileName } from './archive-package.ts';

const tenant: Tenant = { id: 't', slug: 'musterstadt', name: { de: 'Stadt Musterstadt' }, ags: '09999001' };
const submission: Submission = {
  id: 's',
  tenantId: 't',
  reference: 'K7QM-2XRD-9PWT',
  serviceId: 'svc',
  serviceSlug: 'hund-anmelden',
  serviceTitle: { de: 'Hund anmelden' },
  serviceVersion: 3,
  status: 'completed',
  submittedAt: '2026-02-03T10:15:00.000Z',
  updatedAt: '2026-05-20T08:00:00.000Z',
  serviceVersionId: 'v',
  answers: { name: 'Erika', hund: { rasse: 'Dackel' } },
  feeCents: 4500,
  identity: null,
  schriftformersatz: false,
  submittedIdentity: null,
};

describe('the archive package', () => {
  it('lists every file with its role, size and SHA-256, and the data as canonical JSON', () => {
    const content = Buffer.from('%PDF-1.4 Nachweis');
    const pkg = buildArchivePackage({
      tenant,
      submission,
      receipt: Buffer.from('%PDF-1.7 receipt'),
      attachments: [
        {
          meta: {
            id: 'f',
            fieldKey: 'nachweis',
            name: 'Nachweis über Größe.pdf',
            mediaType: 'application/pdf',
            size: content.length,
            sha256: '',
            scan: { status: 'not-scanned' },
          },
          content,
        },
      ],
      createdAt: '2026-09-01T02:00:00.000Z',
    });
    assert.equal(pkg.name, 'K7QM-2XRD-9PWT');
    assert.deepEqual(
      pkg.files.map((f) => f.path),
      ['manifest.json', 'data.json', 'receipt.pdf', 'attachments/001-Nachweis_uber_Grosse.pdf'],
    );
    const manifest = JSON.parse(Buffer.from(pkg.files[0]!.bytes).toString('utf8'));
    assert.equal(manifest.formatVersion, 1);
    assert.deepEqual(manifest.application, {
      reference: 'K7QM-2XRD-9PWT',
      status: 'completed',
      submittedAt: '2026-02-03T10:15:00.000Z',
      closedAt: '2026-05-20T08:00:00.000Z',
      feeCents: 4500,
    });
    for (const [i, entry] of (
      manifest.files as Array<{ path: string; sha256: string; size: number }>
    ).entries()) {
      const file = pkg.files[i + 1]!;
      assert.equal(entry.path, file.path);
      assert.equal(entry.size, file.bytes.byteLength);
      assert.equal(entry.sha256, createHash('sha256').update(file.bytes).digest('hex'));
    }
    assert.equal(Buffer.from(pkg.files[1]!.bytes).toString('utf8'), canonicalJson(submission.answers));
    assert.equal(
      manifest.files[2].name,
      'Nachweis über Größe.pdf',
      'the original name is kept in the manifest',
    );
  });

  it('has no receipt file when the municipality issues none', () => {
    const pkg = buildArchivePackage({
      tenant,
      submission,
      receipt: undefined,
      attachments: [],
      createdAt: 'x',
    });
    assert.deepEqual(
      pkg.files.map((f) => f.path),
      ['manifest.json', 'data.json'],
    );
  });

  it('makes file names safe: no paths, no leading dots, never empty', () => {
    assert.equal(safeFileName('../../etc/passwd'), 'etc_passwd');
    assert.equal(safeFileName('.htaccess'), 'htaccess');
    assert.equal(safeFileName('///'), 'datei');
    assert.equal(safeFileName('a'.repeat(300)).length, 100);
  });
});
