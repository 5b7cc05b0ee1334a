/**
 * Service packages through the real app on both databases (ADR 0051): Musterstadt downloads a
 * published version as a package (operational configuration set for the service is absent), and
 * Beispielhausen imports it as an editor draft, fills in its office and publishes it — the round
 * trip keeps every step, field and text. A second import of the same package under a live id asks
 * whether it becomes the next version or a new service. Bad input gets a clear 4xx and stores
 * nothing; only designers may, and another municipality's service is a 404.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { JSDOM } from 'jsdom';
import { OPERATOR } from '../../src/core/administration.ts';
import { OperationalSettings } from '../../src/core/operational-settings.ts';
import { contentHash, MAX_PACKAGE_BYTES, readPackage, sealPackage } from '../../src/core/service-package.ts';
import { settingKinds } from '../../src/core/settings/registry.ts';
import type { ServicePackage, UnhashedPackage } from '../../src/definition/package/format.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, candidateIdOf, csrfOf, login } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const WEBHOOK_URL = 'https://fachverfahren.musterstadt.example/geheimer-eingang';
const WEBHOOK_SECRET = 'ein-sehr-geheimes-webhook-geheimnis-0123456789';

/** Posts the import form as a browser does: multipart, the CSRF token first, then the file. */
async function importPackage(
  client: HttpClient,
  csrf: string | undefined,
  content: string | Buffer,
): Promise<PageResult> {
  const boundary = `----amtsweg${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `${csrf === undefined ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`}` +
        `--${boundary}\r\nContent-Disposition: form-data; name="paket"; filename="paket.amtsweg.json"\r\n` +
        'Content-Type: application/json\r\n\r\n',
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await client.server.inject({
    method: 'POST',
    url: '/staff/design/paket',
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  if (response.statusCode === 303) return client.visit(response.headers.location as string);
  return {
    status: response.statusCode,
    location: undefined,
    body: response.body,
    document: new JSDOM(response.body).window.document,
    response,
  };
}

/** Submits as a browser does and follows the redirect; `path` is where it ended. */
async function send(
  client: HttpClient,
  page: PageResult,
  button: string | RegExp,
  values: Record<string, string> = {},
): Promise<PageResult & { path: string }> {
  const result = await client.submit(page, button, values);
  if (!result.location) return { ...result, path: '' };
  return { ...(await client.visit(result.location)), path: new URL(result.location, 'http://x').pathname };
}

for (const dialect of DIALECTS) {
  describe(`service packages (${dialect.name})`, () => {
    let t: TestApp;
    let ms: HttpClient;
    let bh: HttpClient;
    let bhId: string;
    let exported: { text: string; pkg: ServicePackage };

    before(async () => {
      t = await startTestApp(dialect);
      ms = (await login(t, 'musterstadt', 'designer')).client;
      bh = (await login(t, 'beispielhausen', 'designer')).client;
      bhId = (await t.app.store.tenants.bySlug('beispielhausen'))!.id;
      // Musterstadt's operational configuration of the service: never part of a package.
      const msId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const live = await t.app.store.services.latestBySlug(msId, 'hund-anmelden');
      const settings = new OperationalSettings({
        store: t.app.store,
        clock: t.app.clock,
        kinds: settingKinds,
      });
      const webhook = await settings.save(
        msId,
        live!.serviceId,
        'delivery.webhook',
        { enabled: 'on', url: WEBHOOK_URL, secret: WEBHOOK_SECRET },
        OPERATOR,
      );
      assert.ok(webhook.ok, JSON.stringify(webhook));
      const retention = await settings.save(
        msId,
        live!.serviceId,
        'drafts.retention',
        { days: '17' },
        OPERATOR,
      );
      assert.ok(retention.ok);
    });
    after(() => t.close());

    test('Musterstadt downloads a version as a package, without its operational configuration', async () => {
      const service = await ms.get('/staff/design/leistungen/hund-anmelden');
      const link = getByRole(service.document.body, 'link', { name: 'Version 1 als Paket herunterladen' });
      const response = await ms.server.inject({
        method: 'GET',
        url: link.getAttribute('href')!,
        headers: { cookie: [...ms.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(
        response.headers['content-type'],
        'application/vnd.amtsweg.service-package+json; charset=utf-8',
      );
      assert.match(
        String(response.headers['content-disposition']),
        /^attachment; filename="musterstadt-hund-anmelden-v1\.amtsweg\.json"/,
      );
      const read = readPackage(response.rawPayload);
      assert.ok(read.ok, JSON.stringify(!read.ok && read.refusal));
      exported = { text: response.body, pkg: read.pkg };
      assert.deepEqual(read.pkg.provenance.attribution, ['Musterstadt']);
      assert.equal(read.pkg.provenance.licence, 'EUPL-1.2');
      assert.equal(read.pkg.provenance.version, 1);
      assert.equal((read.pkg.definition as { id: string }).id, 'hund-anmelden');
      // Texts in all three languages travel with it; the endpoint, secret and retention do not.
      assert.match(response.body, /"ls":/);
      assert.match(response.body, /"en":/);
      for (const secret of [
        WEBHOOK_URL,
        WEBHOOK_SECRET,
        'fachverfahren',
        'webhook',
        'retention',
        'delivery',
      ]) {
        assert.ok(
          !response.body.toLowerCase().includes(secret.toLowerCase()),
          `${secret} is not in the package`,
        );
      }
    });

    test('only designers of the municipality: another one gets 404, a caseworker 403', async () => {
      const url = '/staff/design/leistungen/hund-anmelden/versionen/1/paket';
      assert.equal((await bh.get(url)).status, 404, "another municipality's service");
      assert.equal((await ms.get('/staff/design/leistungen/hund-anmelden/versionen/9/paket')).status, 404);
      assert.equal((await ms.get('/staff/design/leistungen/hund-anmelden/versionen/0/paket')).status, 404);
      const { client } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await client.get(url)).status, 403);
      assert.equal((await client.get('/staff/design/paket')).status, 403);
      const csrf = csrfOf(await client.get('/staff/inbox'));
      assert.equal((await importPackage(client, csrf, exported.text)).status, 403);
      assert.equal((await t.app.store.editorDrafts.list(bhId)).length, 0);
    });

    test('bad packages are refused with the reason, and nothing is stored', async () => {
      const page = await bh.get('/staff/design/paket');
      assert.equal(page.status, 200);
      const csrf = csrfOf(page);
      const pkg = exported.pkg;
      const reseal = (changed: UnhashedPackage) => JSON.stringify(sealPackage(changed));
      const { contentHash: _hash, ...unhashed } = pkg;
      const noTitle = structuredClone(unhashed);
      delete (noTitle.definition as { title?: unknown }).title;
      const badPattern = structuredClone(unhashed) as UnhashedPackage & {
        definition: { steps: Array<{ fields: Array<Record<string, unknown>> }> };
      };
      badPattern.definition.steps[0]!.fields[0]!.pattern = '^(a+)+$';
      const cases: Array<[string, string | Buffer, number, RegExp, string?]> = [
        ['malformed JSON', '{"format": "amtsweg-service-package", ', 400, /kein gültiges JSON/],
        ['another file', JSON.stringify(pkg.definition), 400, /kein Amtsweg-Paket/],
        [
          'another format version',
          JSON.stringify({ ...pkg, formatVersion: 2 }),
          400,
          /Format, das diese Installation nicht lesen kann/,
          '/formatVersion',
        ],
        [
          'a delivery endpoint added by hand',
          reseal({ ...unhashed, delivery: { url: WEBHOOK_URL } } as UnhashedPackage),
          400,
          /entspricht nicht dem Paketformat/,
          '/delivery',
        ],
        [
          'changed content',
          JSON.stringify({ ...pkg, exportedAt: '2020-01-01T00:00:00.000Z' }),
          400,
          /Prüfsumme stimmt nicht/,
          '/contentHash',
        ],
        [
          'a definition failing the check',
          reseal(noTitle),
          400,
          /besteht die Prüfung nicht/,
          '/definition/title',
        ],
        [
          'a pattern that could block the server',
          reseal(badPattern),
          400,
          /besteht die Prüfung nicht/,
          '/definition/steps/0/fields/0/pattern',
        ],
        ['an empty file', '', 400, /Wählen Sie eine Paketdatei aus/],
        ['an oversized file', Buffer.alloc(MAX_PACKAGE_BYTES + 10, 32), 413, /größer als/],
      ];
      for (const [what, content, status, message, path] of cases) {
        const refused = await importPackage(bh, csrf, content);
        assert.equal(refused.status, status, what);
        assert.match(alerts(refused)[0] ?? '', message, what);
        assert.match(refused.body, /Es wurde nichts gespeichert/, what);
        if (path) {
          assert.ok(
            refused.document.getElementById('package-problems')?.textContent?.includes(path),
            `${what}: ${path} in ${refused.document.getElementById('package-problems')?.textContent}`,
          );
        }
      }
      // A forged form (no CSRF token) is refused before the file is read.
      assert.equal((await importPackage(bh, undefined, exported.text)).status, 403);
      assert.equal((await importPackage(bh, 'falsch', exported.text)).status, 403);
      assert.deepEqual(await t.app.store.editorDrafts.list(bhId), []);
      assert.equal(await t.app.store.services.latestBySlug(bhId, 'hund-anmelden'), undefined);
    });

    test('Beispielhausen imports it as a draft, fills in its office and publishes: the round trip keeps the service', async () => {
      const home = await bh.get('/staff/design');
      const form = await bh.get(
        getByRole(home.document.body, 'link', { name: 'Paket importieren' }).getAttribute('href')!,
      );
      const draft = await importPackage(bh, csrfOf(form), exported.text);
      assert.equal(draft.status, 200);
      const startedFrom = draft.document.getElementById('gestartet-aus')!.textContent!;
      assert.match(startedFrom, /Aus einem Paket importiert/);
      assert.match(startedFrom, /Musterstadt/);
      assert.match(startedFrom, /Lizenz: EUPL-1\.2/);
      assert.match(draft.body, /Platzhalter offen: 4/);
      const [stored] = await t.app.store.editorDrafts.list(bhId);
      assert.equal(stored?.source, 'package');
      assert.equal(stored?.sourceId, exported.pkg.contentHash);
      assert.equal(
        await t.app.store.services.latestBySlug(bhId, 'hund-anmelden'),
        undefined,
        'nothing published',
      );

      const published = await fillOfficeAndPublish(`/staff/design/entwuerfe/${stored!.id}`);
      assert.equal(published.status, 200);
      const live = await t.app.store.services.latestBySlug(bhId, 'hund-anmelden');
      assert.equal(live?.version, 1);
      assert.equal(live?.definition.local.office.name.de, 'Gemeinde Beispielhausen, Ordnungsamt');
      const original = exported.pkg.definition as unknown as typeof live.definition;
      // Shared content unchanged: steps, fields, rules and texts in every language.
      assert.deepEqual(live?.definition.steps, original.steps);
      assert.deepEqual(live?.definition.title, original.title);
      assert.deepEqual(live?.definition.summary, original.summary);
      assert.deepEqual(live?.definition.startPage, original.startPage);
      assert.deepEqual(live?.definition.local.fee, original.local.fee);
      assert.match(live!.definition.notes!.at(-1)!.text, /Namensnennung: Musterstadt/);
      // Exported again from Beispielhausen, it names Musterstadt's note and its own municipality.
      const again = await bh.get('/staff/design/leistungen/hund-anmelden/versionen/1/paket');
      assert.equal(again.status, 200);
      const read = readPackage(Buffer.from(again.body));
      assert.ok(read.ok);
      assert.deepEqual(read.pkg.provenance.attribution, ['Beispielhausen']);
      assert.equal(read.pkg.contentHash, contentHash((({ contentHash: _, ...rest }) => rest)(read.pkg)));
    });

    test('the same package under a live id asks: next version or a new service', async () => {
      const form = await bh.get('/staff/design/paket');
      const draft = await importPackage(bh, csrfOf(form), exported.text);
      assert.equal(draft.status, 200);
      const drafts = await t.app.store.editorDrafts.list(bhId);
      const second = drafts.find((d) => d.source === 'package')!;
      assert.ok(second.basedOnVersionId, 'continues the live service');
      const { confirm } = await fillOffice(`/staff/design/entwuerfe/${second.id}`);
      assert.equal(confirm.status, 200);
      assert.ok(confirm.document.querySelector('input[name=ziel][value=naechste-version]'));
      assert.ok(confirm.document.querySelector('input[name=ziel][value=neue-leistung]'));
      const unchosen = await bh.submit(confirm, 'Veröffentlichen', { aenderungsnachricht: 'Aus dem Paket' });
      assert.equal(unchosen.status, 400);
      assert.equal((await t.app.store.services.latestBySlug(bhId, 'hund-anmelden'))?.version, 1);
    });

    /** The importer's office in the draft's start page settings, then the hand-over's confirmation page. */
    async function fillOffice(draftPath: string): Promise<{ confirm: PageResult }> {
      const general = await bh.get(`${draftPath}/startseite`);
      const saved = await send(bh, general, 'Speichern', {
        's.officeName.de': 'Gemeinde Beispielhausen, Ordnungsamt',
        's.officeName.en': 'Municipality of Beispielhausen, public order office',
        's.office.email': 'ordnungsamt@beispielhausen.example',
        's.office.phone': '01234 567-0',
        's.office.address': 'Marktplatz 1, 12345 Beispielhausen',
      });
      assert.equal(saved.status, 200);
      const adapted = await bh.get(draftPath);
      assert.doesNotMatch(adapted.body, /Platzhalter offen/);
      const candidate = await send(bh, adapted, 'Zur Vorschau und Veröffentlichung');
      return { confirm: await bh.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`) };
    }

    async function fillOfficeAndPublish(draftPath: string): Promise<PageResult> {
      const { confirm } = await fillOffice(draftPath);
      return send(bh, confirm, 'Veröffentlichen', { aenderungsnachricht: 'Aus dem Paket von Musterstadt' });
    }
  });
}
