import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/app.ts';

const adrDir = join(repoRoot, 'docs', 'adr');
const files = readdirSync(adrDir).filter((f) => f.endsWith('.md'));
const index = readFileSync(join(repoRoot, 'docs', 'README.md'), 'utf8');
const STATUS = /^(Proposed|Accepted|Deprecated|Superseded by \[ADR \d{4}\]\(\d{4}-[a-z0-9-]+\.md\))\b/;

/** ADR 0001 sets the format; this keeps every record in it, so readers find the same parts. */
describe('architecture decision records', () => {
  test('are numbered without gaps and named NNNN-title.md', () => {
    const numbers = files.map((f) => {
      assert.match(f, /^\d{4}-[a-z0-9-]+\.md$/, f);
      return Number(f.slice(0, 4));
    });
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
    );
  });

  for (const file of files) {
    test(`${file}: title, status and the three sections in order; listed in docs/README.md`, () => {
      const lines = readFileSync(join(adrDir, file), 'utf8').split('\n');
      assert.equal(lines[0]?.startsWith(`# ${Number(file.slice(0, 4))}. `), true, `title line: ${lines[0]}`);
      assert.equal(lines[2], '## Status', 'a "## Status" section follows the title');
      assert.match(lines[4] ?? '', STATUS, 'the status says Proposed, Accepted, Deprecated or Superseded by');
      const sections = lines.filter((l) => l.startsWith('## '));
      assert.deepEqual(sections, ['## Status', '## Context', '## Decision', '## Consequences']);
      assert.ok(index.includes(`(adr/${file})`), 'docs/README.md links to it');
    });
  }
});
