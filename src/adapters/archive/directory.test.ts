import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { directoryArchive } from './directory.ts';

const root = mkdtempSync(join(tmpdir(), 'amtsweg-archive-dir-'));
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('the archive directory', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes a package in place, replacing an earlier offer and what a dead run left', async () => {
    const archive = directoryArchive(root);
    mkdirSync(join(root, 'musterstadt', '.partial-AAAA-BBBB-CCCC-left-over'), { recursive: true });
    await archive.offer({
      tenantSlug: 'musterstadt',
      name: 'AAAA-BBBB-CCCC',
      files: [{ path: 'data.json', bytes: bytes('1') }],
    });
    await archive.offer({
      tenantSlug: 'musterstadt',
      name: 'AAAA-BBBB-CCCC',
      files: [
        { path: 'data.json', bytes: bytes('2') },
        { path: 'attachments/001-a.pdf', bytes: bytes('pdf') },
      ],
    });
    assert.deepEqual(readdirSync(join(root, 'musterstadt')), ['AAAA-BBBB-CCCC']);
    assert.equal(readFileSync(join(root, 'musterstadt', 'AAAA-BBBB-CCCC', 'data.json'), 'utf8'), '2');
    assert.equal(
      readFileSync(join(root, 'musterstadt', 'AAAA-BBBB-CCCC', 'attachments', '001-a.pdf'), 'utf8'),
      'pdf',
    );
  });

  it('refuses names and paths that could leave its directory, writing nothing', async () => {
    const archive = directoryArchive(root);
    await assert.rejects(archive.offer({ tenantSlug: '..', name: 'x', files: [] }), /unsafe/);
    await assert.rejects(
      archive.offer({
        tenantSlug: 'beispielhausen',
        name: 'X',
        files: [{ path: '../../escape', bytes: bytes('no') }],
      }),
      /unsafe archive path/,
    );
    assert.equal(existsSync(join(root, 'escape')), false);
    assert.deepEqual(readdirSync(join(root, 'beispielhausen')), [], 'the partial package is removed');
  });
});
