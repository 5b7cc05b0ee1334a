/**
 * Every event of a submission's history reads as a sentence in both languages: the caseworker
 * never sees an event's code (`attachment.downloaded`). The events are the audit records the use
 * cases write about a submission.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { catalogue, isMessageKey } from '../i18n.ts';

const core = new URL('../../core/', import.meta.url);

function submissionActions(): string[] {
  const actions = new Set<string>();
  for (const name of readdirSync(core)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const source = readFileSync(new URL(name, core), 'utf8');
    for (const m of source.matchAll(/action: '([\w.]+)',\s*subjectType: 'submission'/g)) actions.add(m[1]!);
  }
  return [...actions].sort();
}

describe("texts of a submission's history", () => {
  it('finds the events the use cases record', () => {
    const actions = submissionActions();
    for (const expected of ['attachment.downloaded', 'submission.received', 'submission.viewed']) {
      assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
    }
  });

  it('has a German and an English text for every event', () => {
    const missing = submissionActions().filter((action) => !isMessageKey(`audit.${action}`));
    assert.deepEqual(missing, []);
    for (const action of submissionActions()) {
      const key = `audit.${action}`;
      if (!isMessageKey(key)) continue;
      assert.ok(catalogue('de')[key] && catalogue('en')[key], key);
    }
  });
});
