import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, TEST_DATABASE_URL } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

/**
 * Personal data is encrypted at rest: unique values typed into draft steps and submitted must not
 * appear in plain text anywhere the database or the logs keep bytes.
 */
for (const dialect of DIALECTS) {
  describe(`personal data at rest (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      base = await publishFixture(t);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const published = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant!.id,
        UPLOAD_SERVICE,
      );
      assert.ok(published.ok);
    });
    after(() => t.close());

    test('draft and submitted answers never appear in plain text', async () => {
      // Uploaded files: a draft's (left open) and a submitted one's, content and file name.
      const fileMarkers: string[] = [];
      for (const submitIt of [false, true]) {
        const contentMarker = `Inhalt${randomBytes(6).toString('hex')}`;
        const nameMarker = `Dateiname${randomBytes(6).toString('hex')}`;
        fileMarkers.push(contentMarker, nameMarker);
        const uploader = new HttpClient(t.app.server);
        await uploader.submit(await uploader.get('/musterstadt/nachweis-einreichen'), 'Jetzt starten');
        const step = await uploader.get('/musterstadt/nachweis-einreichen/schritt/nachweis');
        const next = await uploader.submit(step, 'Weiter', { name: 'Erika' }, [
          { field: 'nachweis', name: `${nameMarker}.pdf`, content: pdf(contentMarker) },
        ]);
        assert.equal(next.status, 303);
        if (submitIt) {
          const check = await uploader.visit(next.location!);
          const sent = await uploader.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
          assert.equal(sent.status, 303);
        }
      }
      const draftMarker = `Draft${randomBytes(6).toString('hex')}`;
      const submitMarker = `Submit${randomBytes(6).toString('hex')}`;
      // One draft stays open (answers only in the drafts table)…
      await fillFixture(new HttpClient(t.app.server), base, draftMarker);
      // …and one is submitted.
      const client = new HttpClient(t.app.server);
      const check = await fillFixture(client, base, submitMarker);
      const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(done.status, 303);
      // The caseworker reads it (decryption works), so the values really were stored.
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
      const stored = await t.app.store.submissions.byId(tenant!.id, inbox.items[0]!.id);
      assert.equal(stored?.answers.vorname, `Vorname${submitMarker}`);
      // The submitted file really was stored (and decrypts to its content).
      const sentFiles = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 10 });
      const withFile = sentFiles.items.find((i) => i.serviceSlug === 'nachweis-einreichen');
      const [sentFile] = await t.app.store.attachments.ofSubmission(tenant!.id, withFile!.id);
      assert.equal(sentFile?.name, `${fileMarkers[3]}.pdf`);
      const sentContent = await t.app.store.attachments.contentOfSubmission(
        tenant!.id,
        withFile!.id,
        sentFile!.id,
      );
      assert.ok(Buffer.from(sentContent!.content).includes(fileMarkers[2]!));

      const places: Array<[string, string]> = [['logs', t.logs()]];
      if (dialect.name === 'sqlite') {
        const file = t.database.sqlitePath!;
        for (const path of [file, `${file}-wal`, `${file}-shm`]) {
          assert.ok(existsSync(path) || !path.endsWith('-wal'), `${path} exists`);
          if (existsSync(path)) places.push([path, readFileSync(path).toString('latin1')]);
        }
      } else {
        const dump = execFileSync(
          'pg_dump',
          ['--dbname', TEST_DATABASE_URL, '--schema', t.database.schema!, '--data-only'],
          {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        assert.match(dump, /COPY/, 'the dump has data');
        places.push(['pg_dump', dump]);
      }
      for (const [place, bytes] of places) {
        for (const marker of [
          draftMarker,
          submitMarker,
          draftMarker.toLowerCase(),
          submitMarker.toLowerCase(),
          ...fileMarkers,
        ]) {
          assert.ok(!bytes.includes(marker), `${marker} found in plain text in ${place}`);
        }
      }
    });
  });
}
