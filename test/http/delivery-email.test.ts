import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient, saveChannel, TestClock } from '../support/delivery.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** The MIME part of the attachment named `filename`, decoded. */
function attachment(raw: string, filename: string): string | undefined {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const part = parts.find((p) => p.includes(`filename=${filename}`) || p.includes(`filename="${filename}"`));
  if (!part) return undefined;
  const [, body = ''] = part.split(/\r?\n\r?\n/, 2).length === 2 ? part.split(/\r?\n\r?\n/) : [];
  return Buffer.from(body.replace(/--[^\r\n]*--\s*$/, '').replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** The text part, quoted-printable decoded. */
function textPart(raw: string): string {
  const part = raw.slice(raw.search(/Content-Type: text\/plain/i));
  const afterHeaders = part.slice(part.search(/\r?\n\r?\n/));
  const end = afterHeaders.search(/\r?\n--/);
  const body = end === -1 ? afterHeaders : afterHeaders.slice(0, end);
  return Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/**
 * The e-mail channel against a real SMTP server started in the test (`smtp-server`): what arrives
 * with the default (a notice with a link, nothing personal), with the data attached, and how SMTP
 * refusals are told apart (5xx permanent, 4xx retried).
 */
for (const dialect of DIALECTS) {
  describe(`e-mail delivery over SMTP (${dialect.name})`, () => {
    const clock = new TestClock();
    let t: TestApp;
    let smtp: SMTPServer;
    const received: Received[] = [];
    /** What the server answers to RCPT TO for an address (default: accept). */
    const refuse = new Map<string, { code: number; message: string }>();

    before(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, callback) {
          const refusal = refuse.get(address.address);
          if (!refusal) return callback();
          const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
          return callback(error);
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString('utf8'),
            });
            callback();
          });
        },
      });
      smtp.listen(0, '127.0.0.1');
      await once(smtp.server, 'listening');
      const { port } = smtp.server.address() as AddressInfo;
      t = await startTestApp(dialect, {
        clock,
        env: {
          AMTSWEG_SMTP_URL: `smtp://127.0.0.1:${port}`,
          AMTSWEG_MAIL_FROM: 'amtsweg@musterstadt.example',
        },
      });
      await publishFixture(t);
    });
    after(async () => {
      await t.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });

    test('by default a notice with the reference and a link, without any personal data', async () => {
      const admin = await adminClient(t);
      const missing = await saveChannel(t, admin, 'delivery-email', { enabled: 'ja', to: '' });
      assert.equal(missing.status, 400, 'an enabled channel needs an address');
      const saved = await saveChannel(t, admin, 'delivery-email', {
        enabled: 'ja',
        to: 'buergerbuero@musterstadt.example',
      });
      assert.equal(saved.status, 303);
      clock.advance(6000);

      const submission = await submitFixtureDirectly(t, 'Mail');
      assert.equal(await t.app.deliveries.runOnce('worker'), 1);
      const mail = received.at(-1);
      assert.ok(mail, 'a mail arrived at the SMTP server');
      assert.deepEqual(mail.to, ['buergerbuero@musterstadt.example']);
      assert.equal(mail.from, 'amtsweg@musterstadt.example');
      assert.match(mail.raw, new RegExp(`Subject: .*${submission.reference}`));
      assert.match(mail.raw, new RegExp(`X-Amtsweg-Idempotency-Key: ${submission.id}.email`));
      const text = textPart(mail.raw);
      assert.match(text, new RegExp(`Aktenzeichen: ${submission.reference}`));
      assert.match(text, new RegExp(`/staff/submissions/${submission.id}`));
      assert.match(text, /keine Antragsdaten/);
      assert.doesNotMatch(mail.raw, /VornameMail|NachnameMail|GrundMail/, 'no personal data');
      assert.doesNotMatch(mail.raw, /filename=/, 'no attachment');
      const [item] = await t.app.store.deliveries.ofSubmission(submission.tenantId, submission.id);
      assert.equal(item?.state, 'delivered');
    });

    test('with "data attached" the machine-readable JSON goes with it', async () => {
      const admin = await adminClient(t);
      await saveChannel(t, admin, 'delivery-email', {
        enabled: 'ja',
        to: 'buergerbuero@musterstadt.example',
        withData: 'ja',
      });
      clock.advance(6000);
      const submission = await submitFixtureDirectly(t, 'Daten');
      await t.app.deliveries.runOnce('worker');
      const mail = received.at(-1)!;
      const json = attachment(mail.raw, `antrag-${submission.reference}.json`);
      assert.ok(json, 'the JSON is attached');
      const data = JSON.parse(json);
      assert.equal(data.submission.reference, submission.reference);
      assert.equal(data.idempotencyKey, `${submission.id}.email`);
      assert.match(JSON.stringify(data.answers), /"VornameDaten"/);
      assert.match(textPart(mail.raw), /als maschinenlesbare JSON-Datei angeh/);
      // The sealed receipt goes with it: the same bytes the caseworker downloads (ADR 0032).
      const pdf = attachment(mail.raw, `eingangsbestaetigung-${submission.reference}.pdf`);
      assert.ok(pdf, 'the receipt is attached');
      assert.match(textPart(mail.raw), /versiegelte Eingangsbest/);
      const stored = await t.app.store.receipts.get(submission.tenantId, submission.id);
      assert.ok(stored, 'the receipt was issued for the delivery');
      assert.equal(pdf, Buffer.from(stored.pdf).toString('utf8'));
    });

    test('an SMTP 5xx refusal is permanent (dead letter), a 4xx one is tried again', async () => {
      const admin = await adminClient(t);
      await saveChannel(t, admin, 'delivery-email', {
        enabled: 'ja',
        to: 'gibtsnicht@musterstadt.example',
        withData: [],
      });
      clock.advance(6000);
      refuse.set('gibtsnicht@musterstadt.example', { code: 550, message: 'No such user' });
      const unknown = await submitFixtureDirectly(t, 'Unbekannt');
      await t.app.deliveries.runOnce('worker');
      const [dead] = await t.app.store.deliveries.ofSubmission(unknown.tenantId, unknown.id);
      assert.equal(dead?.state, 'dead');
      assert.match(dead?.lastError ?? '', /SMTP 550/);

      refuse.set('gibtsnicht@musterstadt.example', { code: 451, message: 'Try again later' });
      const later = await submitFixtureDirectly(t, 'Spaeter');
      await t.app.deliveries.runOnce('worker');
      const [pending] = await t.app.store.deliveries.ofSubmission(later.tenantId, later.id);
      assert.equal(pending?.state, 'pending');
      assert.match(pending?.lastError ?? '', /SMTP 451/);
      refuse.clear();
      clock.advance(60_000);
      await t.app.deliveries.runOnce('worker');
      const [delivered] = await t.app.store.deliveries.ofSubmission(later.tenantId, later.id);
      assert.equal(delivered?.state, 'delivered');
    });
  });
}
