/**
 * The definition the browser enhancement reads, served as its own resource per published version
 * (ADR 0022): named by the SHA-256 of its content, cached for a year, one per reading variant,
 * unknown names answer 404, and it holds the definition only, never answers.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CATALOG_CACHE_MS } from '../../src/core/applications.ts';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { demoDefinitionFiles } from '../support/demo-definitions.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';

const DOG = '/musterstadt/hund-anmelden';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A new citizen's first step of Hund anmelden, read as `reading`. */
async function firstStep(t: TestApp, reading: 'de' | 'leicht' = 'de') {
  const client = new HttpClient(t.app.server);
  await client.get(`/sprache/${reading}`);
  const started = await client.submit(await client.get(DOG), 'Jetzt starten');
  return { client, page: await client.get(started.location!) };
}

const definitionHref = (page: PageResult) =>
  page.document.querySelector('form[data-aw-step]')?.getAttribute('data-aw-definition') ?? undefined;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The dog's owner (first step of Hund anmelden), with `marker` as the last name. */
const owner = (marker: string) => ({
  vorname: 'Erika',
  nachname: marker,
  'geburtsdatum-day': '27',
  'geburtsdatum-month': '3',
  'geburtsdatum-year': '1985',
  strasse: 'Hauptstraße',
  hausnummer: '12a',
  plz: '38300',
  ort: 'Musterstadt',
});

for (const dialect of DIALECTS) {
  describe(`the definition for the browser enhancement (${dialect.name})`, () => {
    let t: TestApp;
    let offset = 0;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offset) } });
    });
    after(() => t.close());

    test('is named by the hash of its content, cached for a year, one for every step of a version', async () => {
      const { client, page } = await firstStep(t);
      const href = definitionHref(page);
      assert.match(href ?? '', /^\/musterstadt\/hund-anmelden\/definition\/1\/[0-9a-f]{64}\.json$/);
      // Nothing of it in the page itself.
      assert.equal(page.document.querySelector('script[type="application/json"]'), null);

      const resource = await new HttpClient(t.app.server).get(href!);
      assert.equal(resource.status, 200);
      assert.equal(resource.response.headers['cache-control'], IMMUTABLE);
      assert.equal(resource.response.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(resource.response.headers['set-cookie'], undefined, 'nothing per visitor');
      assert.equal(href, `${DOG}/definition/1/${sha256(resource.body)}.json`);
      assert.equal(JSON.parse(resource.body).id, 'hund-anmelden');

      const next = await client.get(`${DOG}/schritt/hund`);
      assert.equal(definitionHref(next), href, 'the next step names the same resource');
    });

    test('Leichte Sprache is a variant of its own', async () => {
      const standard = definitionHref((await firstStep(t, 'de')).page);
      const easy = definitionHref((await firstStep(t, 'leicht')).page);
      assert.ok(standard && easy);
      assert.notEqual(easy, standard);
      const body = (await new HttpClient(t.app.server).get(easy)).body;
      assert.equal(easy, `${DOG}/definition/1/${sha256(body)}.json`);
      const email = JSON.parse(body).steps[0].fields.find((f: { key: string }) => f.key === 'email');
      assert.match(email.hint.de, /^Haben Sie eine E-Mail-Adresse\?/);
    });

    test('unknown hashes, versions and services answer 404', async () => {
      const href = definitionHref((await firstStep(t)).page)!;
      const hash = /([0-9a-f]{64})\.json$/.exec(href)![1]!;
      const client = new HttpClient(t.app.server);
      for (const url of [
        `${DOG}/definition/1/${'0'.repeat(64)}.json`,
        `${DOG}/definition/1/${hash.toUpperCase()}.json`,
        `${DOG}/definition/1/${hash.slice(0, 63)}.json`,
        `${DOG}/definition/1/abc.json`,
        `${DOG}/definition/99/${hash}.json`,
        `${DOG}/definition/0/${hash}.json`,
        `${DOG}/definition/latest/${hash}.json`,
        `/musterstadt/gibt-es-nicht/definition/1/${hash}.json`,
        `/beispielhausen/hund-anmelden/definition/1/${hash}.json`,
        `/nirgendwo/hund-anmelden/definition/1/${hash}.json`,
      ]) {
        const response = await client.get(url);
        assert.equal(response.status, 404, url);
        assert.notEqual(response.response.headers['cache-control'], IMMUTABLE, url);
      }
    });

    test('holds the definition only: no answers, the same for everyone', async () => {
      const marker = `Quastenflosser${dialect.name}`;
      const { client, page } = await firstStep(t);
      const answered = await client.submit(page, 'Weiter', owner(marker));
      assert.equal(answered.status, 303, answered.body.slice(0, 500));
      const step = await client.get(answered.location!);
      const href = definitionHref(step)!;
      const own = await client.get(href);
      const anonymous = await new HttpClient(t.app.server).get(href);
      assert.equal(own.body, anonymous.body, 'nothing depends on the session');
      assert.ok(!own.body.includes(marker), 'no answer in it');
      assert.ok(!step.body.includes('"steps"'), 'and the page carries no definition');
    });

    test("a draft keeps its version's definition after a new version is published", async () => {
      const { client, page } = await firstStep(t);
      const first = definitionHref(page)!;
      const [dog] = (await demoDefinitionFiles()).filter((f) => f.file === 'musterstadt/hund-anmelden.json');
      const changed = {
        ...(dog!.json as object),
        title: { de: 'Hund anmelden (neu)', en: 'Register a dog' },
      };
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const published = await publishService({ store: t.app.store, clock: t.app.clock }, tenant!.id, changed);
      assert.ok(published.ok);
      const version = published.version.version;
      // New applications start on the new version after at most a few seconds.
      offset += CATALOG_CACHE_MS + 1;

      const again = await client.get(`${DOG}/schritt/halter`);
      assert.equal(definitionHref(again), first, 'the started draft stays on its version');
      assert.equal((await client.get(first)).status, 200);
      const newer = definitionHref((await firstStep(t)).page)!;
      assert.match(newer, new RegExp(`^${DOG}/definition/${version}/[0-9a-f]{64}\\.json$`));
      assert.notEqual(newer, first);
      const body = (await client.get(newer)).body;
      assert.equal(JSON.parse(body).title.de, 'Hund anmelden (neu)');
    });

    test('a step whose questions the browser does not check refers to no definition', async () => {
      const client = new HttpClient(t.app.server);
      await client.submit(await client.get('/musterstadt/bewohnerparkausweis'), 'Jetzt starten');
      // Only a file field: only the server knows the files uploaded so far.
      const page = await client.get('/musterstadt/bewohnerparkausweis/schritt/nachweise');
      assert.equal(page.status, 200);
      assert.equal(definitionHref(page), undefined);
      assert.equal(page.document.querySelector('script'), null, 'and loads no script at all');
      const first = await client.get('/musterstadt/bewohnerparkausweis/schritt/antragsteller');
      assert.ok(definitionHref(first));
    });
  });
}
