import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { App } from '../../src/app.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';

/**
 * Exactly-once: a double click, a retry, or the same form reaching two app instances at once never
 * creates a second submission, and every answer names the same reference number.
 */
for (const dialect of DIALECTS) {
  describe(`idempotent submit across two app instances (${dialect.name})`, () => {
    let t: TestApp;
    let second: App;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      second = await t.secondInstance();
      base = await publishFixture(t);
    });
    after(() => t.close());

    test('concurrent submits of one draft on two instances create one submission', async () => {
      for (let round = 0; round < 5; round++) {
        const client = new HttpClient(t.app.server);
        const check = await fillFixture(client, base, `Twice${round}`);
        const csrf = (
          check.document.querySelector('form[action$="/absenden"] input[name=_csrf]') as HTMLInputElement
        ).value;
        const onSecond = new HttpClient(second.server);
        for (const [k, v] of client.cookies) onSecond.cookies.set(k, v);
        const form = { _csrf: csrf, erklaerung: 'ja' };
        const results = await Promise.all([
          client.post(`${base}/absenden`, form),
          onSecond.post(`${base}/absenden`, form),
          client.post(`${base}/absenden`, form),
          onSecond.post(`${base}/absenden`, form),
        ]);
        for (const r of results) {
          assert.equal(r.status, 303, r.body.slice(0, 300));
          assert.equal(r.location, `${base}/eingegangen`);
        }
        const [a, b] = await Promise.all([
          client.get(`${base}/eingegangen`),
          onSecond.get(`${base}/eingegangen`),
        ]);
        const refA = a.document.getElementById('vorgangsnummer')?.textContent;
        const refB = b.document.getElementById('vorgangsnummer')?.textContent;
        assert.ok(refA);
        assert.equal(refA, refB);
      }
      const rows = await sql<{ n: number | string }>`select count(*) as n from submissions`.execute(
        t.database.db,
      );
      assert.equal(Number(rows.rows[0]?.n), 5);
      const audit = await sql<{
        n: number | string;
      }>`select count(*) as n from audit_events where action = 'submission.received'`.execute(t.database.db);
      assert.equal(Number(audit.rows[0]?.n), 5, 'one audit event per submission');
    });
  });
}
