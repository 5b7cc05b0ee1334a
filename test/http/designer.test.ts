/**
 * The Service-Design area and staff roles through the real app on both databases: least
 * privilege both ways, uploads (accepted, refused with paths, malformed, FIM with notes, FIM
 * refused, too large, forged), preview without drafts, publishing once, tenant isolation.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole, queryByRole } from '@testing-library/dom';
import { createStaffAccount } from '../../src/core/administration.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, candidateIdOf, csrfOf, login, publishConfirmed, upload } from '../support/design-client.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';
import { staffLogin } from '../support/staff-login.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const testantrag = () => JSON.parse(readFileSync(join(fixtures, 'testantrag.json'), 'utf8'));

async function openCandidates(t: TestApp, tenant: string): Promise<number> {
  const id = (await t.app.store.tenants.bySlug(tenant))!.id;
  return (await t.app.store.candidates.listOpen(id)).length;
}

async function draftCount(t: TestApp): Promise<number> {
  const row = await t.app.database.db
    .selectFrom('drafts')
    .select(({ fn }) => fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of DIALECTS) {
  describe(`service design (${dialect.name})`, () => {
    let t: TestApp;
    let submissionHref: string;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
      const submission = await submitFixtureDirectly(t, 'Design');
      submissionHref = `/staff/submissions/${submission.id}`;
    });
    after(() => t.close());

    test('a designer-only account sees the designer area and nothing of casework', async () => {
      const { client, home, page } = await login(t, 'musterstadt', 'designer');
      assert.equal(home, '/staff/design');
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Leistungen gestalten' }));
      const nav = getByRole(page.document.body, 'navigation', { name: 'Bereiche' });
      assert.deepEqual(
        getAllByRole(nav, 'link').map((a) => a.textContent),
        ['Service-Design'],
        'the navigation offers only what the role may use',
      );
      assert.equal((await client.get('/staff')).location, '/staff/design');
      for (const url of ['/staff/inbox', submissionHref]) {
        const refused = await client.get(url);
        assert.equal(refused.status, 403, url);
        assert.ok(getByRole(refused.document.body, 'heading', { name: 'Kein Zugriff' }), url);
        assert.doesNotMatch(refused.body, /VornameDesign|NachnameDesign/, 'no personal data');
      }
      const csrf = page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const status = await client.post(`${submissionHref}/status`, {
        _csrf: csrf,
        from: 'received',
        to: 'in_progress',
      });
      assert.equal(status.status, 403);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const stored = await t.app.store.submissions.summaryById(tenant!.id, submissionHref.split('/').pop()!);
      assert.equal(stored?.status, 'received', 'nothing changed');
    });

    test('a caseworker-only account cannot open any designer route', async () => {
      const { client: designer, page: designHome } = await login(t, 'musterstadt', 'designer');
      const uploaded = await upload(designer, designHome, {
        name: 'testantrag.json',
        content: JSON.stringify(testantrag()),
      });
      assert.equal(uploaded.status, 200);
      const id = candidateIdOf(uploaded);

      const { client, home, page } = await login(t, 'musterstadt', 'caseworker');
      assert.equal(home, '/staff/inbox');
      const nav = getByRole(page.document.body, 'navigation', { name: 'Bereiche' });
      assert.deepEqual(
        getAllByRole(nav, 'link').map((a) => a.textContent),
        ['Posteingang'],
      );
      for (const url of [
        '/staff/design',
        `/staff/design/uploads/${id}`,
        `/staff/design/uploads/${id}/vorschau`,
        `/staff/design/uploads/${id}/vorschau/testantrag`,
        `/staff/design/uploads/${id}/vorschau/testantrag/schritt/person`,
        `/staff/design/uploads/${id}/vorschau/testantrag/ende`,
        `/staff/design/uploads/${id}/vorschau/testantrag/definition/${'a'.repeat(64)}.json`,
        `/staff/design/uploads/${id}/vorschau/testantrag/auswahl/gemeinde?q=Hann`,
        `/staff/design/uploads/${id}/testantrag.json`,
      ]) {
        const refused = await client.get(url);
        assert.equal(refused.status, 403, url);
      }
      const csrf = page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      assert.equal((await client.post(`/staff/design/uploads/${id}/publish`, { _csrf: csrf })).status, 403);
      assert.equal(
        (await client.post(`/staff/design/uploads/${id}/vorschau/testantrag/schritt/person`, { _csrf: csrf }))
          .status,
        403,
      );
      const before = await openCandidates(t, 'musterstadt');
      const forged = await upload(
        client,
        page,
        { name: 'x.json', content: JSON.stringify(testantrag()) },
        csrf,
      );
      assert.equal(forged.status, 403);
      assert.equal(await openCandidates(t, 'musterstadt'), before, 'nothing stored');
      assert.equal(
        (
          await t.app.store.services.latestBySlug(
            (await t.app.store.tenants.bySlug('musterstadt'))!.id,
            'testantrag',
          )
        )?.version,
        1,
        'nothing published',
      );
    });

    test('a definition kept from format 1 is still accepted and stored in format 2 with uids', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const v1 = JSON.parse(readFileSync(join(fixtures, 'format-1', 'hund-anmelden.json'), 'utf8'));
      v1.id = 'hund-anmelden-alt';
      const candidate = await upload(client, page, { name: 'hund-alt.json', content: JSON.stringify(v1) });
      assert.equal(candidate.status, 200);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const stored = (await t.app.store.candidates.byId(tenant!.id, candidateIdOf(candidate)))!.definition;
      assert.equal(stored.formatVersion, 2);
      assert.equal(stored.local.office.name.de, 'Stadt Musterstadt, Steueramt');
      assert.ok(stored.steps.every((s) => s.uid && s.fields.every((f) => f.uid)));
    });

    test('upload JSON, preview step by step and on one page, publish once: live for citizens', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const definition = testantrag();
      definition.id = 'neuer-antrag';
      definition.title = { de: 'Neuer Antrag', en: 'New application' };
      const candidate = await upload(client, page, {
        name: 'neuer-antrag.json',
        content: JSON.stringify(definition),
      });
      assert.equal(candidate.status, 200);
      assert.equal(candidate.response.headers['cache-control'], 'no-store');
      assert.ok(
        getByRole(candidate.document.body, 'heading', { level: 1, name: 'Hochgeladen: Neuer Antrag' }),
      );
      assert.match(
        candidate.document.getElementById('candidate-state')!.textContent!,
        /neue Leistung, Version 1/,
      );
      assert.equal(
        (await new HttpClient(t.app.server).get('/musterstadt/neuer-antrag')).status,
        404,
        'not live yet',
      );
      const base = candidate.document
        .querySelector<HTMLAnchorElement>('a[href$="/vorschau/neuer-antrag/schritt/person"]')!
        .getAttribute('href')!;
      const drafts = await draftCount(t);

      // Step by step: the citizens' step page, marked as preview, posting into the preview.
      const step = await client.get(base);
      assert.equal(step.status, 200);
      assert.equal(step.response.headers['cache-control'], 'no-store');
      assert.match(step.document.body.textContent!, /Vorschau – nicht veröffentlicht/);
      assert.ok(getByRole(step.document.body, 'heading', { level: 1, name: 'Angaben zur Person' }));
      assert.equal(step.document.querySelector('form[data-aw-step]')!.getAttribute('action'), base);
      const invalid = await client.submit(step, 'Weiter', {});
      assert.equal(invalid.status, 400, 'validated like the live form');
      assert.ok(getByRole(invalid.document.body, 'alert'));
      assert.match(invalid.document.body.textContent!, /Vorschau – nicht veröffentlicht/);
      const valid = await client.submit(step, 'Weiter', {
        vorname: 'Erika',
        nachname: 'Muster',
        'geburtsdatum-day': '1',
        'geburtsdatum-month': '2',
        'geburtsdatum-year': '1980',
        email: '',
      });
      assert.equal(valid.status, 303);
      assert.equal(valid.location, base.replace(/person$/, 'details'));
      const last = await client.get(base.replace(/person$/, 'begruendung'));
      const end = await client.submit(last, 'Weiter', { grund: 'Test' });
      assert.equal(end.location, base.replace(/schritt\/person$/, 'ende'));
      assert.ok(
        getByRole((await client.get(end.location!)).document.body, 'heading', { name: 'Ende der Vorschau' }),
      );

      // All steps on one page.
      const all = await client.get(base.replace(/\/neuer-antrag\/schritt\/person$/, ''));
      assert.equal(all.status, 200);
      assert.deepEqual(
        getAllByRole(all.document.body, 'heading', { level: 2 }).map((h) => h.textContent),
        definition.steps.map((s: { title: { de: string } }, i: number) => `Schritt ${i + 1}: ${s.title.de}`),
      );
      assert.equal(await draftCount(t), drafts, 'the preview created no draft');

      // Publish after the confirmation, then a second click changes nothing.
      const { confirm, published } = await publishConfirmed(client, candidate);
      assert.match(
        confirm.document.getElementById('new-service')!.textContent!,
        /als neue Leistung „Neuer Antrag“/,
      );
      assert.equal(published.status, 303);
      const done = await client.get(published.location!);
      assert.match(done.document.body.textContent!, /Veröffentlicht als Version 1\./);
      const again = await client.submit(confirm, 'Veröffentlichen');
      assert.equal(again.status, 303);
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      assert.equal((await t.app.store.services.latestBySlug(tenantId, 'neuer-antrag'))?.version, 1);
      assert.deepEqual(
        getAllByRole(done.document.body, 'row')
          .slice(-2)
          .map((r) =>
            Array.from(r.querySelectorAll('td'))
              .slice(1)
              .map((td) => td.textContent)
              .join(' | '),
          ),
        ['Hochgeladen | Lena Gestalt', 'Als Version 1 veröffentlicht | Lena Gestalt'],
        'who did what, in the history',
      );
      const live = await new HttpClient(t.app.server).get('/musterstadt/neuer-antrag');
      assert.equal(live.status, 200);
      assert.ok(getByRole(live.document.body, 'heading', { level: 1, name: 'Neuer Antrag' }));
      const overview = await client.get('/staff/design');
      assert.ok(getByRole(overview.document.body, 'link', { name: 'Neuer Antrag' }));
    });

    test('a refused definition lists every problem with its path; nothing is stored', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const before = await openCandidates(t, 'musterstadt');
      const definition = testantrag();
      definition.id = 'Kaputt!';
      definition.steps[1].id = definition.steps[0].id;
      const refused = await upload(client, page, {
        name: 'kaputt.json',
        content: JSON.stringify(definition),
      });
      assert.equal(refused.status, 400);
      assert.match(refused.document.title, /^Fehler:/);
      const items = alerts(refused);
      assert.ok(
        items.some((i) => i.startsWith('/id: ')),
        items.join('\n'),
      );
      assert.ok(getByRole(refused.document.body, 'table', { name: /JSON-Pointer/ }));
      assert.equal(refused.document.getElementById('field-datei')!.getAttribute('aria-invalid'), 'true');
      assert.equal(await openCandidates(t, 'musterstadt'), before);

      const malformed = await upload(client, page, { name: 'x.json', content: '{"id": "x",' });
      assert.equal(malformed.status, 400);
      assert.match(alerts(malformed)[0]!, /^Die Datei ist kein gültiges JSON \(.+\)$/);
      const wrongType = await upload(client, page, { name: 'x.pdf', content: '%PDF-1.4' });
      assert.equal(wrongType.status, 400);
      assert.deepEqual(alerts(wrongType), [
        'Die Datei muss eine JSON-Datei (.json) oder eine XML-Datei (.xml) sein',
      ]);
      const empty = await upload(client, page, { name: '', content: '' });
      assert.deepEqual(alerts(empty), ['Wählen Sie eine Datei aus']);
      const latin1 = await upload(client, page, { name: 'x.json', content: Buffer.from([0x22, 0xe4, 0x22]) });
      assert.deepEqual(alerts(latin1), ['Die Datei ist nicht in UTF-8 kodiert']);
      const tooLarge = await upload(client, page, {
        name: 'gross.json',
        content: ' '.repeat(2 * 1024 * 1024 + 1),
      });
      assert.equal(tooLarge.status, 413, tooLarge.body.slice(0, 3000));
      assert.deepEqual(alerts(tooLarge), ['Die Datei ist größer als 2 MB']);
      const forged = await upload(
        client,
        page,
        { name: 'x.json', content: JSON.stringify(testantrag()) },
        'forged',
      );
      assert.equal(forged.status, 403);
      assert.equal(await openCandidates(t, 'musterstadt'), before, 'no refusal stored anything');
    });

    test('FIM: notes per element; XXE refused; publishing makes a new version of the service', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const before = await openCandidates(t, 'musterstadt');
      const xxe = await upload(client, page, {
        name: 'xxe.xml',
        content: readFileSync(join(fixtures, 'fim', 'xxe.xml')),
      });
      assert.equal(xxe.status, 400);
      assert.match(alerts(xxe)[0]!, /FIM_DOCTYPE_REFUSED/);
      // The reason in German, like the rest of the designer area.
      assert.match(alerts(xxe)[0]!, /eine DOCTYPE-Deklaration ist nicht erlaubt/);
      assert.doesNotMatch(xxe.body, /root:/, 'no file content leaked');
      assert.equal(await openCandidates(t, 'musterstadt'), before);

      const fim = await upload(client, page, {
        name: 'v3-rich.xml',
        content: readFileSync(join(fixtures, 'fim', 'v3-rich.xml')),
      });
      assert.equal(fim.status, 200);
      const notes = getByRole(fim.document.body, 'table', { name: 'Hinweise je FIM-Element' });
      const rows = getAllByRole(notes, 'row').slice(1);
      assert.ok(rows.length > 0);
      assert.ok(rows.some((r) => /^Regel R99000001/.test(r.textContent!.trim())));
      // German notes on a German page: no English, and no "the notes are in English".
      assert.ok(
        rows.some((r) =>
          /Die Regel „Kampfhund“ .* wurde als Notiz zur Definition übernommen/.test(r.textContent!),
        ),
      );
      assert.equal(notes.querySelector('[lang="en"]'), null);
      assert.doesNotMatch(fim.body, /Die Hinweise sind auf Englisch/);
      assert.match(fim.document.getElementById('candidate-state')!.textContent!, /aktuell Version 1/);
      // The converted definition can be downloaded, edited and uploaded again.
      const download = await client.get(
        getAllByRole(fim.document.body, 'link', {
          name: /Definition als JSON herunterladen/,
        })[0]!.getAttribute('href')!,
      );
      assert.equal(download.status, 200);
      assert.match(String(download.response.headers['content-type']), /^application\/json/);
      assert.match(
        String(download.response.headers['content-disposition']),
        /attachment; filename="hund-anmelden.json"/,
      );
      assert.equal(download.response.headers['cache-control'], 'no-store');
      // The import's office is a placeholder: no way to publish until it is replaced.
      assert.deepEqual(
        getAllByRole(
          getByRole(fim.document.body, 'table', { name: 'Vor dem Veröffentlichen zu ersetzen' }),
          'row',
        )
          .slice(1)
          .map((r) => r.textContent?.trim()),
        ['Zuständige Stelle (Name)/local/office/name'],
      );
      assert.equal(queryByRole(fim.document.body, 'link', { name: 'Veröffentlichen …' }), null);
      const blocked = await client.post(`/staff/design/uploads/${candidateIdOf(fim)}/publish`, {
        _csrf: csrfOf(fim),
        gegen: 'x',
        ziel: 'naechste-version',
      });
      assert.equal(blocked.status, 400);
      assert.deepEqual(alerts(blocked), [
        '/local/office/name: is still a placeholder: replace it before publishing',
      ]);

      const filled = JSON.parse(download.body);
      filled.local.office = { name: { de: 'Stadt Musterstadt, Steueramt' } };
      const reuploaded = await upload(client, page, {
        name: 'hund-anmelden.json',
        content: JSON.stringify(filled),
      });
      assert.equal(reuploaded.status, 200, 'the download is a valid definition');
      assert.match(reuploaded.document.getElementById('based-on')!.textContent!, /Version 1/);
      // The same id as the live service: confirming needs the choice of what it becomes.
      const link = getByRole(reuploaded.document.body, 'link', { name: 'Veröffentlichen …' });
      const confirm = await client.get(link.getAttribute('href')!);
      assert.match(
        confirm.document.getElementById('replaces')!.textContent!,
        /bereits „Hund anmelden \(Hundesteuer\)“ veröffentlicht \(Version 1/,
      );
      assert.ok(
        getAllByRole(confirm.document.getElementById('changes')!, 'listitem').length > 0,
        'the changes are listed',
      );
      const unchosen = await client.submit(confirm, 'Veröffentlichen');
      assert.equal(unchosen.status, 400);
      assert.deepEqual(alerts(unchosen), [
        'Wählen Sie, ob die Fassung die nächste Version oder eine neue Leistung wird',
      ]);
      assert.equal(
        (
          await t.app.store.services.latestBySlug(
            (await t.app.store.tenants.bySlug('musterstadt'))!.id,
            'hund-anmelden',
          )
        )?.version,
        1,
      );
      const published = await client.submit(unchosen, 'Veröffentlichen', {
        ziel: 'naechste-version',
        aenderungsnachricht: 'Zuständige Stelle eingetragen',
      });
      assert.equal(published.status, 303);
      const done = await client.get(published.location!);
      assert.match(done.document.body.textContent!, /Veröffentlicht als Version 2\./);
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const latest = await t.app.store.services.latestBySlug(tenantId, 'hund-anmelden');
      assert.equal(latest?.version, 2);
      assert.equal(
        (await t.app.store.services.versionByNumber(tenantId, 'hund-anmelden', 1))?.version,
        1,
        'v1 kept',
      );
    });

    test('publishing re-runs the checks: a candidate that no longer passes is refused with paths', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const account = await t.app.store.staff.byUsername('service-design@musterstadt');
      // As if the rules had become stricter since the upload: stored directly, past the upload checks.
      const stale = { ...testantrag(), id: 'veraltet', steps: [] };
      const id = randomUUID();
      await t.app.store.candidates.create(
        {
          id,
          tenantId,
          slug: 'veraltet',
          definition: stale,
          source: 'json',
          fileName: 'veraltet.json',
          warnings: [],
          uploadedBy: account!.id,
          uploadedAt: new Date().toISOString(),
          publishedVersionId: null,
          publishedAt: null,
        },
        {
          tenantId,
          actorType: 'staff',
          actorId: account!.id,
          action: 'definition.uploaded',
          subjectType: 'service_candidate',
          subjectId: id,
        },
      );
      const candidate = await client.get(`/staff/design/uploads/${id}`);
      const { published: refused } = await publishConfirmed(client, candidate);
      assert.equal(refused.status, 400);
      assert.match(refused.document.title, /^Fehler:/);
      assert.deepEqual(alerts(refused), ['/steps: must have at least 1 item']);
      assert.match(refused.document.body.textContent!, /Die Veröffentlichung wurde abgelehnt/);
      assert.equal(
        await t.app.store.services.latestBySlug(tenantId, 'veraltet'),
        undefined,
        'nothing published',
      );
      assert.equal((await t.app.store.candidates.byId(tenantId, id))?.publishedAt, null);
    });

    test('tenant isolation: a Beispielhausen designer reaches nothing of Musterstadt', async () => {
      const { client: m, page: mPage } = await login(t, 'musterstadt', 'designer');
      const definition = testantrag();
      definition.id = 'nur-musterstadt';
      const candidate = await upload(m, mPage, { name: 'm.json', content: JSON.stringify(definition) });
      const id = candidateIdOf(candidate);

      const step = await m.get(`/staff/design/uploads/${id}/vorschau/nur-musterstadt/schritt/person`);
      const definitionHref = step.document.querySelector('form')!.getAttribute('data-aw-definition')!;
      assert.equal((await m.get(definitionHref)).status, 200, 'the own designer reads it');

      const { client: b, page: bPage } = await login(t, 'beispielhausen', 'designer');
      assert.doesNotMatch(bPage.body, /nur-musterstadt|Testantrag/);
      for (const url of [
        `/staff/design/uploads/${id}`,
        `/staff/design/uploads/${id}/vorschau`,
        `/staff/design/uploads/${id}/vorschau/nur-musterstadt`,
        `/staff/design/uploads/${id}/vorschau/nur-musterstadt/schritt/person`,
        `/staff/design/uploads/${id}/vorschau/nur-musterstadt/ende`,
        definitionHref,
        `/staff/design/uploads/${id}/nur-musterstadt.json`,
      ]) {
        assert.equal((await b.get(url)).status, 404, url);
      }
      const csrf = bPage.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      assert.equal((await b.post(`/staff/design/uploads/${id}/publish`, { _csrf: csrf })).status, 404);
      assert.equal((await b.get(`/staff/design/uploads/${id}/veroeffentlichen`)).status, 404);
      for (const path of ['', '/offline', '/online', '/versionen/1/erneut', '/loeschen']) {
        const url = `/staff/design/leistungen/hund-anmelden${path}`;
        const response =
          path === '' ? await b.get(url) : await b.post(url, { _csrf: csrf, kennung: 'hund-anmelden' });
        assert.equal(response.status, 404, url);
      }
      assert.equal(
        (await b.post(`/staff/design/uploads/${id}/vorschau/nur-musterstadt/schritt/person`, { _csrf: csrf }))
          .status,
        404,
      );
      const musterstadt = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const beispielhausen = (await t.app.store.tenants.bySlug('beispielhausen'))!.id;
      assert.equal(await t.app.store.services.latestBySlug(musterstadt, 'nur-musterstadt'), undefined);
      assert.equal(await t.app.store.services.latestBySlug(beispielhausen, 'nur-musterstadt'), undefined);
      // Beispielhausen's own upload lands in Beispielhausen only.
      const own = await upload(b, bPage, { name: 'b.json', content: JSON.stringify(testantrag()) });
      await publishConfirmed(b, own);
      assert.equal((await t.app.store.services.latestBySlug(beispielhausen, 'testantrag'))?.version, 1);
      assert.equal((await t.app.store.services.latestBySlug(musterstadt, 'testantrag'))?.version, 1);
    });

    test('an account with both roles uses both areas', async () => {
      const password = 'beide-rollen-passwort';
      await createStaffAccount(
        { store: t.app.store, passwords: t.app.passwords, newId: randomUUID },
        {
          tenantSlug: 'musterstadt',
          username: `beide-${dialect.name}@musterstadt`,
          displayName: 'Beide Rollen',
          password,
          roles: ['designer', 'caseworker'],
        },
      );
      const { client, home } = await staffLogin(t, {
        username: `beide-${dialect.name}@musterstadt`,
        password,
      });
      assert.equal(home, '/staff/inbox');
      const design = await client.get('/staff/design');
      assert.equal(design.status, 200);
      const nav = getByRole(design.document.body, 'navigation', { name: 'Bereiche' });
      assert.deepEqual(
        getAllByRole(nav, 'link').map((a) => [a.textContent, a.getAttribute('aria-current')]),
        [
          ['Posteingang', null],
          ['Service-Design', 'page'],
        ],
      );
      assert.equal((await client.get('/staff/inbox')).status, 200);
      assert.equal((await client.get(submissionHref)).status, 200);
    });

    test('the preview keeps its answers: conditions on earlier steps apply, the end shows the answers', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const definition = testantrag();
      definition.id = 'vorschau-antworten';
      const candidate = await upload(client, page, {
        name: 'vorschau-antworten.json',
        content: JSON.stringify(definition),
      });
      const base = candidate.document
        .querySelector<HTMLAnchorElement>('a[href$="/vorschau/vorschau-antworten/schritt/person"]')!
        .getAttribute('href')!;
      const drafts = await draftCount(t);
      const person = await client.submit(await client.get(base), 'Weiter', {
        vorname: 'Vorschau-Erika',
        nachname: 'Muster',
        'geburtsdatum-day': '1',
        'geburtsdatum-month': '2',
        'geburtsdatum-year': '1980',
        email: '',
      });
      const details = await client.get(person.location!);
      assert.match(
        getByRole(details.document.body, 'link', { name: 'Zurück' }).getAttribute('href')!,
        /\/vorschau\/vorschau-antworten\/schritt\/person$/,
        'back leads to the previous step of the preview',
      );
      // "Begründung" applies only for more than two: with one, the preview ends after "details".
      const one = await client.submit(details, 'Weiter', { anzahl: '1', art: 'klein', zusatz: 'no' });
      assert.equal(one.location, base.replace(/schritt\/person$/, 'ende'));
      const end = await client.get(one.location!);
      assert.ok(getByRole(end.document.body, 'heading', { level: 1, name: 'Ende der Vorschau' }));
      assert.match(end.document.body.textContent!, /Vorschau-Erika/, 'the answers of the preview');
      assert.doesNotMatch(end.document.body.textContent!, /Es fehlen noch Angaben/);
      // With three, the step applies.
      const three = await client.submit(await client.get(person.location!), 'Weiter', {
        anzahl: '3',
        art: 'klein',
        zusatz: 'no',
      });
      assert.equal(three.location, base.replace(/person$/, 'begruendung'));
      // Starting the preview again starts afresh.
      const restart = await client.get(base.replace(/\/schritt\/person$/, ''));
      assert.equal(restart.status, 303);
      const fresh = await client.get(base.replace(/schritt\/person$/, 'ende'));
      assert.doesNotMatch(fresh.document.body.textContent!, /Vorschau-Erika/);
      assert.match(fresh.document.body.textContent!, /Es fehlen noch Angaben/);
      assert.equal(await draftCount(t), drafts, 'the preview created no draft');
    });

    test("the preview's definition is the candidate's, for its designers only and never cached", async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const definition = testantrag();
      definition.id = 'vorschau-definition';
      const candidate = await upload(client, page, {
        name: 'vorschau-definition.json',
        content: JSON.stringify(definition),
      });
      const id = candidateIdOf(candidate);
      const step = await client.get(
        `/staff/design/uploads/${id}/vorschau/vorschau-definition/schritt/person`,
      );
      const href = step.document.querySelector('form[data-aw-step]')!.getAttribute('data-aw-definition')!;
      const prefix = `/staff/design/uploads/${id}/vorschau/vorschau-definition/definition/`;
      assert.ok(href.startsWith(prefix), href);
      const resource = await client.get(href);
      assert.equal(resource.status, 200);
      assert.equal(resource.response.headers['cache-control'], 'no-store');
      assert.equal(JSON.parse(resource.body).id, 'vorschau-definition');
      assert.equal(href, `${prefix}${createHash('sha256').update(resource.body).digest('hex')}.json`);
      assert.equal((await client.get(`${prefix}${'0'.repeat(64)}.json`)).status, 404, 'another hash');
      const anonymous = await new HttpClient(t.app.server).get(href);
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.location, '/staff/login');
      assert.doesNotMatch(anonymous.body, /vorschau-definition/);
    });

    test("the preview runs the citizens' step logic: items of a repeating group are added", async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const candidate = await upload(client, page, {
        name: 'kinder.json',
        content: readFileSync(join(fixtures, 'kinder.json'), 'utf8'),
      });
      const id = candidateIdOf(candidate);
      const step = await client.get(`/staff/design/uploads/${id}/vorschau/kinder-angeben/schritt/kinder`);
      assert.equal(step.status, 200);
      const added = await client.submit(step, 'Weiteres Kind hinzufügen', { 'kinder-1-vorname': 'Lena' });
      assert.equal(added.status, 200);
      assert.deepEqual(
        Array.from(added.document.querySelectorAll('h3')).map((h) => h.textContent?.trim()),
        ['Kind 1', 'Kind 2'],
      );
      assert.ok(
        getAllByRole(added.document.body, 'status').some((s) =>
          /Kind 2 wurde hinzugefügt/.test(s.textContent!),
        ),
      );
      assert.equal(
        added.document.querySelector('form[data-aw-step]')!.getAttribute('action'),
        `/staff/design/uploads/${id}/vorschau/kinder-angeben/schritt/kinder`,
        'posting into the preview',
      );
      assert.match(added.body, /Vorschau – nicht veröffentlicht/);
    });

    test('a preview URL with another slug is not found', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const candidate = await upload(client, page, { name: 'x.json', content: JSON.stringify(testantrag()) });
      const id = candidateIdOf(candidate);
      for (const url of [
        `/staff/design/uploads/${id}/vorschau/anders`,
        `/staff/design/uploads/${id}/vorschau/anders/ende`,
        `/staff/design/uploads/${id}/vorschau/anders/schritt/person`,
        `/staff/design/uploads/${id}/vorschau/testantrag/schritt/gibt-es-nicht`,
        '/staff/design/uploads/not-a-uuid',
      ]) {
        assert.equal((await client.get(url)).status, 404, url);
      }
    });

    test('designer pages in English', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      client.cookies.set('aw_lang', 'en');
      const page = await client.get('/staff/design');
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Design services' }));
      assert.ok(getByRole(page.document.body, 'button', { name: 'Upload and check' }));
    });
  });
}
