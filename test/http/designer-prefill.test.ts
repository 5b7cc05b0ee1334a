/**
 * Prefill in the visual editor (ADR 0049): a field's settings choose the identity attribute that
 * fills it, from the attributes its type can take, and whether the citizen may change it. An
 * attribute the field cannot take, and any attribute for a repeating group's item, is refused
 * with a form error (400) and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import type { Field } from '../../src/definition/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { login } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const DRAFTS = '/staff/design/entwuerfe';

for (const dialect of DIALECTS) {
  describe(`prefill in the editor (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    const stored = async (id: string) => {
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      return (await t.app.store.editorDrafts.byId(tenantId, id))!;
    };
    const fieldByKey = async (id: string, key: string) => {
      const all = (await stored(id)).definition.steps.flatMap((s) =>
        s.fields.flatMap((f) => (f.type === 'group' ? [f, ...f.fields] : [f])),
      );
      return all.find((f) => f.key === key)!;
    };
    const prefillOf = (field: Field) => (field as { prefill?: unknown }).prefill;
    const choices = (page: PageResult) =>
      Array.from(
        page.document.querySelectorAll<HTMLOptionElement>('select[name="s.prefill.from"] option'),
      ).map((o) => o.value);
    const save = async (client: HttpClient, page: PageResult, values: Record<string, string>) => {
      const result = await client.submit(page, 'Speichern', values);
      assert.equal(result.status, 303, result.body.slice(0, 1000));
      return client.visit(result.location!);
    };
    /** A refused save: 400, the error linked from the summary, the draft not changed. */
    const refused = async (
      client: HttpClient,
      id: string,
      page: PageResult,
      values: Record<string, string>,
    ) => {
      const before = await stored(id);
      const result = await client.submit(page, 'Speichern', values);
      assert.equal(result.status, 400, result.body.slice(0, 1000));
      const summary = getByRole(result.document.body, 'alert', { name: 'Es gibt ein Problem' });
      const link = summary.querySelector('a[href="#in-prefill"]');
      assert.ok(link, summary.innerHTML);
      const after = await stored(id);
      assert.equal(after.version, before.version, 'nothing saved');
      assert.deepEqual(after.definition, before.definition);
      return { result, message: link.textContent ?? '' };
    };

    test('a designer chooses the attribute and whether it stays editable; wrong ones are refused', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const started = await client.submit(await client.get(DRAFTS), 'Entwurf aus der Leistung anlegen', {
        leistung: 'hund-anmelden',
      });
      assert.equal(started.status, 303);
      const id = started.location!.split('?')[0]!.split('/')[4]!;
      const fieldPage = async (key: string) =>
        client.get(`${DRAFTS}/${id}/felder/${(await fieldByKey(id, key)).uid}`);

      // A text field offers the attributes a text can hold; chosen, it stays editable.
      let page = await fieldPage('vorname');
      const select = getByRole(page.document.body, 'combobox', { name: 'Vorbefüllen mit' });
      assert.equal((select as HTMLSelectElement).value, '', 'not prefilled yet');
      assert.deepEqual(choices(page), [
        '',
        'givenName',
        'familyName',
        'organization',
        'street',
        'postcode',
        'city',
        'email',
      ]);
      page = await save(client, page, { 's.prefill.from': 'givenName' });
      assert.deepEqual(prefillOf(await fieldByKey(id, 'vorname')), { from: 'givenName' });
      assert.equal(page.document.querySelector<HTMLSelectElement>('#in-prefill')?.value, 'givenName');
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-prefill-editable')?.checked, true);

      // A date offers the birth date only; unticked, the citizen cannot change it.
      page = await fieldPage('geburtsdatum');
      assert.deepEqual(choices(page), ['', 'birthDate']);
      page.document.querySelector<HTMLInputElement>('#in-prefill-editable')!.checked = false;
      page = await save(client, page, { 's.prefill.from': 'birthDate' });
      assert.deepEqual(prefillOf(await fieldByKey(id, 'geburtsdatum')), {
        from: 'birthDate',
        editable: false,
      });
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-prefill-editable')?.checked, false);

      // "Nicht vorbefüllen" takes it away again.
      page = await save(client, await fieldPage('vorname'), { 's.prefill.from': '' });
      assert.equal(prefillOf(await fieldByKey(id, 'vorname')), undefined);

      // An attribute the type cannot take (only a hand-made post sends one): a form error.
      const email = await fieldPage('email');
      assert.deepEqual(choices(email), ['', 'email']);
      const wrong = await refused(client, id, email, { 's.prefill.from': 'birthDate' });
      assert.match(wrong.message, /Wählen Sie ein Merkmal aus der Liste/);
      const invalid = wrong.result.document.querySelector('#in-prefill');
      assert.equal(invalid?.getAttribute('aria-invalid'), 'true');
      assert.equal((invalid as HTMLSelectElement).value, '', 'the posted value is no choice of the list');
      await refused(client, id, email, { 's.prefill.from': 'keinMerkmal' });

      // A type that cannot be prefilled has no control, and a post for it is refused.
      const phone = await fieldPage('telefon');
      assert.equal(phone.document.querySelector('select[name="s.prefill.from"]'), null);
      await refused(client, id, phone, { 's.prefill.from': 'email' });

      // A repeating group's item field: no control, and a post for it is refused.
      const step = (await stored(id)).definition.steps.find((s) => s.id === 'halter')!;
      const groupAdded = await client.submit(
        await client.get(`${DRAFTS}/${id}/schritte/${step.uid}`),
        'Feld hinzufügen',
        {
          typ: 'group',
          bezeichnung: 'Weitere Halter',
        },
      );
      assert.equal(groupAdded.status, 303);
      const itemAdded = await client.submit(await client.visit(groupAdded.location!), 'Feld hinzufügen', {
        typ: 'text',
        bezeichnung: 'Vorname',
      });
      assert.equal(itemAdded.status, 303, itemAdded.body.slice(0, 1000));
      const item = await client.visit(itemAdded.location!);
      assert.equal(item.document.querySelector('select[name="s.prefill.from"]'), null);
      const inItem = await refused(client, id, item, { 's.prefill.from': 'givenName' });
      assert.match(inItem.message, /Felder eines Eintrags können nicht/);

      // What the editor saved passes the publishing check: no problem about prefill is listed.
      const overview = await client.get(`${DRAFTS}/${id}`);
      assert.doesNotMatch(overview.document.querySelector('#probleme-liste')?.textContent ?? '', /prefill/);
    });
  });
}
