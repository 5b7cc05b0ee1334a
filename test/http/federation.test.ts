/**
 * Two installations side by side on loopback (ADR 0054): "Amtsweg Land" on SQLite serves its
 * instance description and catalog feed from a process of its own; "Amtsweg Kreis" on PostgreSQL
 * subscribes to it through its Verwaltung, synchronises, and its Beispielhausen copies Musterstadt's
 * "Hund anmelden" across, publishes it, receives Musterstadt's improvement and merges it. A proxy
 * between them tampers with the feed, re-signs it with a foreign key and replays old versions:
 * each is refused with its reason on the subscription page, and nothing of the page is imported.
 * Then Land rotates its key and Kreis follows it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CompactSign, compactVerify, decodeProtectedHeader, generateKeyPair, importJWK } from 'jose';
import { repoRoot, startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { candidateIdOf, csrfOf, login, upload } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';
import { freePort } from '../support/listening-app.ts';

const [sqlite, postgres] = DIALECTS as [(typeof DIALECTS)[0], (typeof DIALECTS)[0]];
const VERBUND = '/staff/admin/verbund';
const SERVICE = '/staff/design/leistungen/hund-anmelden';

const hundAnmelden = () =>
  JSON.parse(readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'hund-anmelden.json'), 'utf8'));

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

/** What the proxy in front of Land's feed does to it. */
type Mode = 'pass' | 'tamper' | 'hash' | 'foreign' | 'replay';

describe('two installations, one network', () => {
  let land: TestApp;
  let landUrl: string;
  let kreis: TestApp;
  let admin: HttpClient;
  let bh: HttpClient;
  let proxy: Server;
  let proxyUrl: string;
  let mode: Mode = 'pass';
  let landKid: string;
  let draftId: string;

  before(async () => {
    const port = await freePort();
    landUrl = `http://127.0.0.1:${port}`;
    const identity = {
      AMTSWEG_INSTANCE_NAME: 'Amtsweg Land',
      AMTSWEG_INSTANCE_OPERATOR: 'IT-Dienstleister des Landes',
    };
    land = await startTestApp(sqlite, { baseUrl: landUrl, env: identity });
    await land.secondInstance({ ...identity, AMTSWEG_BASE_URL: landUrl, PORT: String(port) });
    kreis = await startTestApp(postgres, {
      env: {
        AMTSWEG_INSTANCE_NAME: 'Amtsweg Kreis',
        AMTSWEG_FEDERATION_ADMINS: 'musterstadt',
        AMTSWEG_FEDERATION_ALLOW_PRIVATE: 'on',
      },
    });
    admin = (await login(kreis, 'musterstadt', 'admin')).client;
    bh = (await login(kreis, 'beispielhausen', 'designer')).client;

    const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    proxy = createServer((request, response) => {
      void (async () => {
        const path = request.url ?? '/';
        const upstream = await fetch(`${landUrl}${mode === 'replay' ? path.replace(/\?.*$/, '') : path}`);
        let body: Record<string, unknown> = await upstream.json();
        if (path.startsWith('/.well-known/')) body = { ...body, feed: `${proxyUrl}/katalog/feed` };
        else {
          const entries = body.entries as Array<{ seq: number; contentHash: string; jws: string }>;
          body.entries = await Promise.all(
            entries.map(async (e) => {
              const [h, p, s] = e.jws.split('.') as [string, string, string];
              if (mode === 'tamper') {
                const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
                payload.package.definition.title.de = 'Hund anmelden (verändert)';
                return {
                  ...e,
                  jws: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`,
                };
              }
              if (mode === 'hash') return { ...e, contentHash: `sha256:${'0'.repeat(64)}` };
              if (mode === 'foreign') {
                const jws = await new CompactSign(Buffer.from(p, 'base64url'))
                  .setProtectedHeader({ alg: 'EdDSA', kid: 'fremd', typ: 'amtsweg-feed-entry+jws' })
                  .sign(foreign.privateKey);
                return { ...e, jws };
              }
              return e;
            }),
          );
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      })().catch((error: unknown) => response.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  after(async () => {
    proxy?.close();
    await kreis?.close();
    await land?.close();
  });

  test('Land describes itself and serves its feed signed with its key', async () => {
    const description = await (await fetch(`${landUrl}/.well-known/amtsweg/instance`)).json();
    assert.equal(description.name, 'Amtsweg Land');
    assert.equal(description.operator, 'IT-Dienstleister des Landes');
    assert.equal(description.feed, `${landUrl}/katalog/feed`);
    assert.equal(description.keys.keys.length, 1);
    const key = description.keys.keys[0];
    landKid = key.kid;
    assert.equal(key.crv, 'Ed25519');
    assert.equal('d' in key, false, 'no private key is published');
    const feed = await (await fetch(`${landUrl}/katalog/feed`)).json();
    assert.equal(feed.next, null);
    assert.equal(feed.entries.length, 1, 'Musterstadt offers one service');
    const [entry] = feed.entries;
    assert.equal(decodeProtectedHeader(entry.jws).kid, landKid);
    const { payload } = await compactVerify(entry.jws, await importJWK(key, 'EdDSA'));
    const signed = JSON.parse(Buffer.from(payload).toString());
    assert.equal(signed.package.contentHash, entry.contentHash);
    assert.equal(signed.entry.slug, 'hund-anmelden');
    assert.equal(signed.package.provenance.version, 1);
    // The same order and the same hash when asked again; nothing after the last position.
    const again = await (await fetch(`${landUrl}/katalog/feed`)).json();
    assert.equal(again.entries[0].contentHash, entry.contentHash);
    const after = await (await fetch(`${landUrl}/katalog/feed?cursor=${entry.seq}`)).json();
    assert.deepEqual(after, { entries: [], next: null });
    const bad = await fetch(`${landUrl}/katalog/feed?cursor=drop%20table`);
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'cursor-invalid');
  });

  test('a wrong key, a bad address and another municipality’s admin are refused; nothing is stored', async () => {
    const page = await admin.get(VERBUND);
    assert.equal(page.status, 200);
    const wrongKey = await admin.submit(page, 'Abonnieren und synchronisieren', {
      feed: `${landUrl}/katalog/feed`,
      schluessel: 'A'.repeat(43),
    });
    assert.equal(wrongKey.status, 400);
    assert.match(wrongKey.body, /veröffentlicht keinen gültigen Schlüssel mit diesem Fingerabdruck/);
    const notFeed = await admin.submit(page, 'Abonnieren und synchronisieren', {
      feed: `${landUrl}/irgendwo`,
      schluessel: landKid,
    });
    assert.equal(notFeed.status, 400);
    assert.match(notFeed.body, /muss auf \/katalog\/feed enden/);
    const ftp = await admin.submit(page, 'Abonnieren und synchronisieren', {
      feed: 'file:///etc/passwd',
      schluessel: landKid,
    });
    assert.equal(ftp.status, 400);
    assert.deepEqual(await kreis.app.store.federation.subscriptions(), []);
    const other = (await login(kreis, 'beispielhausen', 'admin')).client;
    const otherPage = await other.get(VERBUND);
    assert.equal(otherPage.status, 200, 'every admin sees the subscriptions');
    assert.match(otherPage.body, /Abonnements ändern können nur die Admins/);
    const refused = await other.post(VERBUND, {
      _csrf: csrfOf(otherPage),
      feed: `${landUrl}/katalog/feed`,
      schluessel: landKid,
    });
    assert.equal(refused.status, 403);
    assert.equal((await bh.get(VERBUND)).status, 403, 'a designer is no admin');
  });

  test('Kreis subscribes to Land, synchronises and shows Land’s service in its catalog', async () => {
    const page = await admin.get(VERBUND);
    const subscribed = await send(admin, page, 'Abonnieren und synchronisieren', {
      feed: `${landUrl}/katalog/feed`,
      schluessel: landKid,
    });
    assert.equal(subscribed.status, 200);
    assert.match(subscribed.body, /Der Feed wurde abonniert/);
    assert.match(subscribed.body, /In Ordnung: 1 Versionen übernommen/);
    assert.match(subscribed.body, /Amtsweg Land/);
    const catalog = await bh.get('/staff/design/katalog?q=hund');
    const remote = catalog.document.getElementById('katalog-andere')!;
    assert.match(remote.textContent!, /Hund anmelden[\s\S]*Amtsweg Land/);
    assert.match(catalog.body, /Nutzungszahlen und Kommentare bleiben in ihrer Installation/);
    const link = remote.querySelector('a')!.getAttribute('href')!;
    const entry = await bh.get(link);
    assert.equal(entry.status, 200);
    assert.match(
      entry.document.getElementById('installation')!.textContent!,
      /Amtsweg Land \(betrieben von IT-Dienstleister des Landes\)/,
    );
    assert.match(entry.document.getElementById('im-einsatz')!.textContent!, /nirgends/);
  });

  test('Beispielhausen copies the remote service, adapts it and publishes it', async () => {
    const catalog = await bh.get('/staff/design/katalog?q=hund');
    const entry = await bh.get(
      catalog.document.getElementById('katalog-andere')!.querySelector('a')!.getAttribute('href')!,
    );
    const draft = await send(bh, entry, 'Übernehmen', { kennung: 'hund-anmelden' });
    assert.match(draft.path, /^\/staff\/design\/entwuerfe\//);
    draftId = draft.path.split('/').pop()!;
    await send(bh, await bh.get(`${draft.path}/startseite`), 'Speichern', {
      's.officeName.de': 'Gemeinde Beispielhausen, Ordnungsamt',
      's.office.email': 'ordnungsamt@beispielhausen.example',
      's.office.phone': '01234 567-0',
      's.office.address': 'Marktplatz 1, 12345 Beispielhausen',
    });
    await publishDraft('Aus dem Land übernommen');
    const tenant = (await kreis.app.store.tenants.bySlug('beispielhausen'))!;
    assert.equal((await kreis.app.store.services.latestBySlug(tenant.id, 'hund-anmelden'))?.version, 1);
  });

  /** Musterstadt (Land) publishes the next version of "Hund anmelden" with one question changed. */
  async function landPublishes(label: string, message: string) {
    const ms = (await login(land, 'musterstadt', 'designer')).client;
    const improved = hundAnmelden();
    improved.steps[0].fields[1].label.de = label;
    const candidate = await upload(ms, await ms.get('/staff/design'), {
      name: 'hund-anmelden.json',
      content: JSON.stringify(improved),
    });
    const confirm = await ms.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
    const published = await send(ms, confirm, 'Veröffentlichen', {
      ziel: 'naechste-version',
      aenderungsnachricht: message,
    });
    assert.equal(published.status, 200);
  }

  /** "Jetzt synchronisieren" for one subscription, as its row's form posts it. */
  async function syncNow(id: string) {
    const page = await admin.get(VERBUND);
    const form = page.document.querySelector(`form[action="${VERBUND}/${id}/synchronisieren"]`)!;
    const csrf = (form.querySelector('input[name=_csrf]') as HTMLInputElement).value;
    assert.equal((await admin.post(`${VERBUND}/${id}/synchronisieren`, { _csrf: csrf })).status, 303);
    return (await kreis.app.store.federation.subscription(id))!;
  }

  /** Beispielhausen hands its draft over and publishes it. */
  async function publishDraft(message: string) {
    const draft = await bh.get(`/staff/design/entwuerfe/${draftId}`);
    const candidate = await send(bh, draft, 'Zur Vorschau und Veröffentlichung');
    const confirm = await bh.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
    const published = await send(bh, confirm, 'Veröffentlichen', {
      ziel: 'naechste-version',
      aenderungsnachricht: message,
    });
    assert.equal(published.status, 200);
  }

  test('Musterstadt (Land) improves the service; Kreis receives it and Beispielhausen merges it', async () => {
    await landPublishes('Geburtsdatum der Halterin oder des Halters', 'Frage klarer');

    const [subscription] = await kreis.app.store.federation.subscriptions();
    const page = await admin.get(VERBUND);
    const synced = await send(admin, page, /^Jetzt synchronisieren/);
    assert.match(synced.body, /In Ordnung: 1 Versionen übernommen/);
    assert.equal(subscription!.feedUrl, `${landUrl}/katalog/feed`);

    const service = await bh.get(SERVICE);
    assert.match(service.body, /Neue Version von Musterstadt verfügbar: Version 2\./);
    const merged = await send(bh, service, 'Änderungen übernehmen');
    assert.equal(merged.status, 200);
    assert.match(
      merged.document.getElementById('applied-changes')!.textContent!,
      /Geburtsdatum der Halterin/,
    );
    await publishDraft('Verbesserung aus dem Land übernommen');
    const tenant = (await kreis.app.store.tenants.bySlug('beispielhausen'))!;
    const live = await kreis.app.store.services.latestBySlug(tenant.id, 'hund-anmelden');
    const second = live!.definition.steps[0]!.fields[1]!;
    assert.equal('label' in second && second.label.de, 'Geburtsdatum der Halterin oder des Halters');
    assert.equal(live!.definition.local.office.name.de, 'Gemeinde Beispielhausen, Ordnungsamt');
    const rows = [...(await bh.get(SERVICE)).document.querySelectorAll('#versions tbody tr')].map((r) =>
      r.textContent!.replace(/\s+/g, ' '),
    );
    assert.match(rows[0]!, /Verbesserung aus dem Land übernommen Musterstadt, Version 2/);
  });

  test('a tampered feed, a hash that does not match, a foreign key and a replay are refused and reported', async () => {
    mode = 'tamper';
    const page = await admin.get(VERBUND);
    const subscribed = await send(admin, page, 'Abonnieren und synchronisieren', {
      feed: `${proxyUrl}/katalog/feed`,
      schluessel: landKid,
    });
    assert.match(subscribed.body, /Abgelehnt: Nichts von dieser Seite des Feeds wurde übernommen/);
    assert.match(subscribed.body, /Eintrag 1: die Signatur passt nicht zum Inhalt/);
    const viaProxy = (await kreis.app.store.federation.subscriptions()).find((s) =>
      s.feedUrl.startsWith(proxyUrl),
    )!;
    const imported = async () =>
      (await kreis.app.store.federation.heldVersions(viaProxy.id, [await landEntryId()])).get(
        await landEntryId(),
      );
    assert.equal(await imported(), undefined, 'nothing imported');

    const syncProxy = () => syncNow(viaProxy.id);
    mode = 'hash';
    let state = await syncProxy();
    assert.deepEqual(state.report?.kind === 'refused' && state.report.refusals.map((r) => r.reason), [
      'hash-mismatch',
      'hash-mismatch',
    ]);
    mode = 'foreign';
    state = await syncProxy();
    assert.deepEqual(
      state.report?.kind === 'refused' && state.report.refusals.map((r) => [r.reason, r.kid]),
      [
        ['unknown-key', 'fremd'],
        ['unknown-key', 'fremd'],
      ],
    );
    assert.match(
      (await admin.get(VERBUND)).body,
      /mit einem Schlüssel signiert, dem diese Installation nicht vertraut \(fremd\)/,
    );
    assert.equal(await imported(), undefined, 'still nothing imported');
    mode = 'pass';
    state = await syncProxy();
    assert.equal(state.status, 'ok');
    assert.equal(await imported(), 2);
    // The proxy now serves the feed from its start, whatever the cursor: versions already held.
    mode = 'replay';
    state = await syncProxy();
    assert.deepEqual(
      state.report?.kind === 'refused' && state.report.refusals.map((r) => [r.reason, r.version]),
      [
        ['replayed', 1],
        ['replayed', 2],
      ],
    );
    const shown = await admin.get(VERBUND);
    assert.match(
      shown.body,
      /hund-anmelden, Version 1: eine Version, die nicht neuer ist als die hier vorhandene/,
    );
    mode = 'pass';
  });

  async function landEntryId(): Promise<string> {
    const musterstadt = (await land.app.store.tenants.bySlug('musterstadt'))!;
    const live = (await land.app.store.services.latestBySlug(musterstadt.id, 'hund-anmelden'))!;
    return (await land.app.store.catalog.entryOfService(musterstadt.id, live.serviceId))!.id;
  }

  test('Land rotates its key; Kreis follows the rotation and keeps receiving', async () => {
    const rotated = await land.app.instanceKeys.rotate();
    assert.ok(rotated);
    assert.equal(rotated.retired, landKid);
    const description = await (await fetch(`${landUrl}/.well-known/amtsweg/instance`)).json();
    assert.equal(description.keys.keys.length, 2);
    assert.deepEqual(
      description.retired.map((r: { kid: string }) => r.kid),
      [landKid],
    );
    assert.equal(description.rotations.length, 1);
    const feed = await (await fetch(`${landUrl}/katalog/feed`)).json();
    assert.equal(decodeProtectedHeader(feed.entries[0].jws).kid, rotated.key.kid, 'signed with the new key');

    const [direct] = await kreis.app.store.federation.subscriptions();
    const state = await syncNow(direct!.id);
    assert.deepEqual(state.report, { kind: 'ok', imported: 0, keysFollowed: 1 });
    const keys = await kreis.app.store.federation.trustedKeys(direct!.id);
    assert.deepEqual(
      keys.map((k) => [k.kid, k.retiredAt !== null]),
      [
        [landKid, true],
        [rotated.key.kid, false],
      ],
    );
    // A new version signed with the new key is accepted.
    await landPublishes('Geburtsdatum', 'Kürzer');
    assert.deepEqual((await syncNow(direct!.id)).report, {
      kind: 'ok',
      imported: 1,
      keysFollowed: 0,
    });
  });
});
