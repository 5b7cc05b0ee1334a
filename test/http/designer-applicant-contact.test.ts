/**
 * The applicant's contact e-mail in the visual editor (ADR 0041): an e-mail field's settings have a
 * checkbox for it; ticking a second field is listed as a problem with a link to the place.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Field } from '../../src/definition/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { login } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const DRAFTS = '/staff/design/entwuerfe';

for (const dialect of DIALECTS) {
  describe(`the applicant's contact e-mail in the editor (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    const stored = async (id: string) => {
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      return (await t.app.store.editorDrafts.byId(tenantId, id))!.definition;
    };
    const emailFields = (definition: { steps: Array<{ fields: Field[] }> }) =>
      definition.steps
        .flatMap((s) => s.fields)
        .filter((f): f is Extract<Field, { type: 'email' }> => f.type === 'email');
    const save = async (client: HttpClient, page: PageResult, values: Record<string, string>) => {
      const result = await client.submit(page, 'Speichern', values);
      assert.equal(result.status, 303, result.body.slice(0, 1000));
      return client.visit(result.location!);
    };

    test('the checkbox marks and unmarks the field; a second marked field is a listed problem', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const list = await client.get(DRAFTS);
      const started = await client.submit(list, 'Entwurf aus der Leistung anlegen', {
        leistung: 'hund-anmelden',
      });
      assert.equal(started.status, 303);
      const id = started.location!.split('?')[0]!.split('/')[4]!;
      const [contact] = emailFields(await stored(id));
      assert.equal(contact?.applicantContact, true, 'the demo service marks its e-mail field');

      const fieldUrl = `${DRAFTS}/${id}/felder/${contact.uid}`;
      let page = await client.get(fieldUrl);
      const box = page.document.querySelector<HTMLInputElement>('input[name="s.applicantContact"]');
      assert.ok(box?.checked, 'shown ticked');
      assert.match(
        page.document.querySelector(`label[for="${box.id}"]`)?.textContent ?? '',
        /Kontaktadresse der antragstellenden Person/,
      );
      // Unticked: a browser sends nothing for the box.
      box.checked = false;
      page = await save(client, page, {});
      const untickedForm = page.document.querySelector<HTMLInputElement>('input[name="s.applicantContact"]');
      assert.ok(untickedForm);
      assert.equal(untickedForm.checked, false);
      assert.equal(emailFields(await stored(id))[0]?.applicantContact, undefined);
      untickedForm.checked = true;
      page = await save(client, page, {});
      assert.equal(emailFields(await stored(id))[0]?.applicantContact, true);

      // A second e-mail field ticked too: the check lists it, with a link to that field.
      const step = (await stored(id)).steps.find((s) => s.fields.some((f) => f.uid === contact.uid))!;
      const stepPage = await client.get(`${DRAFTS}/${id}/schritte/${step.uid}`);
      const added = await client.submit(stepPage, 'Feld hinzufügen', {
        typ: 'email',
        bezeichnung: 'Zweite E-Mail',
      });
      assert.equal(added.status, 303, added.body.slice(0, 1000));
      let second = await client.visit(added.location!);
      second = await save(client, second, {
        's.applicantContact': 'ja',
      });
      const secondUid = added.location!.split('?')[0]!.split('/').at(-1)!;
      const overview = await client.get(`${DRAFTS}/${id}`);
      const problems = Array.from(overview.document.querySelectorAll('#probleme-liste a'));
      assert.ok(
        problems.some(
          (a) => a.getAttribute('href') === `${DRAFTS}/${id}/felder/${secondUid}#in-applicantContact`,
        ),
        problems.map((a) => `${a.getAttribute('href')} ${a.textContent}`).join('\n'),
      );
    });
  });
}
