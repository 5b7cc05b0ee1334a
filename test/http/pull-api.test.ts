import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient } from '../support/delivery.ts';
import { FIXTURE_SERVICE, publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const PAGE = '/staff/admin/api-schluessel';

/** The parts of a fetched submission the tests read. */
interface Doc {
  format: string;
  idempotencyKey: string;
  acknowledgedAt: string | null;
  submission: { reference: string };
  answers: Record<string, unknown>;
  attachments: Array<{ filename: string; sha256: string; links: { content: string } }>;
}

/**
 * The pull API (ADR 0041): an admin creates a key (shown once, stored hashed, audited); a
 * specialist system lists new submissions, fetches one with its file and receipt, acknowledges it;
 * every refusal is JSON and none tells another municipality's or service's data apart from none.
 */
for (const dialect of DIALECTS) {
  describe(`pull API (${dialect.name})`, () => {
    let t: TestApp;
    let tenantId: string;
    let uploadServiceId: string;

    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
      await publishFixture(t, 'beispielhausen');
      tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const published = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenantId,
        UPLOAD_SERVICE,
      );
      assert.ok(published.ok);
      uploadServiceId = (await t.app.store.services.latestBySlug(tenantId, UPLOAD_SERVICE.id))!.serviceId;
    });
    after(() => t.close());

    const api = (method: 'GET' | 'POST', url: string, key?: string, extra: Record<string, string> = {}) =>
      t.app.server.inject({
        method,
        url,
        headers: { ...(key !== undefined && { authorization: `Bearer ${key}` }), ...extra },
      });

    /** Creates a key through the admin's form; returns it as the page showed it. */
    async function createKey(admin: HttpClient, label: string, service = ''): Promise<string> {
      const page = await admin.get(PAGE);
      const created = await admin.submit(page, 'Schlüssel erstellen', {
        bezeichnung: label,
        leistung: service,
      });
      assert.equal(created.status, 303, created.body);
      const shown = await admin.get(created.location!);
      assert.equal(shown.status, 200);
      const key = shown.document.querySelector('#new-key')?.textContent;
      assert.ok(key, 'the new key is shown');
      // Shown once: the same page again shows it no more.
      const again = await admin.get(created.location!);
      assert.equal(again.document.querySelector('#new-key'), null);
      assert.ok(!again.body.includes(key));
      return key;
    }

    async function uploadAndSubmit(marker: string) {
      const citizen = new HttpClient(t.app.server);
      await citizen.submit(await citizen.get('/musterstadt/nachweis-einreichen'), 'Jetzt starten');
      const step = await citizen.get('/musterstadt/nachweis-einreichen/schritt/nachweis');
      const next = await citizen.submit(step, 'Weiter', { name: `Erika ${marker}` }, [
        { field: 'nachweis', name: `nachweis-${marker}.pdf`, content: pdf(marker) },
      ]);
      assert.equal(next.status, 303);
      const check = await citizen.visit(next.location!);
      const sent = await citizen.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(sent.status, 303);
    }

    test('an admin creates a key (shown once, stored only as a keyed hash, audited)', async () => {
      const admin = await adminClient(t);
      const key = await createKey(admin, 'Fachverfahren Hundesteuer');
      assert.match(key, /^amtsweg_[A-Za-z0-9_-]{43}$/);
      const page = await admin.get(PAGE);
      const row = getByRole(page.document.body, 'cell', { name: 'Fachverfahren Hundesteuer' }).closest('tr')!;
      assert.match(row.textContent!, new RegExp(`${key.slice(0, 12)}…`));
      assert.match(row.textContent!, /Alle Leistungen/);
      const stored = await t.database.db.selectFrom('api_keys').selectAll().execute();
      assert.ok(stored.length >= 1);
      for (const r of stored)
        assert.ok(!Object.values(r).some((v) => typeof v === 'string' && v.includes(key.slice(12))));
      const created = stored.find((r) => r.label === 'Fachverfahren Hundesteuer')!;
      const events = await t.app.store.audit.list(tenantId, created.id);
      assert.deepEqual(
        events.map((e) => [e.action, e.actorType]),
        [['api_key.created', 'staff']],
      );
    });

    test('a refused form changes nothing and says why', async () => {
      const admin = await adminClient(t);
      const before = (await t.app.store.apiKeys.list(tenantId)).length;
      const page = await admin.get(PAGE);
      const empty = await admin.submit(page, 'Schlüssel erstellen', { bezeichnung: '  ' });
      assert.equal(empty.status, 400);
      assert.match(empty.body, /Geben Sie eine Bezeichnung ein\./);
      const long = await admin.submit(page, 'Schlüssel erstellen', { bezeichnung: 'x'.repeat(101) });
      assert.equal(long.status, 400);
      assert.match(long.body, /höchstens 100 Zeichen/);
      // Another municipality's service, or none, cannot be chosen.
      const other = await adminClient(t, 'beispielhausen');
      const otherTenant = (await t.app.store.tenants.bySlug('beispielhausen'))!.id;
      const otherService = (await t.app.store.services.latestBySlug(otherTenant, FIXTURE_SERVICE))!.serviceId;
      const csrf = page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const forged = await admin.post(PAGE, { _csrf: csrf, bezeichnung: 'Fremd', leistung: otherService });
      assert.equal(forged.status, 400);
      assert.match(forged.body, /Wählen Sie eine Leistung aus der Liste\./);
      assert.equal((await admin.post(PAGE, { bezeichnung: 'Ohne Token' })).status, 403, 'CSRF-checked');
      assert.equal((await t.app.store.apiKeys.list(tenantId)).length, before);
      assert.doesNotMatch((await other.get(PAGE)).body, /Fachverfahren Hundesteuer/);
    });

    test('a system lists, fetches (data, file, receipt) and acknowledges new submissions', async () => {
      const admin = await adminClient(t);
      const key = await createKey(admin, 'Alles');
      const first = await submitFixtureDirectly(t, 'Pull1');
      await uploadAndSubmit('Pull2');
      const third = await submitFixtureDirectly(t, 'Pull3');
      await submitFixtureDirectly(t, 'Fremd', 'beispielhausen');

      const list = await api('GET', '/api/v1/submissions?limit=100', key);
      assert.equal(list.statusCode, 200);
      assert.equal(list.headers['cache-control'], 'no-store');
      const items = (
        list.json() as { items: Array<{ id: string; reference: string; links: { self: string } }> }
      ).items;
      const references = items.map((i) => i.reference);
      assert.ok(references.includes(first.reference) && references.includes(third.reference));
      assert.ok(references.indexOf(first.reference) < references.indexOf(third.reference), 'oldest first');
      assert.equal(items.length, 3, "only this municipality's");

      // Paging: one at a time, following `next`, gives the same list.
      const paged: string[] = [];
      let next: string | null = '/api/v1/submissions?limit=1';
      while (next) {
        const page = await api('GET', next.replace(/^https?:\/\/[^/]+/, ''), key);
        const body = page.json() as { items: Array<{ reference: string }>; links: { next: string | null } };
        paged.push(...body.items.map((i) => i.reference));
        next = body.links.next;
      }
      assert.deepEqual(paged, references);

      const detail = await api('GET', `/api/v1/submissions/${first.id}`, key);
      assert.equal(detail.statusCode, 200);
      const document = detail.json() as Doc;
      assert.equal(document.format, 'amtsweg.submission/1');
      assert.equal(document.submission.reference, first.reference);
      assert.equal(document.answers.vorname, 'VornamePull1');
      assert.equal(document.acknowledgedAt, null);
      assert.equal(document.idempotencyKey, `${first.id}.pull`);

      // The uploaded file, byte for byte, with the hash the document names.
      const withFile = items.find(
        (i) => !['Pull1', 'Pull3'].some((m) => i.reference === (m === 'Pull1' ? first : third).reference),
      )!;
      const fileDoc = (await api('GET', `/api/v1/submissions/${withFile.id}`, key)).json() as Doc;
      assert.equal(fileDoc.answers.name, 'Erika Pull2');
      const [file] = fileDoc.attachments;
      assert.ok(file, 'the file is listed');
      assert.equal(file.filename, 'nachweis-Pull2.pdf');
      const content = await api('GET', new URL(file.links.content).pathname, key);
      assert.equal(content.statusCode, 200);
      assert.equal(content.headers['content-type'], 'application/pdf');
      assert.equal(createHash('sha256').update(content.rawPayload).digest('hex'), file.sha256);
      assert.ok(content.rawPayload.includes('Pull2'));
      assert.equal(
        (await api('GET', `/api/v1/submissions/${withFile.id}/attachments/nope`, key)).statusCode,
        404,
      );

      const receipt = await api('GET', `/api/v1/submissions/${first.id}/receipt`, key);
      assert.equal(receipt.statusCode, 200);
      assert.equal(receipt.headers['content-type'], 'application/pdf');
      assert.equal(receipt.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const staffCopy = await t.app.store.receipts.get(tenantId, first.id);
      assert.ok(
        staffCopy && Buffer.from(staffCopy.pdf).equals(receipt.rawPayload),
        'the same stored receipt',
      );

      const ack = await api('POST', `/api/v1/submissions/${first.id}/acknowledgement`, key);
      assert.equal(ack.statusCode, 200, ack.body);
      const acked = ack.json() as { acknowledgedAt: string; alreadyAcknowledged: boolean };
      assert.equal(acked.alreadyAcknowledged, false);
      const again = (
        await api('POST', `/api/v1/submissions/${first.id}/acknowledgement`, key)
      ).json() as typeof acked;
      assert.deepEqual(again, { ...acked, alreadyAcknowledged: true });
      const after = (await api('GET', '/api/v1/submissions', key)).json() as { items: Array<{ id: string }> };
      assert.ok(!after.items.some((i) => i.id === first.id), 'acknowledged: no longer new');
      const fetchedAgain = (await api('GET', `/api/v1/submissions/${first.id}`, key)).json() as Doc;
      assert.equal(fetchedAgain.acknowledgedAt, acked.acknowledgedAt, 'still readable by its id');

      const events = await t.app.store.audit.list(tenantId, first.id);
      const apiEvents = events.filter((e) => e.details?.apiKey === 'Alles').map((e) => e.action);
      assert.deepEqual(apiEvents, [
        'submission.fetched',
        'receipt.fetched',
        'submission.acknowledged',
        'submission.fetched',
      ]);
      // The caseworker's history says it in words.
      const { client: cw } = await staffLogin(t, demoCredential(t));
      const history = await cw.get(`/staff/submissions/${first.id}`);
      assert.match(history.body, /Übernahme durch das Fachverfahren bestätigt \(Schlüssel „Alles“\)/);
      assert.doesNotMatch(t.logs(), /VornamePull1/, 'no personal data in the logs');
    });

    test('refusals are JSON and never tell another municipality or service apart from nothing', async () => {
      const admin = await adminClient(t);
      const key = await createKey(admin, 'Nur Nachweise', uploadServiceId);
      const own = await submitFixtureDirectly(t, 'Bereich');
      const otherKey = await createKey(await adminClient(t, 'beispielhausen'), 'Beispielhausen');

      const none = await api('GET', '/api/v1/submissions');
      assert.equal(none.statusCode, 401);
      assert.equal(none.headers['www-authenticate'], 'Bearer realm="amtsweg"');
      assert.match((none.json() as { error: { message: string } }).error.message, /Authorization: Bearer/);
      const wrong = await api('GET', '/api/v1/submissions', `amtsweg_${'A'.repeat(43)}`);
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.headers['www-authenticate'], 'Bearer realm="amtsweg", error="invalid_token"');
      assert.equal(
        (await api('GET', '/api/v1/submissions', undefined, { authorization: `Basic ${key}` })).statusCode,
        401,
      );
      // English on request.
      const english = await api('GET', '/api/v1/submissions', undefined, {
        'accept-language': 'en-GB,en;q=0.8',
      });
      assert.match((english.json() as { error: { message: string } }).error.message, /No valid API key/);

      // The restricted key sees its own service only.
      const listed = (await api('GET', '/api/v1/submissions?limit=100', key)).json() as {
        items: Array<{ service: { slug: string } }>;
      };
      assert.ok(listed.items.length >= 1);
      assert.ok(listed.items.every((i) => i.service.slug === UPLOAD_SERVICE.id));
      const forbidden = await api('GET', `/api/v1/submissions?service=${FIXTURE_SERVICE}`, key);
      assert.equal(forbidden.statusCode, 403);
      assert.equal((forbidden.json() as { error: { code: string } }).error.code, 'forbidden');
      assert.equal((await api('GET', '/api/v1/submissions?service=gibt-es-nicht', key)).statusCode, 404);

      // Another service's, another municipality's and a made-up submission answer alike.
      const missing = await api('GET', '/api/v1/submissions/00000000-0000-0000-0000-000000000000', key);
      assert.equal(missing.statusCode, 404);
      for (const [k, id] of [
        [key, own.id],
        [otherKey, own.id],
      ] as const) {
        for (const path of ['', '/receipt', '/attachments/x']) {
          const answer = await api('GET', `/api/v1/submissions/${id}${path}`, k);
          assert.equal(answer.statusCode, 404, path);
          assert.equal(answer.body, missing.body);
        }
        const ack = await api('POST', `/api/v1/submissions/${id}/acknowledgement`, k);
        assert.equal(ack.statusCode, 404);
      }
      assert.equal((await t.app.store.pull.item(tenantId, own.id))?.acknowledgedAt, null, 'nothing changed');

      // Bad input: a clear 400, a body where none belongs 415, an unknown path 404 — all JSON.
      for (const limit of ['0', '101', 'abc', '-1']) {
        const bad = await api('GET', `/api/v1/submissions?limit=${limit}`, otherKey);
        assert.equal(bad.statusCode, 400, limit);
        assert.match(
          (bad.json() as { error: { message: string } }).error.message,
          /ganze Zahl von 1 bis 100/,
        );
      }
      const withBody = await t.app.server.inject({
        method: 'POST',
        url: `/api/v1/submissions/${own.id}/acknowledgement`,
        headers: { authorization: `Bearer ${otherKey}`, 'content-type': 'application/json' },
        payload: '{"x":1}',
      });
      assert.equal(withBody.statusCode, 415);
      assert.equal((withBody.json() as { error: { code: string } }).error.code, 'unsupported_media_type');
      const unknown = await api('GET', '/api/v1/nichts', otherKey);
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.headers['content-type'] as string, /^application\/json/);
    });

    test('a revoked key is refused at once; only the own admin revokes, CSRF-checked, audited', async () => {
      const admin = await adminClient(t);
      const key = await createKey(admin, 'Wird widerrufen');
      assert.equal((await api('GET', '/api/v1/submissions', key)).statusCode, 200);
      const stored = (await t.app.store.apiKeys.list(tenantId)).find((k) => k.label === 'Wird widerrufen')!;
      assert.ok(stored.lastUsedAt, 'last use is noted');
      const action = `${PAGE}/${stored.id}/widerrufen`;
      assert.equal((await admin.post(action, {})).status, 403, 'without the CSRF token');
      const other = await adminClient(t, 'beispielhausen');
      const otherCsrf = (await other.get(PAGE)).document.querySelector<HTMLInputElement>(
        'input[name=_csrf]',
      )!.value;
      assert.equal((await other.post(action, { _csrf: otherCsrf })).status, 404);
      assert.equal((await api('GET', '/api/v1/submissions', key)).statusCode, 200, 'still valid');

      const page = await admin.get(PAGE);
      const revoked = await admin.submit(page, 'Widerrufen: Wird widerrufen');
      assert.equal(revoked.status, 303);
      const shown = await admin.get(revoked.location!);
      assert.match(shown.body, /Der Schlüssel ist widerrufen\./);
      assert.match(shown.body, /Widerrufen am/);
      assert.equal((await api('GET', '/api/v1/submissions', key)).statusCode, 401);
      const events = await t.app.store.audit.list(tenantId, stored.id);
      assert.deepEqual(
        events.map((e) => e.action),
        ['api_key.created', 'api_key.revoked'],
      );
    });
  });
}
