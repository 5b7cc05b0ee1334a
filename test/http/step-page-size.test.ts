/**
 * Every step of every demo service (definitions/), as a citizen first sees it (no errors yet), is
 * at most 12 KiB of HTML, in German, Leichte Sprache and English: the definition the browser
 * enhancement reads is a cached resource of its own, not part of each page (ADR 0022).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tokens } from '../../src/adapters/security/tokens.ts';
import type { Answers } from '../../src/definition/types.ts';
import { SESSION_COOKIE, sessionIdOf } from '../../src/web/browser-session.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { demoDefinitionFiles } from '../support/demo-definitions.ts';
import { HttpClient } from '../support/http-client.ts';

const PAGE_BUDGET_BYTES = 12_288;

/**
 * Answers under which every step of a demo service applies, so that each step can be shown. A
 * demo service with a new conditional step fails below until it has its entry here.
 */
const ALL_STEPS_APPLY: Record<string, Answers> = {
  'hund-anmelden': { ermaessigung: true },
  'sperrmuell-anmelden': { gegenstaende: ['elektro-gross'] },
  'veranstaltung-anzeigen': { besucher: 1500 },
};

describe('step pages of the demo services', () => {
  let t: TestApp;
  before(async () => {
    // The size of a page does not depend on the database.
    t = await startTestApp(DIALECTS.find((d) => d.name === 'sqlite')!);
  });
  after(() => t.close());

  for (const reading of ['de', 'leicht', 'en'] as const) {
    test(`every step as first shown is at most ${PAGE_BUDGET_BYTES} bytes (${reading})`, async () => {
      const sizes: string[] = [];
      const files = await demoDefinitionFiles();
      assert.ok(files.length >= 4, 'the demo services');
      for (const { file } of files) {
        const [tenant, name] = file.split('/') as [string, string];
        const service = await t.app.applications.service(tenant, name.replace(/\.json$/, ''));
        // A service behind a login (ADR 0036) is measured by the login tests' own client; its step
        // pages are rendered by the same views as these.
        if (service.version.definition.local?.identity !== undefined) continue;
        const answers = ALL_STEPS_APPLY[service.version.slug] ?? {};
        assert.equal(
          service.model.applicableSteps(answers).length,
          service.model.steps.length,
          `${file}: add answers under which every step applies to ALL_STEPS_APPLY`,
        );
        const client = new HttpClient(t.app.server);
        await client.get(`/sprache/${reading}`);
        const base = `/${tenant}/${service.version.slug}`;
        const started = await client.submit(await client.get(base), /^(Jetzt starten|Start now)$/);
        assert.equal(started.status, 303);
        const token = sessionIdOf(client.cookies.get(SESSION_COOKIE)!);
        const draft = await t.app.applications.findDraft(service, tokens.hash(token));
        assert.ok(draft);
        await t.app.store.drafts.saveAnswers(
          draft.tenant.id,
          draft.draft.id,
          answers,
          new Date().toISOString(),
        );

        for (const step of service.model.steps) {
          const page = await client.get(`${base}/schritt/${step.id}`);
          assert.equal(page.status, 200, `${base}/schritt/${step.id}`);
          const form = page.document.querySelector('form[data-aw-step]');
          assert.equal(form?.getAttribute('data-aw-step'), step.id, 'the step itself, not a redirect');
          assert.equal(page.document.querySelector('[role="alert"]'), null, 'no errors yet');
          const bytes = Buffer.byteLength(page.body);
          sizes.push(`${base}/schritt/${step.id}: ${bytes}`);
          assert.ok(bytes <= PAGE_BUDGET_BYTES, `${base}/schritt/${step.id} has ${bytes} bytes`);
        }
      }
      assert.ok(sizes.length >= 17, sizes.join('\n'));
    });
  }
});
