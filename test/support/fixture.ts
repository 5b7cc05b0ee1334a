import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishService } from '../../src/core/publishing.ts';
import type { TestApp } from './app.ts';

export const FIXTURE_SERVICE = 'testantrag';

/** Publishes the test fixture service into a demo tenant and returns its path prefix. */
export async function publishFixture(t: TestApp, tenantSlug = 'musterstadt'): Promise<string> {
  const definition: unknown = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'testantrag.json'), 'utf8'),
  );
  const tenant = await t.app.store.tenants.bySlug(tenantSlug);
  if (!tenant) throw new Error(`no tenant ${tenantSlug}`);
  const outcome = await publishService({ store: t.app.store, clock: t.app.clock }, tenant.id, definition);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return `/${tenantSlug}/${FIXTURE_SERVICE}`;
}

/** Valid answers for every step of the fixture, with a marker in every free-text value. */
export function fixtureAnswers(marker: string) {
  return {
    person: {
      vorname: `Vorname${marker}`,
      nachname: `Nachname${marker}`,
      'geburtsdatum-day': '27',
      'geburtsdatum-month': '3',
      'geburtsdatum-year': '1987',
      email: `${marker.toLowerCase()}@example.de`,
    },
    details: { anzahl: '3', art: 'gross', zusatz: 'yes', zusatztext: `Zusatz${marker}` },
    begruendung: { grund: `Grund${marker}` },
  };
}

/** What `fillFixture` needs of a stand-in browser: `HttpClient` (inject) or `SocketClient`. */
export interface FormClient<Page> {
  get(url: string): Promise<Page>;
  submit(page: Page, buttonName: string | RegExp, values?: Record<string, string>): Promise<Page>;
}

/**
 * Walks the fixture application up to the check page like a citizen: start page, "Jetzt starten",
 * every step with valid answers. Returns the check page.
 */
export async function fillFixture<Page extends { location: string | undefined }>(
  client: FormClient<Page>,
  base: string,
  marker: string,
): Promise<Page> {
  const answers = fixtureAnswers(marker);
  const start = await client.get(base);
  let page = await client.submit(start, /Jetzt starten|Antrag fortsetzen/);
  for (const [step, values] of Object.entries(answers)) {
    if (page.location !== `${base}/schritt/${step}`)
      throw new Error(`expected step ${step}, got ${page.location}`);
    const form = await client.get(page.location);
    page = await client.submit(form, 'Weiter', values);
  }
  if (page.location !== `${base}/pruefen`) throw new Error(`expected the check page, got ${page.location}`);
  return client.get(page.location);
}

/** Submits the fixture through the use cases directly (fast; for tests that need many). */
export async function submitFixtureDirectly(t: TestApp, marker: string, tenantSlug = 'musterstadt') {
  const apps = t.app.applications;
  const service = await apps.service(tenantSlug, FIXTURE_SERVICE);
  // Each as another client: tests submit far more than a citizen starts in an hour.
  const ctx = await apps.startDraft(service, `direct-${marker}`, `client-${marker}`);
  for (const [step, values] of Object.entries(fixtureAnswers(marker))) {
    const result = await apps.saveStep(ctx, step, values);
    if (result.errors.length > 0) throw new Error(`step ${step}: ${JSON.stringify(result.errors)}`);
  }
  const outcome = await apps.submit(ctx, true);
  if (outcome.kind !== 'submitted') throw new Error(`not submitted: ${outcome.kind}`);
  return outcome.submission;
}
