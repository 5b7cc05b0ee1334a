/** The table of messages in docs/ is the catalogues' own: regenerate it with `npm run docs:messages`. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { messageRows, messagesTable } from '../../src/web/message-table.ts';

describe('docs/reference/messages.md', () => {
  it('is up to date with the catalogues (npm run docs:messages)', () => {
    const committed = readFileSync(new URL('../../docs/reference/messages.md', import.meta.url), 'utf8');
    assert.equal(committed, messagesTable());
  });

  it('lists every message in both languages, saying when it is shown, none quoting a question', () => {
    const rows = messageRows();
    assert.ok(rows.length > 60, `${rows.length} rows`);
    for (const row of rows) {
      assert.ok(row.text.de && row.text.en && row.when, row.where);
      assert.doesNotMatch(row.text.de, /„[^“]*\?“/, row.where);
    }
  });
});
