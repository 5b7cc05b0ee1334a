/** Drafts of the demo services with given answers, for HTTP tests that begin partway through. */
import assert from 'node:assert/strict';
import { tokens } from '../../src/adapters/security/tokens.ts';
import type { Answers } from '../../src/definition/types.ts';
import { SESSION_COOKIE, sessionIdOf } from '../../src/web/browser-session.ts';
import type { TestApp } from './app.ts';
import type { HttpClient } from './http-client.ts';

/** A complete application for "Hund anmelden" without Ermäßigung, as kept in a draft. */
export const HUND_ANSWERS: Answers = {
  vorname: 'Erika',
  nachname: 'Musterfrau',
  geburtsdatum: '1985-03-27',
  strasse: 'Hauptstraße',
  hausnummer: '12a',
  plz: '38300',
  ort: 'Musterstadt',
  hundName: 'Bello',
  rasse: 'mischling',
  geschlecht: 'ruede',
  haltungsbeginn: '2025-01-01',
  listenhund: false,
  ermaessigung: false,
  kontoinhaber: 'Erika Musterfrau',
  iban: 'DE89370400440532013000',
  lastschriftmandat: true,
};

/** Starts a draft of the service in this browser and gives it `answers`, as if typed step by step. */
export async function draftWith(t: TestApp, client: HttpClient, base: string, answers: Answers) {
  const [, tenant, slug] = base.split('/') as [string, string, string];
  const started = await client.submit(await client.get(base), /Jetzt starten|Antrag fortsetzen/);
  assert.equal(started.status, 303);
  const service = await t.app.applications.service(tenant, slug);
  const draft = await t.app.applications.findDraft(
    service,
    tokens.hash(sessionIdOf(client.cookies.get(SESSION_COOKIE)!)),
  );
  assert.ok(draft, 'a draft was started');
  await t.app.store.drafts.saveAnswers(draft.tenant.id, draft.draft.id, answers, new Date().toISOString());
}
