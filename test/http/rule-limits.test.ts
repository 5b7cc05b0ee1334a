/**
 * A rule that exceeds the bounds of one evaluation at run time (ADR 0027) fails closed: the step
 * is refused with the generic error page, the log names the rule at error level, and the server
 * goes on serving. Publishing lets this rule through: its shape is harmless, only long answers
 * make it exceed the bound on strings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';

const SERVICE = {
  formatVersion: 2,
  id: 'stellungnahme',
  title: { de: 'Stellungnahme abgeben', en: 'Give a statement' },
  summary: { de: 'Eine Stellungnahme.', en: 'A statement.' },
  declaration: { de: 'Meine Angaben sind richtig.', en: 'My answers are correct.' },
  computed: [{ key: 'doppelt', rule: { cat: [{ var: 'text' }, { var: 'text' }] } }],
  steps: [
    {
      id: 'text',
      title: { de: 'Text', en: 'Text' },
      fields: [
        {
          type: 'textarea',
          key: 'text',
          label: { de: 'Ihre Stellungnahme', en: 'Your statement' },
          required: true,
        },
      ],
    },
    {
      id: 'mehr',
      title: { de: 'Mehr', en: 'More' },
      fields: [
        {
          type: 'text',
          key: 'zusatz',
          label: { de: 'Zusatz', en: 'Addition' },
          showIf: { '!=': [{ var: 'doppelt' }, ''] },
        },
      ],
    },
  ],
  local: { office: { name: { de: 'Bauamt', en: 'Building office' } } },
};

const dialect = DIALECTS[0];
if (dialect) {
  describe('a rule beyond its bounds at run time', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const published = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant?.id ?? '',
        SERVICE,
      );
      assert.ok(published.ok, JSON.stringify(published));
    });
    after(() => t.close());

    test('fails closed with the generic error page and a logged error naming the rule; the server goes on', async () => {
      const client = new HttpClient(t.app.server);
      const started = await client.submit(await client.get('/musterstadt/stellungnahme'), 'Jetzt starten');
      const step = await client.get(started.location ?? '');
      // 60,000 characters: doubled, 120,000, beyond the bound of 100,000 for one string.
      const posted = await client.submit(step, 'Weiter', { text: 'a'.repeat(60_000) });
      const page = posted.location ? await client.get(posted.location) : posted;
      assert.equal(page.status, 500);
      assert.match(page.body, /Es ist ein Fehler aufgetreten/);
      const logged = t
        .logs()
        .split('\n')
        .filter((line) => line.includes('"event":"rule.limit_exceeded"'));
      assert.equal(logged.length >= 1, true, 'the refusal is logged');
      assert.match(logged[0] ?? '', /"level":50/);
      assert.match(logged[0] ?? '', /"rule":"\/computed\/0\/rule"/);
      assert.match(logged[0] ?? '', /"limit":"string"/);
      // Another citizen's short statement goes through, and other pages are served as usual.
      const other = new HttpClient(t.app.server);
      const otherStart = await other.submit(await other.get('/musterstadt/stellungnahme'), 'Jetzt starten');
      const again = await other.submit(await other.get(otherStart.location ?? ''), 'Weiter', {
        text: 'kurz',
      });
      assert.equal(again.status, 303);
      assert.equal((await other.get(again.location ?? '')).status, 200);
      assert.equal((await other.get('/musterstadt')).status, 200);
    });
  });
}
