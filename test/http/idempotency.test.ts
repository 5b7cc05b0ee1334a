import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';
import type { InstanceProcess } from '../support/instance-process.ts';

/**
 * Exactly-once: a double click, a retry, or the same form reaching two app instances at once never
 * creates a second submission, and every answer names the same reference number. The second
 * instance is a separate process on the same database, as in production.
 */
for (const dialect of DIALECTS) {
  describe(`idempotent submit across two app instances (${dialect.name})`, () => {
    let t: TestApp;
    let second: InstanceProcess;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      second = await t.secondInstance();
      base = await publishFixture(t);
    });
    after(() => t.close());

    /** POSTs the form to the second instance over real HTTP with the citizen's cookies. */
    const postToSecond = async (client: HttpClient, form: Record<string, string>) => {
      const response = await fetch(`${second.baseUrl}${base}/absenden`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body: new URLSearchParams(form).toString(),
      });
      return { status: response.status, location: response.headers.get('location') ?? undefined };
    };

    test('concurrent submits of one draft on two instances create one submission', async () => {
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        const client = new HttpClient(t.app.server);
        const check = await fillFixture(client, base, `Twice${round}`);
        const csrf = (
          check.document.querySelector('form[action$="/absenden"] input[name=_csrf]') as HTMLInputElement
        ).value;
        const form = { _csrf: csrf, erklaerung: 'ja' };
        const results = await Promise.all([
          client.post(`${base}/absenden`, form),
          postToSecond(client, form),
          client.post(`${base}/absenden`, form),
          postToSecond(client, form),
        ]);
        for (const r of results) {
          assert.equal(r.status, 303);
          assert.equal(r.location, `${base}/eingegangen`);
        }
        const here = await client.get(`${base}/eingegangen`);
        const there = await fetch(`${second.baseUrl}${base}/eingegangen`, {
          headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        const reference = here.document.getElementById('vorgangsnummer')?.textContent;
        assert.ok(reference);
        assert.match(await there.text(), new RegExp(`id="vorgangsnummer">${reference}<`));
      }
      const rows = await sql<{ n: number | string }>`select count(*) as n from submissions`.execute(
        t.database.db,
      );
      assert.equal(Number(rows.rows[0]?.n), rounds);
      const audit = await sql<{
        n: number | string;
      }>`select count(*) as n from audit_events where action = 'submission.received'`.execute(t.database.db);
      assert.equal(Number(audit.rows[0]?.n), rounds, 'one audit event per submission');
    });
  });
}
