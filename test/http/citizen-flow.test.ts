/**
 * Where the citizen is led, without JavaScript, on the demo services: a notice revealed by an
 * answer is read before moving on, a change from the check page that makes a step apply goes
 * through that step, a wrong step address is a 404, and the confirmation's address before
 * submitting leads to what still needs answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { queryByRole } from '@testing-library/dom';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { draftWith, HUND_ANSWERS } from '../support/demo-drafts.ts';
import { HttpClient, links } from '../support/http-client.ts';

for (const dialect of DIALECTS) {
  describe(`where the citizen is led (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('without JavaScript, a notice revealed by an answer is shown before moving on', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/beispielhausen/veranstaltung-anzeigen';
      await draftWith(t, client, base, {});
      const step = await client.get(`${base}/schritt/massnahmen`);
      assert.equal(step.status, 200);
      assert.doesNotMatch(step.body, /eigene Erlaubnis/, 'no notice before the answer');

      const shown = await client.submit(step, 'Weiter', { massnahmen: 'alkohol' });
      assert.equal(shown.status, 200, 'the same step again, not the next page');
      assert.match(shown.body, /brauchen Sie eine eigene Erlaubnis/);
      assert.ok(queryByRole(shown.document.body, 'status'), 'a polite message says why');
      assert.match(shown.document.body.textContent ?? '', /neuen Hinweis/);
      assert.equal(queryByRole(shown.document.body, 'alert'), null, 'no error');
      const ticked = shown.document.querySelector<HTMLInputElement>(
        'input[name="massnahmen"][value="alkohol"]',
      );
      assert.ok(ticked?.checked, 'the answer is kept');

      // "Weiter" again: the citizen has read it and goes on.
      const on = await client.submit(shown, 'Weiter');
      assert.equal(on.status, 303);
      assert.notEqual(on.location, `${base}/schritt/massnahmen`);
    });

    test('a change on the check page that makes a step apply leads through it, then back', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/musterstadt/hund-anmelden';
      await draftWith(t, client, base, HUND_ANSWERS);
      const check = await client.get(`${base}/pruefen`);
      assert.equal(check.status, 200);
      assert.equal(queryByRole(check.document.body, 'alert'), null, 'complete before the change');

      const change = links(check, /Ändern.*Ermäßigung/)[0];
      assert.ok(change, 'a change link for the Ermäßigung');
      const hund = await client.get(change.getAttribute('href')!.split('#')[0]!);
      const changed = await client.submit(hund, 'Weiter', { ermaessigung: 'yes' });
      assert.equal(changed.status, 303);
      assert.equal(changed.location, `${base}/schritt/ermaessigung?aendern=1`, 'the new step first');

      const reason = await client.get(changed.location!);
      assert.equal(reason.status, 200);
      const back = await client.submit(reason, 'Weiter', { ermaessigungsgrund: 'rettungshund' });
      assert.equal(back.location, `${base}/pruefen`, 'then back to the check page');
      const after = await client.get(`${base}/pruefen`);
      assert.equal(queryByRole(after.document.body, 'alert'), null, 'no error about an unseen question');
      assert.match(after.body, /Rettungshund/);
    });

    test('a step the service does not have answers 404; one that no longer applies redirects', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/musterstadt/hund-anmelden';
      await draftWith(t, client, base, HUND_ANSWERS);
      const unknown = await client.get(`${base}/schritt/gibt-es-nicht`);
      assert.equal(unknown.status, 404);
      assert.ok(queryByRole(unknown.document.body, 'heading', { name: 'Seite nicht gefunden' }));
      const notApplicable = await client.get(`${base}/schritt/ermaessigung`);
      assert.equal(notApplicable.status, 303, 'Ermäßigung "Nein": the step exists but does not apply');
    });

    test('the confirmation before submitting leads to the first step that still needs answers', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/musterstadt/hund-anmelden';
      const { hundName: _name, rasse: _breed, ...withoutDog } = HUND_ANSWERS;
      await draftWith(t, client, base, withoutDog);
      const early = await client.get(`${base}/eingegangen`);
      assert.equal(early.status, 303);
      assert.equal(early.location, `${base}/schritt/hund`);

      const complete = new HttpClient(t.app.server);
      await draftWith(t, complete, base, HUND_ANSWERS);
      const ready = await complete.get(`${base}/eingegangen`);
      assert.equal(ready.location, `${base}/pruefen`, 'complete: the check page, to declare and send');
    });
  });
}
