/**
 * `amtsweg package export|import` (ADR 0051) as an operator runs it: Musterstadt's demo service
 * exported to a file and imported into Beispielhausen as a draft; a changed or malformed file is
 * refused with exit code 2 and the reason, storing nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-cli-package-'));
const env = { AMTSWEG_MASTER_KEY: randomBytes(32).toString('base64') };

function run(args: string[]) {
  const result = spawnSync('setsid', ['--wait', process.execPath, ...amtswegArgs(...args)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AMTSWEG_DATA_DIR: dataDir, ...AMTSWEG_COMMAND_ENV, ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('amtsweg package', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const file = join(dataDir, 'hund.amtsweg.json');

  test('exports a published version and imports it into another municipality as a draft', () => {
    assert.equal(run(['demo']).code, 0);
    const exported = run([
      'package',
      'export',
      'musterstadt',
      'hund-anmelden',
      '--version',
      '1',
      '--out',
      file,
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(
      exported.stdout,
      /exported musterstadt\/hund-anmelden version 1 to .* \(sha256:[0-9a-f]{64}\)/,
    );
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(pkg.format, 'amtsweg-service-package');
    // An existing file is not overwritten.
    assert.equal(run(['package', 'export', 'musterstadt', 'hund-anmelden', '--out', file]).code, 1);

    const imported = run(['package', 'import', 'beispielhausen', file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /imported .* as a draft of beispielhausen\/hund-anmelden/);
  });

  test('a changed or malformed package is refused with exit code 2 and the reason', () => {
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    pkg.definition.title.de = 'Katze anmelden';
    const changed = join(dataDir, 'changed.amtsweg.json');
    writeFileSync(changed, JSON.stringify(pkg));
    const refused = run(['package', 'import', 'beispielhausen', changed]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /was refused: the content hash does not match/);

    const malformed = join(dataDir, 'malformed.amtsweg.json');
    writeFileSync(malformed, '{"format": ');
    const broken = run(['package', 'import', 'beispielhausen', malformed]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /was refused: the file is not JSON/);

    const usage = run(['package', 'export', 'musterstadt', 'hund-anmelden']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /needs --out FILE/);
  });
});
