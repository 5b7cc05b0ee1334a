/**
 * What one anonymous client may do (ADR 0027): drafts started and bytes uploaded per hour, from
 * the municipality's `limits.citizens` (429 with Retry-After beyond), the files of one draft in
 * total, and drafts that were started but never answered, which expire after hours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { OPERATOR } from '../../src/core/administration.ts';
import { UNANSWERED_DRAFT_HOURS } from '../../src/core/applications.ts';
import { RateLimitError } from '../../src/core/errors.ts';
import { OperationalSettings } from '../../src/core/operational-settings.ts';
import { publishService } from '../../src/core/publishing.ts';
import { settingKinds } from '../../src/core/settings/registry.ts';
import { MAX_DRAFT_FILE_BYTES, screening } from '../../src/core/uploads.ts';
import { runRetention } from '../../src/jobs/retention.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const HOUR_MS = 60 * 60 * 1000;
const SHA256 = 'a'.repeat(64);
const DAY_MS = 24 * HOUR_MS;

/** A clock the test moves. */
function movableClock(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** The upload service, with room for files of 10 MB each. */
const BIG_FILES = structuredClone(UPLOAD_SERVICE);
Object.assign(BIG_FILES, { id: 'unterlagen-einreichen' });
Object.assign(BIG_FILES.steps[0]?.fields[1] ?? {}, { maxSizeBytes: 10 * 1024 * 1024, maxFiles: 10 });

/** A PDF of exactly `bytes` bytes. */
const pdfOf = (bytes: number) => {
  const head = pdf('limits');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x20)]);
};

const dialect = DIALECTS[0];
if (dialect) {
  describe('limits of anonymous clients', () => {
    let t: TestApp;
    const clock = movableClock('2026-03-02T08:00:00Z');
    before(async () => {
      t = await startTestApp(dialect, { clock });
      const tenant = await t.app.store.tenants.bySlug('beispielhausen');
      assert.ok(tenant);
      const published = await publishService({ store: t.app.store, clock }, tenant.id, BIG_FILES);
      assert.ok(published.ok);
      // Beispielhausen sets the lowest limits it may.
      const settings = new OperationalSettings({ store: t.app.store, clock, kinds: settingKinds });
      const saved = await settings.save(
        tenant.id,
        null,
        'limits.citizens',
        { draftsPerHour: '10', uploadMegabytesPerHour: '50' },
        OPERATOR,
      );
      assert.ok(saved.ok);
    });
    after(() => t.close());

    test('one client starts at most its drafts per hour; then a 429 page says when to try again', async () => {
      const start = async (lang?: string) => {
        const client = new HttpClient(t.app.server);
        if (lang) client.cookies.set('aw_lang', lang);
        return client.submit(
          await client.get('/beispielhausen/veranstaltung-anzeigen'),
          /Jetzt starten|Start now/,
        );
      };
      for (let i = 0; i < 10; i++) assert.equal((await start()).status, 303, `draft ${i + 1}`);
      const refused = await start();
      assert.equal(refused.status, 429);
      const retryAfter = Number(refused.response.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
      assert.match(refused.body, /Zu viele Anfragen/);
      assert.match(refused.body, /Bitte warten Sie 60 Minuten/);
      const english = await start('en');
      assert.equal(english.status, 429);
      assert.match(english.body, /Too many requests/);
      // Another municipality's limits are its own: Musterstadt keeps the default.
      const elsewhere = new HttpClient(t.app.server);
      const other = await elsewhere.submit(
        await elsewhere.get('/musterstadt/hund-anmelden'),
        'Jetzt starten',
      );
      assert.equal(other.status, 303);
      // An hour later the client may start again.
      clock.advance(HOUR_MS);
      assert.equal((await start()).status, 303);
    });

    test('one client uploads at most its megabytes per hour; a draft holds at most 50 MiB of files', async () => {
      const apps = t.app.applications;
      const service = await apps.service('beispielhausen', 'unterlagen-einreichen');
      const file = (n: number) => {
        const content = pdfOf(10 * 1024 * 1024);
        return {
          name: `teil-${n}.pdf`,
          mediaType: 'application/pdf' as const,
          sha256: SHA256,
          content,
          screening: screening({ status: 'not-scanned' }),
        };
      };
      // Five files of 10 MiB: the draft is full, the sixth does not fit.
      const full = await apps.startDraft(service, 'session-full', 'client-full');
      for (let n = 0; n < 5; n++) {
        assert.equal(
          (await apps.attachFile(full, 'nachweis', 'nachweis', file(n), `uploader-${n}`)).ok,
          true,
        );
      }
      assert.deepEqual(await apps.attachFile(full, 'nachweis', 'nachweis', file(5), 'uploader-5'), {
        ok: false,
        reason: 'draft-full',
      });
      assert.equal(MAX_DRAFT_FILE_BYTES, 50 * 1024 * 1024);
      // One client, two drafts: 50 MB (MiB, as everywhere) per hour, so a sixth file of 10 MiB is refused.
      const a = await apps.startDraft(service, 'session-a', 'uploader');
      const b = await apps.startDraft(service, 'session-b', 'uploader');
      for (let n = 0; n < 5; n++) {
        assert.equal(
          (await apps.attachFile(n < 2 ? a : b, 'nachweis', 'nachweis', file(n), 'uploader')).ok,
          true,
        );
      }
      await assert.rejects(
        apps.attachFile(b, 'nachweis', 'nachweis', file(5), 'uploader'),
        (e: unknown) => e instanceof RateLimitError && e.what === 'uploads' && e.retryAfterSeconds > 0,
      );
    });

    test('a draft never answered expires after hours; an answered one after the service lifetime', async () => {
      const apps = t.app.applications;
      const service = await apps.service('beispielhausen', 'unterlagen-einreichen');
      const idle = await apps.startDraft(service, 'session-idle', 'client-idle');
      const answered = await apps.startDraft(service, 'session-answered', 'client-answered');
      const started = clock.now().getTime();
      assert.equal(Date.parse(idle.draft.expiresAt), started + UNANSWERED_DRAFT_HOURS * HOUR_MS);
      // Any answer kept counts, a file too.
      const small = {
        name: 'a.pdf',
        mediaType: 'application/pdf' as const,
        sha256: SHA256,
        content: pdf(),
        screening: screening({ status: 'not-scanned' }),
      };
      assert.equal(
        (await apps.attachFile(answered, 'nachweis', 'nachweis', small, 'client-answered')).ok,
        true,
      );
      const stored = await t.app.store.drafts.find(
        service.tenant.id,
        service.version.serviceId,
        'session-answered',
      );
      const days = await apps.draftLifetimeDays(service);
      assert.equal(Date.parse(stored?.expiresAt ?? ''), started + days * DAY_MS);
      // Seven hours later the retention job deletes the idle draft and keeps the answered one.
      clock.advance(7 * HOUR_MS);
      await runRetention(t.app.store, clock, pino({ level: 'silent' }));
      const find = (hash: string) =>
        t.app.store.drafts.find(service.tenant.id, service.version.serviceId, hash);
      assert.equal(await find('session-idle'), undefined);
      assert.ok(await find('session-answered'));
    });
  });
}
