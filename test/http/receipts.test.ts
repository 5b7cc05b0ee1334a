/**
 * The sealed receipt through the real app (ADR 0032), on SQLite and PostgreSQL: the confirmation
 * page's download for the browser session that submitted, 404 for every other browser (even one
 * that knows the reference), the same bytes for the caseworker (audited), another tenant's
 * caseworker refused, and what the PDF states, checked with poppler's pdftotext and pdfsig.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const BASE = '/musterstadt/nachweis-einreichen';
const RECEIPT = `${BASE}/eingangsbestaetigung.pdf`;

async function loginCaseworker(t: TestApp, tenant: string): Promise<HttpClient> {
  return (await staffLogin(t, demoCredential(t, tenant))).client;
}

/** A citizen's browser that submits an application with one file; returns its confirmation page. */
async function submitApplication(client: HttpClient, file: Buffer, name = 'Jürgen Łukasz') {
  await client.submit(await client.get(BASE), /Jetzt starten|Antrag fortsetzen/);
  const step = await client.get(`${BASE}/schritt/nachweis`);
  const next = await client.submit(step, 'Weiter', { name }, [
    { field: 'nachweis', name: 'Meldebescheinigung.pdf', content: file },
  ]);
  assert.equal(next.status, 303, next.body.slice(0, 1000));
  const check = await client.visit(next.location!);
  const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
  assert.equal(done.status, 303);
  return client.visit(done.location!);
}

const dir = mkdtempSync(join(tmpdir(), 'amtsweg-receipts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function poppler(tool: 'pdftotext' | 'pdfsig', bytes: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  if (tool === 'pdftotext') return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
  const run = spawnSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

for (const dialect of DIALECTS) {
  describe(`sealed receipts (${dialect.name})`, () => {
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

    test('the submitting browser downloads a sealed receipt of everything it sent; the caseworker gets the same bytes', async () => {
      const file = pdf();
      const citizen = new HttpClient(t.app.server);
      const confirmation = await submitApplication(citizen, file);
      assert.equal(confirmation.status, 200);
      const reference = confirmation.document.getElementById('vorgangsnummer')?.textContent ?? '';
      assert.match(reference, /\S/);
      const link = getByRole(confirmation.document.body, 'link', {
        name: 'Eingangsbestätigung herunterladen (PDF)',
      });
      assert.equal(link.getAttribute('href'), RECEIPT);
      assert.match(
        confirmation.body,
        /Demo: Das Siegel stammt von einem selbst erzeugten Demonstrationszertifikat/,
      );

      const download = await citizen.get(RECEIPT);
      assert.equal(download.status, 200);
      assert.equal(download.response.headers['content-type'], 'application/pdf');
      assert.equal(download.response.headers['cache-control'], 'no-store');
      assert.equal(
        download.response.headers['content-disposition'],
        `attachment; filename="Eingangsbestaetigung-${reference}.pdf"; filename*=UTF-8''Eingangsbestaetigung-${reference}.pdf`,
      );
      const bytes = download.response.rawPayload;
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');

      // What it states: the answers with their labels, the file with its hash, the data hash.
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
      const submission = await t.app.store.submissions.byId(tenant!.id, inbox.items[0]!.id);
      assert.equal(submission?.reference, reference);
      const text = poppler('pdftotext', bytes, 'citizen.pdf');
      const dataHash = createHash('sha256').update(canonicalJson(submission!.answers)).digest('hex');
      for (const expected of [
        'Eingangsbestätigung',
        reference,
        'Nachweis einreichen',
        'Jürgen Łukasz',
        'Meldebescheinigung.pdf',
        `SHA-256: ${createHash('sha256').update(file).digest('hex')}`,
        dataHash,
        'Demo-Siegel',
      ]) {
        assert.ok(text.includes(expected), `the receipt states ${expected}`);
      }
      const report = poppler('pdfsig', bytes, 'citizen-sig.pdf');
      assert.match(report, /Signature Validation: Signature is Valid\./);
      assert.match(report, /Certificate issuer is unknown/);

      // Issued once: the same bytes again, and for the caseworker, whose download is audited.
      assert.deepEqual((await citizen.get(RECEIPT)).response.rawPayload, bytes);
      const staff = await loginCaseworker(t, 'musterstadt');
      const view = await staff.get(`/staff/submissions/${submission!.id}`);
      assert.equal(view.document.getElementById('data-hash')?.textContent, dataHash);
      const staffLink = getByRole(view.document.body, 'link', {
        name: 'Eingangsbestätigung herunterladen (PDF)',
      });
      const staffDownload = await staff.get(staffLink.getAttribute('href')!);
      assert.equal(staffDownload.status, 200);
      assert.equal(staffDownload.response.headers['cache-control'], 'no-store');
      assert.deepEqual(staffDownload.response.rawPayload, bytes);
      const events = await t.app.store.audit.list(tenant!.id, submission!.id);
      assert.equal(events.filter((e) => e.action === 'receipt.issued').length, 1);
      assert.ok(events.some((e) => e.action === 'receipt.downloaded' && e.actorType === 'staff'));
      const history = await staff.get(`/staff/submissions/${submission!.id}`);
      assert.match(history.body, /Eingangsbestätigung heruntergeladen/);

      // Stored encrypted: the PDF's text is not in the database.
      const row = await t.database.db
        .selectFrom('receipts')
        .select('pdf_enc')
        .where('submission_id', '=', submission!.id)
        .executeTakeFirstOrThrow();
      assert.ok(!row.pdf_enc.includes('%PDF'));
      assert.ok(!Buffer.from(row.pdf_enc, 'base64').includes(Buffer.from('%PDF')));

      // Another tenant's caseworker, and a browser without a staff login, get nothing.
      const other = await loginCaseworker(t, 'beispielhausen');
      assert.equal((await other.get(staffLink.getAttribute('href')!)).status, 404);
      const anonymous = await new HttpClient(t.app.server).get(staffLink.getAttribute('href')!);
      assert.notEqual(anonymous.status, 200);
    });

    test('no other browser gets the receipt: neither a new one, nor one with its own draft or submission', async () => {
      const citizen = new HttpClient(t.app.server);
      const confirmation = await submitApplication(citizen, pdf());
      const reference = confirmation.document.getElementById('vorgangsnummer')?.textContent ?? '';
      const mine = (await citizen.get(RECEIPT)).response.rawPayload;

      // A browser that never started: 404, and the reference in the URL changes nothing.
      const stranger = new HttpClient(t.app.server);
      await stranger.get(BASE);
      for (const url of [RECEIPT, `${RECEIPT}?vorgangsnummer=${encodeURIComponent(reference)}`]) {
        const result = await stranger.get(url);
        assert.equal(result.status, 404);
        assert.equal(result.response.headers['content-type'], 'text/html; charset=utf-8');
      }
      // A browser with an open draft of the same service: 404.
      const drafting = new HttpClient(t.app.server);
      await drafting.submit(await drafting.get(BASE), 'Jetzt starten');
      assert.equal((await drafting.get(RECEIPT)).status, 404);
      // A browser with a submission of its own gets its own receipt, never the other one.
      const otherCitizen = new HttpClient(t.app.server);
      await submitApplication(otherCitizen, pdf(), 'Erika Mustermann');
      const theirs = await otherCitizen.get(RECEIPT);
      assert.equal(theirs.status, 200);
      assert.notDeepEqual(theirs.response.rawPayload, mine);
      assert.ok(!poppler('pdftotext', theirs.response.rawPayload, 'theirs.pdf').includes(reference));
      // Another municipality's path with this browser's session: nothing there either.
      assert.equal(
        (await citizen.get('/beispielhausen/nachweis-einreichen/eingangsbestaetigung.pdf')).status,
        404,
      );
    });

    test('two first downloads at once (or on two instances) keep one receipt, and both get its bytes', async () => {
      const citizen = new HttpClient(t.app.server);
      await submitApplication(citizen, pdf());
      const [a, b] = await Promise.all([citizen.get(RECEIPT), citizen.get(RECEIPT)]);
      assert.equal(a.status, 200);
      assert.deepEqual(a.response.rawPayload, b.response.rawPayload);

      // What a second instance does when it sealed too: its copy is not kept, the first one is returned.
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
      const submissionId = inbox.items[0]!.id;
      const audit = {
        tenantId: tenant!.id,
        actorType: 'citizen' as const,
        actorId: null,
        action: 'receipt.issued',
        subjectType: 'submission',
        subjectId: submissionId,
      };
      const kept = await t.app.store.receipts.add(
        {
          tenantId: tenant!.id,
          submissionId,
          pdf: Buffer.from('%PDF-other'),
          locale: 'de',
          createdAt: new Date().toISOString(),
        },
        audit,
      );
      assert.deepEqual(Buffer.from(kept.pdf), a.response.rawPayload);
      const events = await t.app.store.audit.list(tenant!.id, submissionId);
      assert.equal(events.filter((e) => e.action === 'receipt.issued').length, 1);
      // Another tenant's id finds nothing.
      const other = await t.app.store.tenants.bySlug('beispielhausen');
      assert.equal(await t.app.store.receipts.get(other!.id, submissionId), undefined);
    });

    test('an English-speaking citizen gets the receipt in English', async () => {
      const citizen = new HttpClient(t.app.server);
      citizen.cookies.set('aw_lang', 'en');
      const confirmation = await submitApplicationEnglish(citizen);
      const link = getByRole(confirmation.document.body, 'link', {
        name: 'Download the confirmation of receipt (PDF)',
      });
      const download = await citizen.get(link.getAttribute('href')!);
      assert.equal(download.status, 200);
      assert.match(download.response.headers['content-disposition'] ?? '', /filename="Receipt-/);
      const text = poppler('pdftotext', download.response.rawPayload, 'english.pdf');
      assert.ok(text.includes('Confirmation of receipt'));
      assert.ok(text.includes('Submit a document'));
      assert.equal(queryByRole(confirmation.document.body, 'link', { name: /Eingangsbestätigung/ }), null);
    });
  });
}

describe('without a seal certificate outside demo mode', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(DIALECTS[0]!, { demoSeals: false });
    const tenant = await t.app.store.tenants.bySlug('musterstadt');
    const outcome = await publishService(
      { store: t.app.store, clock: t.app.clock },
      tenant!.id,
      UPLOAD_SERVICE,
    );
    assert.ok(outcome.ok, JSON.stringify(outcome));
  });
  after(() => t.close());

  test('no receipt is offered (never an unsealed or self-made one); the caseworker is told why', async () => {
    const citizen = new HttpClient(t.app.server);
    const confirmation = await submitApplication(citizen, pdf());
    assert.equal(confirmation.status, 200);
    assert.equal(queryByRole(confirmation.document.body, 'link', { name: /Eingangsbestätigung/ }), null);
    assert.equal((await citizen.get(RECEIPT)).status, 404);
    const tenant = await t.app.store.tenants.bySlug('musterstadt');
    assert.equal(await t.app.store.sealCertificates.get(tenant!.id), undefined, 'nothing was generated');
    const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
    const staff = await loginCaseworker(t, 'musterstadt');
    const view = await staff.get(`/staff/submissions/${inbox.items[0]!.id}`);
    assert.match(view.body, /kein Siegelzertifikat eingerichtet/);
    assert.equal(
      (await staff.get(`/staff/submissions/${inbox.items[0]!.id}/eingangsbestaetigung.pdf`)).status,
      404,
    );
  });
});

/** As `submitApplication`, with the English button names. */
async function submitApplicationEnglish(client: HttpClient) {
  await client.submit(await client.get(BASE), /Start now/);
  const step = await client.get(`${BASE}/schritt/nachweis`);
  const next = await client.submit(step, 'Continue', { name: 'Jane Doe' }, [
    { field: 'nachweis', name: 'proof.pdf', content: pdf() },
  ]);
  assert.equal(next.status, 303, next.body.slice(0, 1000));
  const check = await client.visit(next.location!);
  const done = await client.submit(check, 'Send application', { erklaerung: 'ja' });
  assert.equal(done.status, 303);
  return client.visit(done.location!);
}
