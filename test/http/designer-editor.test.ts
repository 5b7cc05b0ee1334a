/**
 * The visual editor through the real app on both databases: a service built in forms from nothing,
 * handed over and published; drafts from a published service and from an upload; a save on an old
 * version refused with who changed it; the code view's precise refusals; problems listed with
 * links; input that cannot be read; the designer role and tenant isolation on every route.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { createStaffAccount } from '../../src/core/administration.ts';
import { uidPlaces } from '../../src/definition/uid.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, csrfOf, login, publishConfirmed, upload } from '../support/design-client.ts';
import { publishFixture } from '../support/fixture.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';
import { staffLogin } from '../support/staff-login.ts';

const DRAFTS = '/staff/design/entwuerfe';

async function draftCount(t: TestApp, tenant: string): Promise<number> {
  const id = (await t.app.store.tenants.bySlug(tenant))!.id;
  return (await t.app.store.editorDrafts.list(id)).length;
}

async function storedDraft(t: TestApp, tenant: string, id: string) {
  const tenantId = (await t.app.store.tenants.bySlug(tenant))!.id;
  return t.app.store.editorDrafts.byId(tenantId, id);
}

/** A page with the address it was reached at. */
type Visited = PageResult & { url: string };

/** Follows a 303 of the page's form to where it leads. */
async function follow(client: HttpClient, result: PageResult): Promise<Visited> {
  assert.equal(result.status, 303, result.body.slice(0, 2000));
  return Object.assign(await client.visit(result.location!), { url: result.location! });
}

/** The path segment at `index` of the page's address (without the query). */
const segment = (page: Visited, index: number) => page.url.split('?')[0]!.split('/')[index]!;
const draftIdOf = (page: Visited) => segment(page, 4);

async function newDraft(client: HttpClient, title: string, slug: string): Promise<Visited> {
  const list = await client.get(DRAFTS);
  assert.equal(list.status, 200);
  return follow(client, await client.submit(list, 'Leeren Entwurf anlegen', { titel: title, kennung: slug }));
}

for (const dialect of DIALECTS) {
  describe(`the visual editor (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
    });
    after(() => t.close());

    test('a service built in forms from nothing: two steps, three fields, handed over and published', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const created = await newDraft(client, 'Baumfällung anzeigen', 'baum-faellen');
      let page: PageResult = created;
      assert.ok(
        getByRole(page.document.body, 'heading', { level: 1, name: 'Entwurf: Baumfällung anzeigen' }),
      );
      assert.match(page.document.querySelector('#gestartet-aus')!.textContent!, /leer/);
      assert.match(page.document.querySelector('#based-on')!.textContent!, /neue Leistung|keine/i);
      // Empty: the check lists what is missing, with links to the places, and nothing is handed over.
      const problems = Array.from(page.document.querySelectorAll('#probleme-liste a')).map((a) =>
        a.getAttribute('href'),
      );
      const id = draftIdOf(created);
      assert.ok(problems.includes(`${DRAFTS}/${id}#schritt-hinzufuegen`), JSON.stringify(problems));
      assert.ok(problems.includes(`${DRAFTS}/${id}/startseite#in-officeName-de`), JSON.stringify(problems));
      assert.equal(
        queryByRole(page.document.body, 'button', { name: 'Zur Vorschau und Veröffentlichung' }),
        null,
      );

      page = await follow(client, await client.submit(page, 'Schritt hinzufügen', { titel: 'Baum' }));
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Schritt: Baum' }));
      page = await follow(
        client,
        await client.submit(page, 'Feld hinzufügen', { typ: 'text', bezeichnung: 'Baumart' }),
      );
      assert.ok(
        getByRole(page.document.body, 'heading', { level: 1, name: 'Feld: Baumart (Text (eine Zeile))' }),
      );
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-key')!.value, 'baumart');
      // English is marked missing beside the German label.
      assert.ok(page.document.querySelector('#in-label-en-missing'));
      page = await follow(
        client,
        await client.submit(page, 'Speichern', {
          's.label.en': 'Kind of tree',
          's.required': 'ja',
          's.maxLength': '40',
          's.hint.de': 'Zum Beispiel Eiche oder Linde',
          's.hint.ls': 'Welcher Baum ist es?',
        }),
      );
      assert.equal(page.document.querySelector('#in-label-en-missing'), null);
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-maxLength')!.value, '40');

      page = await client.get(`${DRAFTS}/${id}`);
      page = await follow(client, await client.submit(page, 'Schritt hinzufügen', { titel: 'Grund' }));
      page = await follow(
        client,
        await client.submit(page, 'Feld hinzufügen', { typ: 'yesno', bezeichnung: 'Ist der Baum krank?' }),
      );
      page = await client.get(page.document.querySelector('a[href*="/schritte/"]')!.getAttribute('href')!);
      page = await follow(
        client,
        await client.submit(page, 'Feld hinzufügen', { typ: 'date', bezeichnung: 'Fällung am' }),
      );
      page = await follow(client, await client.submit(page, 'Speichern', { 's.notInPast': 'ja' }));

      // Move the date up, before the yes/no question, by its button.
      page = await client.get(page.document.querySelector('a[href*="/schritte/"]')!.getAttribute('href')!);
      page = await follow(client, await client.submit(page, /^Nach oben: Fällung am$/));
      assert.deepEqual(
        Array.from(page.document.querySelectorAll('#feld-liste > li a')).map((a) => a.textContent),
        ['Fällung am', 'Ist der Baum krank?'],
      );

      page = await client.get(`${DRAFTS}/${id}/startseite`);
      page = await follow(
        client,
        await client.submit(page, 'Speichern', {
          's.officeName.de': 'Umweltamt',
          's.title.en': 'Report felling a tree',
        }),
      );
      page = await client.get(`${DRAFTS}/${id}`);
      assert.ok(
        page.document.querySelector('#keine-probleme'),
        page.document.querySelector('#probleme-liste')?.textContent ?? '',
      );
      const draft = await storedDraft(t, 'musterstadt', id);

      const candidate = await follow(client, await client.submit(page, 'Zur Vorschau und Veröffentlichung'));
      assert.match(candidate.url, /\/staff\/design\/uploads\//);
      assert.match(candidate.body, /Entwurf aus dem Editor/);
      // The preview is the uploads' own, over the same step use case.
      const preview = await client.get(
        candidate.document.querySelector('a[href*="/vorschau/baum-faellen/schritt/"]')!.getAttribute('href')!,
      );
      assert.equal(preview.status, 200);
      assert.ok(getByRole(preview.document.body, 'heading', { level: 1, name: /Baum/ }));

      const { published } = await publishConfirmed(client, candidate);
      assert.equal(published.status, 303);
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const live = await t.app.store.services.latestBySlug(tenantId, 'baum-faellen');
      assert.equal(live?.version, 1);
      assert.deepEqual(
        uidPlaces(live!.definition).map((p) => p.uid),
        uidPlaces(draft!.definition).map((p) => p.uid),
        'the published version keeps the uids the editor gave',
      );
      assert.equal(live!.definition.steps[0]!.fields[0]!.type, 'text');
      assert.equal(live!.definition.steps[1]!.fields.length, 2);
      const citizen = await new HttpClient(t.app.server).get('/musterstadt/baum-faellen');
      assert.equal(citizen.status, 200);
    });

    test('a draft from a published service says which version it was started from', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const list = await client.get(DRAFTS);
      const page = await follow(
        client,
        await client.submit(list, 'Entwurf aus der Leistung anlegen', { leistung: 'testantrag' }),
      );
      assert.match(page.document.querySelector('#gestartet-aus')!.textContent!, /Version 1/);
      assert.match(page.document.querySelector('#based-on')!.textContent!, /1/);
      const stored = await storedDraft(t, 'musterstadt', draftIdOf(page));
      assert.ok(
        uidPlaces(stored!.definition).every((p) => p.uid),
        'every step and field carries its uid',
      );

      // A field's rule is JSON in place: shown, kept by a change of another setting, refused when broken.
      const conditional = stored!.definition.steps[1]!.fields.find((f) => f.key === 'zusatztext')!;
      const fieldUrl = `${DRAFTS}/${draftIdOf(page)}/felder/${conditional.uid}`;
      let fieldPage = await client.get(fieldUrl);
      assert.deepEqual(
        JSON.parse(fieldPage.document.querySelector<HTMLTextAreaElement>('#in-showIf')!.value),
        conditional.showIf,
      );
      // ... and said in words, with the labels of the fields (ADR 0046).
      assert.equal(
        fieldPage.document.querySelector('#rule-words-showIf')!.textContent,
        'In Worten: Zeige Zusatz, wenn Gibt es einen Zusatz? = Ja',
      );
      await follow(client, await client.submit(fieldPage, 'Speichern', { 's.label.en': 'Additional text' }));
      const after = (await storedDraft(t, 'musterstadt', draftIdOf(page)))!.definition.steps[1]!.fields.find(
        (f) => f.uid === conditional.uid,
      )!;
      assert.deepEqual(after.showIf, conditional.showIf, 'the rule is never lost');
      // A rule the pickers cannot show is kept as JSON and said to be so.
      const scoped = { some: [{ var: 'zusatz' }, { var: '' }] };
      fieldPage = await client.get(fieldUrl);
      await follow(
        client,
        await client.submit(fieldPage, 'Speichern', { 's.showIf': JSON.stringify(scoped) }),
      );
      fieldPage = await client.get(fieldUrl);
      assert.match(
        fieldPage.document.querySelector('#rule-words-showIf')!.textContent!,
        /bleibt als JSON Logic erhalten/,
      );
      assert.deepEqual(
        JSON.parse(fieldPage.document.querySelector<HTMLTextAreaElement>('#in-showIf')!.value),
        scoped,
      );
      // A step's condition is said in words too, with the step's title.
      const conditionalStep = stored!.definition.steps[2]!;
      const stepPage = await client.get(`${DRAFTS}/${draftIdOf(page)}/schritte/${conditionalStep.uid}`);
      assert.equal(
        stepPage.document.querySelector('#rule-words-showIf')!.textContent,
        `In Worten: Zeige ${conditionalStep.title.de}, wenn Anzahl > 2`,
      );
      fieldPage = await client.get(fieldUrl);
      const broken = await client.submit(fieldPage, 'Speichern', { 's.showIf': '{"==": [' });
      assert.equal(broken.status, 400);
      assert.deepEqual(alerts(broken), ['Die Regel ist kein gültiges JSON']);
      assert.equal(broken.document.querySelector<HTMLTextAreaElement>('#in-showIf')!.value, '{"==": [');
    });

    test('a draft from an upload', async () => {
      const { client, page: home } = await login(t, 'musterstadt', 'designer');
      const definition = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', 'fixtures', 'testantrag.json'), 'utf8'),
      );
      definition.id = `upload-${dialect.name}`;
      const uploaded = await upload(client, home, { name: 'x.json', content: JSON.stringify(definition) });
      assert.equal(uploaded.status, 200);
      const list = await client.get(DRAFTS);
      const page = await follow(client, await client.submit(list, 'Entwurf aus dem Upload anlegen'));
      assert.match(page.document.querySelector('#gestartet-aus')!.textContent!, /Upload/);
    });

    test('a save made on an old version is refused, naming who changed the draft; nothing is overwritten', async () => {
      const password = `Pw-${randomUUID()}`;
      await createStaffAccount(
        { store: t.app.store, passwords: t.app.passwords, newId: randomUUID },
        {
          tenantSlug: 'musterstadt',
          username: `zweite-${dialect.name}@musterstadt`,
          displayName: 'Zora Zweit',
          password,
          roles: ['designer'],
        },
      );
      const { client: second } = await staffLogin(t, {
        username: `zweite-${dialect.name}@musterstadt`,
        password,
      });
      const { client: first } = await login(t, 'musterstadt', 'designer');
      const created = await newDraft(first, 'Zwei Köpfe', `zwei-koepfe-${dialect.name}`);
      const id = draftIdOf(created);
      const mine = await first.get(`${DRAFTS}/${id}`);
      const theirs = await second.get(`${DRAFTS}/${id}`);
      await follow(second, await second.submit(theirs, 'Schritt hinzufügen', { titel: 'Von Zora' }));

      const refused = await first.submit(mine, 'Schritt hinzufügen', { titel: 'Von Lena' });
      assert.equal(refused.status, 409);
      assert.match(refused.document.querySelector('#conflict-body')!.textContent!, /Zora Zweit/);
      const stored = await storedDraft(t, 'musterstadt', id);
      assert.deepEqual(
        stored!.definition.steps.map((s) => s.title.de),
        ['Von Zora'],
        "the other designer's change stands, the stale one was not saved",
      );
      assert.equal(stored!.version, 2);

      // The code view's text survives a conflict: it is shown back to copy.
      const code = await first.get(`${DRAFTS}/${id}/code`);
      await follow(
        second,
        await second.submit(await second.get(`${DRAFTS}/${id}`), 'Schritt hinzufügen', {
          titel: 'Noch einer',
        }),
      );
      const codeConflict = await first.submit(code, 'JSON speichern', { json: '{"mein": "Text"}' });
      assert.equal(codeConflict.status, 409);
      assert.equal(
        codeConflict.document.querySelector<HTMLTextAreaElement>('#in-yours')!.value,
        '{"mein": "Text"}',
      );

      // A stale delete throws nothing away either.
      const deleted = await first.submit(mine, 'Entwurf löschen');
      assert.equal(deleted.status, 409);
      assert.ok(await storedDraft(t, 'musterstadt', id));
    });

    test('the code view saves what has the shape and refuses the rest with JSON pointers', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const created = await newDraft(client, 'Code', `code-${dialect.name}`);
      const id = draftIdOf(created);
      let code = await client.get(`${DRAFTS}/${id}/code`);
      const definition = JSON.parse(code.document.querySelector<HTMLTextAreaElement>('#in-code')!.value);

      const malformed = await client.submit(code, 'JSON speichern', { json: '{"formatVersion": 2,' });
      assert.equal(malformed.status, 400);
      assert.equal(
        malformed.document.querySelector<HTMLTextAreaElement>('#in-code')!.value,
        '{"formatVersion": 2,',
      );
      assert.equal(alerts(malformed).length, 1);

      const wrongShape = await client.submit(code, 'JSON speichern', {
        json: JSON.stringify({ ...definition, steps: 'keine' }),
      });
      assert.equal(wrongShape.status, 400);
      assert.ok(
        alerts(wrongShape).some((a) => a.startsWith('/steps:')),
        JSON.stringify(alerts(wrongShape)),
      );
      assert.equal((await storedDraft(t, 'musterstadt', id))!.version, 1, 'nothing was saved');

      // A semantic problem (two fields with one key) is saved and listed, linked to the field.
      const twoKeys = {
        ...definition,
        local: { office: { name: { de: 'Amt' } } },
        steps: [
          {
            id: 'eins',
            title: { de: 'Eins' },
            fields: [
              { type: 'text', key: 'name', label: { de: 'Name' } },
              { type: 'text', key: 'name', label: { de: 'Noch ein Name' } },
            ],
          },
        ],
      };
      code = await follow(
        client,
        await client.submit(code, 'JSON speichern', { json: JSON.stringify(twoKeys) }),
      );
      const stored = await storedDraft(t, 'musterstadt', id);
      assert.equal(stored!.version, 2);
      const second = stored!.definition.steps[0]!.fields[1]!;
      assert.ok(second.uid, 'a uid is given to what the JSON left without');
      const overview = await client.get(`${DRAFTS}/${id}`);
      const links = Array.from(overview.document.querySelectorAll('#probleme-liste a')).map((a) =>
        a.getAttribute('href'),
      );
      assert.ok(
        links.some((href) => href?.startsWith(`${DRAFTS}/${id}/felder/${second.uid}`)),
        JSON.stringify(links),
      );
      assert.equal(
        queryByRole(overview.document.body, 'button', { name: 'Zur Vorschau und Veröffentlichung' }),
        null,
        'a draft with problems is not handed over',
      );
      // A definition larger than an ordinary form post still fits the code view (up to an upload's size).
      const large = { ...twoKeys, notes: [{ source: 'Test', text: 'ä'.repeat(300_000) }] };
      const saved = await client.submit(await client.get(`${DRAFTS}/${id}/code`), 'JSON speichern', {
        json: JSON.stringify(large),
      });
      assert.equal(saved.status, 303, saved.body.slice(0, 500));
      // Forced anyway: refused, nothing created.
      const forced = await client.post(`${DRAFTS}/${id}/uebergeben`, {
        _csrf: csrfOf(overview),
        version: '3',
      });
      assert.equal(forced.status, 400);
    });

    test('a setting that cannot be read is refused with the form as typed; nothing is saved', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const created = await newDraft(client, 'Eingaben', `eingaben-${dialect.name}`);
      const id = draftIdOf(created);
      const step = await follow(
        client,
        await client.submit(created, 'Schritt hinzufügen', { titel: 'Eins' }),
      );
      const page = await follow(
        client,
        await client.submit(step, 'Feld hinzufügen', { typ: 'number', bezeichnung: 'Anzahl' }),
      );
      const before = (await storedDraft(t, 'musterstadt', id))!.version;
      const refused = await client.submit(page, 'Speichern', { 's.min': 'zwei', 's.label.de': 'Wie viele?' });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), ['Geben Sie eine Zahl ein']);
      assert.equal(refused.document.querySelector<HTMLInputElement>('#in-min')!.value, 'zwei');
      assert.equal(refused.document.querySelector<HTMLInputElement>('#in-label-de')!.value, 'Wie viele?');
      assert.equal((await storedDraft(t, 'musterstadt', id))!.version, before);
      const fresh = await client.get(step.url.split('?')[0]!);
      const noLabel = await client.submit(fresh, 'Feld hinzufügen', { typ: 'text', bezeichnung: ' ' });
      assert.equal(noLabel.status, 400);
      assert.deepEqual(alerts(noLabel), ['Geben Sie eine Bezeichnung ein']);
      const unknown = await client.submit(fresh, 'Feld hinzufügen', { typ: 'kein-typ', bezeichnung: 'X' });
      assert.equal(unknown.status, 400);
      const noVersion = await client.post(`${DRAFTS}/${id}/aendern`, {
        _csrf: csrfOf(page),
        aktion: 'add-step',
        titel: 'X',
      });
      assert.equal(noVersion.status, 400);
      const forged = await client.post(`${DRAFTS}/${id}/aendern`, {
        _csrf: 'falsch',
        version: '1',
        aktion: 'add-step',
        titel: 'X',
      });
      assert.equal(forged.status, 403);
    });

    test('a step with fields and a group with item fields are removed only once confirmed', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const created = await newDraft(client, 'Entfernen', `entfernen-${dialect.name}`);
      const id = draftIdOf(created);
      const step = await follow(
        client,
        await client.submit(created, 'Schritt hinzufügen', { titel: 'Kinder' }),
      );
      const group = await follow(
        client,
        await client.submit(step, 'Feld hinzufügen', { typ: 'group', bezeichnung: 'Kinder' }),
      );
      const groupUid = segment(group, 6);
      let overview = await client.get(`${DRAFTS}/${id}`);
      const asked = await client.submit(overview, 'Entfernen: Kinder');
      assert.equal(asked.status, 200);
      assert.match(asked.document.querySelector('#entfernen-frage')!.textContent!, /1 Felder|seine 1/);
      assert.equal(
        (await storedDraft(t, 'musterstadt', id))!.definition.steps.length,
        1,
        'nothing removed yet',
      );

      // The group asks too, from its step's page.
      const stepPage = await client.get(`${DRAFTS}/${id}/schritte/${segment(step, 6)}`);
      const groupAsked = await client.submit(stepPage, 'Entfernen: Kinder');
      assert.equal(groupAsked.status, 200);
      assert.ok(
        getByRole(groupAsked.document.body, 'heading', { level: 1, name: 'Gruppe „Kinder“ entfernen?' }),
      );
      const groupGone = await follow(client, await client.submit(groupAsked, 'Endgültig entfernen'));
      assert.match(groupGone.url, /\/schritte\//, 'back on the step page');
      const stored = (await storedDraft(t, 'musterstadt', id))!;
      assert.equal(
        stored.definition.steps[0]!.fields.some((f) => f.uid === groupUid),
        false,
      );

      overview = await client.get(`${DRAFTS}/${id}`);
      const stepGone = await follow(client, await client.submit(overview, 'Entfernen: Kinder'));
      assert.equal(
        (await storedDraft(t, 'musterstadt', id))!.definition.steps.length,
        0,
        'a step without fields goes at once',
      );
      assert.ok(stepGone.document.querySelector('#probleme-liste'));
    });

    test('only designers, and only of the same municipality', async () => {
      const { client: owner } = await login(t, 'musterstadt', 'designer');
      const created = await newDraft(owner, 'Geheim', `geheim-${dialect.name}`);
      const id = draftIdOf(created);
      const stepPage = await follow(
        owner,
        await owner.submit(created, 'Schritt hinzufügen', { titel: 'Eins' }),
      );
      const stepUid = segment(stepPage, 6);
      const fieldPage = await follow(
        owner,
        await owner.submit(stepPage, 'Feld hinzufügen', { typ: 'text', bezeichnung: 'Name' }),
      );
      const fieldUid = segment(fieldPage, 6);
      const pages = [
        `${DRAFTS}/${id}`,
        `${DRAFTS}/${id}/startseite`,
        `${DRAFTS}/${id}/code`,
        `${DRAFTS}/${id}/schritte/${stepUid}`,
        `${DRAFTS}/${id}/felder/${fieldUid}`,
      ];
      const posts: Array<[string, Record<string, string>]> = [
        [`${DRAFTS}/${id}/aendern`, { version: '3', aktion: `remove-step:${stepUid}` }],
        [`${DRAFTS}/${id}/code`, { version: '3', json: '{}' }],
        [`${DRAFTS}/${id}/uebergeben`, { version: '3' }],
        [`${DRAFTS}/${id}/loeschen`, { version: '3' }],
      ];

      const { client: other, page: otherHome } = await login(t, 'beispielhausen', 'designer');
      for (const url of pages) assert.equal((await other.get(url)).status, 404, url);
      for (const [url, form] of posts) {
        assert.equal((await other.post(url, { ...form, _csrf: csrfOf(otherHome) })).status, 404, url);
      }
      assert.doesNotMatch((await other.get(DRAFTS)).body, /Geheim/);

      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      for (const url of [DRAFTS, ...pages]) assert.equal((await caseworker.get(url)).status, 403, url);
      for (const [url, form] of posts) {
        assert.equal((await caseworker.post(url, { ...form, _csrf: csrfOf(caseHome) })).status, 403, url);
      }
      const stored = await storedDraft(t, 'musterstadt', id);
      assert.equal(stored!.version, 3, 'nothing changed');
      assert.equal(await draftCount(t, 'beispielhausen'), 0);
    });
  });
}
