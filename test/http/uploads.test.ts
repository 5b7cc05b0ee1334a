/**
 * File uploads through the real app without JavaScript (ADR 0018): multipart steps, content-based
 * type checks, limits, CSRF before any file is read, removal, submit carrying the files, the
 * caseworker's audited download and tenant isolation — on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';
import { EXE, PNG, pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const BASE = '/musterstadt/nachweis-einreichen';
const STEP = `${BASE}/schritt/nachweis`;

async function start(t: TestApp): Promise<{ client: HttpClient; page: PageResult }> {
  const client = new HttpClient(t.app.server);
  await client.submit(await client.get(BASE), 'Jetzt starten');
  return { client, page: await client.get(STEP) };
}

async function loginCaseworker(t: TestApp, tenant: string): Promise<HttpClient> {
  return (await staffLogin(t, demoCredential(t, tenant))).client;
}

const fileNames = (page: PageResult) =>
  Array.from(page.document.querySelectorAll('.aw-file .kern-body')).map((e) => e.textContent);
const fieldError = (page: PageResult) =>
  page.document.getElementById('field-nachweis-error')?.textContent ?? '';

for (const dialect of DIALECTS) {
  describe(`file uploads (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const outcome = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant!.id,
        UPLOAD_SERVICE,
      );
      assert.ok(outcome.ok, JSON.stringify(outcome));
    });
    after(() => t.close());

    test('the step is a multipart form with a labelled file input saying the limits', async () => {
      const { page } = await start(t);
      const form = page.document.querySelector('form[data-aw-step]');
      assert.equal(form?.getAttribute('enctype'), 'multipart/form-data');
      const input = getByRole(page.document.body, 'button', { name: 'Datei hochladen' });
      assert.ok(input);
      const file = page.document.getElementById('field-nachweis') as HTMLInputElement;
      assert.equal(file.type, 'file');
      assert.match(
        page.document.getElementById('field-nachweis-hint')?.textContent ?? '',
        /PDF oder PNG, höchstens 64 KB je Datei, bis zu 2 Dateien/,
      );
    });

    test('upload, keep earlier files, refuse by content, size and count, remove, and keep what was typed', async () => {
      const { client, page: first } = await start(t);
      let page = await client.submit(first, 'Datei hochladen', { name: 'Erika' }, [
        { field: 'nachweis', name: 'Meldebescheinigung.pdf', content: pdf() },
      ]);
      assert.equal(page.status, 200);
      assert.match(
        getByRole(page.document.body, 'status').textContent ?? '',
        /Die Datei „Meldebescheinigung.pdf“ wurde hochgeladen/,
      );
      assert.equal(fileNames(page).length, 1);
      assert.match(fileNames(page)[0] ?? '', /^Meldebescheinigung\.pdf \(\d+ Bytes\)$/);
      assert.equal((page.document.getElementById('field-name') as HTMLInputElement).value, 'Erika');

      // A program named like a PDF, and a PNG named .pdf: both refused, nothing stored.
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'rechnung.exe', content: EXE },
      ]);
      assert.equal(page.status, 400);
      assert.equal(
        fieldError(page).replace(/^Fehler: /, ''),
        'Die Datei „rechnung.exe“ hat ein Format, das hier nicht möglich ist. Möglich sind PDF und PNG',
      );
      assert.ok(
        getByRole(page.document.body, 'link', { name: /rechnung\.exe/ }),
        'the error summary links to it',
      );
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'scan.pdf', content: PNG, type: 'application/pdf' },
      ]);
      assert.equal(page.status, 400);
      assert.match(fieldError(page), /Endung der Datei „scan\.pdf“ passt nicht zu ihrem Inhalt \(PNG\)/);
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'gross.pdf', content: Buffer.concat([pdf(), Buffer.alloc(70 * 1024)]) },
      ]);
      assert.equal(page.status, 400);
      assert.match(fieldError(page), /Die Datei „gross\.pdf“ muss kleiner als 64 KB sein/);
      assert.equal(fileNames(page).length, 1, 'the earlier file is still there');

      // A second file fits; a third does not.
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'foto.png', content: PNG },
      ]);
      assert.equal(fileNames(page).length, 2);
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'drei.png', content: PNG },
      ]);
      assert.equal(page.status, 400);
      assert.match(
        fieldError(page),
        /„drei\.png“ wurde nicht hinzugefügt\. Hier sind höchstens 2 Dateien möglich/,
      );
      assert.equal(fileNames(page).length, 2);

      // Remove one: gone at once, also from storage.
      page = await client.submit(page, /Datei entfernen\s*„foto\.png“/);
      assert.equal(page.status, 200);
      assert.match(getByRole(page.document.body, 'status').textContent ?? '', /„foto\.png“ wurde entfernt/);
      assert.deepEqual(
        fileNames(page).map((n) => n?.split(' ')[0]),
        ['Meldebescheinigung.pdf'],
      );
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const rows = await t.database.db
        .selectFrom('attachments')
        .select('id')
        .where('tenant_id', '=', tenant!.id)
        .execute();
      assert.ok(rows.length >= 1);

      // "Weiter" with an empty name: the name's error, the file kept.
      page = await client.submit(page, 'Weiter', { name: '' });
      assert.equal(page.status, 400);
      assert.match(
        page.document.getElementById('field-name-error')?.textContent ?? '',
        /^Fehler: Geben Sie eine Antwort ein$/,
      );
      assert.equal(fileNames(page).length, 1);
    });

    test('a file of exactly the 10 MB ceiling is stored; one byte over is refused, and so is a request over 25 MB', async () => {
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      // The same service with the default size limit: the platform ceiling.
      const large = JSON.parse(JSON.stringify(UPLOAD_SERVICE));
      large.id = 'grosser-nachweis';
      delete large.steps[0].fields[1].maxSizeBytes;
      const published = await publishService({ store: t.app.store, clock: t.app.clock }, tenant!.id, large);
      assert.ok(published.ok, JSON.stringify(published));
      const client = new HttpClient(t.app.server);
      await client.submit(await client.get('/musterstadt/grosser-nachweis'), 'Jetzt starten');
      let page = await client.get('/musterstadt/grosser-nachweis/schritt/nachweis');
      const ceiling = 10 * 1024 * 1024;
      const exact = Buffer.concat([pdf(), Buffer.alloc(ceiling - pdf().length, 0x20)]);
      assert.equal(exact.length, ceiling);
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'genau.pdf', content: exact },
      ]);
      assert.equal(page.status, 200, fieldError(page));
      assert.match(fileNames(page)[0] ?? '', /^genau\.pdf \(10 MB\)$/);
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'zu-gross.pdf', content: Buffer.concat([exact, Buffer.from(' ')]) },
      ]);
      assert.equal(page.status, 400);
      assert.match(fieldError(page), /Die Datei „zu-gross\.pdf“ muss kleiner als 10 MB sein/);
      assert.equal(fileNames(page).length, 1);
      // Three files of 10 MB at once: the first fills the field, the second finds it full, the
      // third would take the request over 25 MB and is not even read to the end.
      page = await client.submit(page, 'Datei hochladen', {}, [
        { field: 'nachweis', name: 'eins.pdf', content: exact },
        { field: 'nachweis', name: 'zwei.pdf', content: exact },
        { field: 'nachweis', name: 'drei.pdf', content: exact },
      ]);
      assert.equal(page.status, 400);
      assert.equal(fileNames(page).length, 2);
      assert.match(fieldError(page), /„zwei\.pdf“ wurde nicht hinzugefügt/);
      assert.match(fieldError(page), /höchstens 25 MB auf einmal hochladen/);
    });

    test('a required file field without a file says so', async () => {
      const { client, page } = await start(t);
      const result = await client.submit(page, 'Weiter', { name: 'Erika' });
      assert.equal(result.status, 400);
      assert.match(fieldError(result), /Wählen Sie eine Datei aus/);
    });

    test('a forged CSRF token is refused before any file is read, and nothing is stored', async () => {
      const { client } = await start(t);
      const before = await t.database.db.selectFrom('attachments').select('id').execute();
      const result = await client.postMultipart(STEP, { _csrf: 'forged', name: 'Erika' }, [
        { field: 'nachweis', name: 'a.pdf', content: pdf() },
      ]);
      assert.equal(result.status, 403);
      const noToken = await client.postMultipart(STEP, { name: 'Erika' }, [
        { field: 'nachweis', name: 'a.pdf', content: pdf() },
      ]);
      assert.equal(noToken.status, 403);
      const afterRows = await t.database.db.selectFrom('attachments').select('id').execute();
      assert.equal(afterRows.length, before.length);
    });

    test('the submit carries the files; the caseworker downloads them, audited; another tenant gets 404', async () => {
      const marker = `Inhalt${Date.now()}`;
      const content = pdf(marker);
      const { client, page } = await start(t);
      const next = await client.submit(page, 'Weiter', { name: 'Erika' }, [
        { field: 'nachweis', name: 'Fahrzeugschein Rückseite.pdf', content },
      ]);
      assert.equal(next.status, 303, next.body.slice(0, 2000));
      const check = await client.visit(next.location!);
      assert.match(check.body, /Fahrzeugschein Rückseite\.pdf \(\d+ Bytes\)/);
      const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(done.status, 303);
      // A double click: still one submission, the file still the submission's.
      const again = await client.post(`${BASE}/absenden`, {
        _csrf: check.document.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value,
        erklaerung: 'ja',
      });
      assert.equal(again.status, 303);

      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
      const id = inbox.items[0]!.id;
      const files = await t.app.store.attachments.ofSubmission(tenant!.id, id);
      assert.equal(files.length, 1);
      assert.equal(files[0]?.name, 'Fahrzeugschein Rückseite.pdf');

      const staff = await loginCaseworker(t, 'musterstadt');
      const view = await staff.get(`/staff/submissions/${id}`);
      const link = getByRole(view.document.body, 'link', {
        name: /Herunterladen: Fahrzeugschein Rückseite\.pdf/,
      });
      // No scanner configured here: the caseworker is told the file was not checked (ADR 0038).
      assert.match(
        link.closest('li')?.textContent ?? '',
        /\(PDF, \d+ Bytes, nicht auf Schadsoftware geprüft\)/,
      );
      const download = await staff.get(link.getAttribute('href')!);
      assert.equal(download.status, 200);
      assert.equal(download.response.headers['content-type'], 'application/pdf');
      assert.equal(download.response.headers['x-content-type-options'], 'nosniff');
      assert.equal(download.response.headers['cache-control'], 'no-store');
      assert.equal(
        download.response.headers['content-disposition'],
        `attachment; filename="Fahrzeugschein Ruckseite.pdf"; filename*=UTF-8''Fahrzeugschein%20R%C3%BCckseite.pdf`,
      );
      assert.deepEqual(download.response.rawPayload, content);
      const events = await t.app.store.audit.list(tenant!.id, id);
      assert.ok(
        events.some((e) => e.action === 'attachment.downloaded' && e.details?.attachment === files[0]?.id),
      );
      // The history says in words what happened and to which file, never the event's code.
      const history = getByRole((await staff.get(`/staff/submissions/${id}`)).document.body, 'table', {
        name: 'Verlauf',
      });
      const what = [...history.querySelectorAll('tbody tr')].map((row) => row.children[1]?.textContent);
      assert.ok(what.includes('Datei heruntergeladen: Fahrzeugschein Rückseite.pdf'), what.join(' | '));
      assert.doesNotMatch(history.textContent ?? '', /attachment\.downloaded/);

      const other = await loginCaseworker(t, 'beispielhausen');
      assert.equal((await other.get(link.getAttribute('href')!)).status, 404);
      assert.equal((await other.get(`/staff/submissions/${id}`)).status, 404);
      const anonymous = await new HttpClient(t.app.server).get(link.getAttribute('href')!);
      assert.notEqual(anonymous.status, 200);
      assert.equal(queryByRole(anonymous.document.body, 'link', { name: /Herunterladen/ }), null);
    });
  });
}

describe('file fields in the Service-Design preview', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(DIALECTS.find((d) => d.name === 'sqlite')!);
  });
  after(() => t.close());

  test('the preview step posts multipart, checks the form and stores no file', async () => {
    const { client } = await staffLogin(t, demoCredential(t, 'musterstadt', 'designer'));
    const home = await client.get('/staff/design');
    const csrf = home.document.querySelector<HTMLInputElement>('form[enctype] input[name=_csrf]')!.value;
    const uploaded = await client.postMultipart('/staff/design/upload', { _csrf: csrf }, [
      { field: 'datei', name: 'nachweis.json', content: Buffer.from(JSON.stringify(UPLOAD_SERVICE)) },
    ]);
    assert.equal(uploaded.status, 303, uploaded.body.slice(0, 500));
    const preview = await client.get(
      `${uploaded.location!.split('?')[0]}/vorschau/nachweis-einreichen/schritt/nachweis`,
    );
    assert.equal(preview.status, 200);
    const result = await client.submit(preview, 'Weiter', { name: 'Erika' }, [
      { field: 'nachweis', name: 'a.pdf', content: pdf() },
    ]);
    // Nothing is stored in a preview, so the required file is still missing: the field says so.
    assert.equal(result.status, 400);
    assert.match(fieldError(result), /Wählen Sie eine Datei aus/);
    assert.deepEqual(await t.database.db.selectFrom('attachments').select('id').execute(), []);
    const forged = await client.postMultipart(
      `${uploaded.location!.split('?')[0]}/vorschau/nachweis-einreichen/schritt/nachweis`,
      { _csrf: 'forged' },
      [{ field: 'nachweis', name: 'a.pdf', content: pdf() }],
    );
    assert.equal(forged.status, 403);
  });
});
