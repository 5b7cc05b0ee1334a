/**
 * Helpers for delivery tests (ADR 0034): configure a service's channels through the admin's real
 * form, and a clock that tests move on (backoff is hours long; tests must not wait for it).
 */
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { TestApp } from './app.ts';
import { FIXTURE_SERVICE } from './fixture.ts';
import type { HttpClient, PageResult } from './http-client.ts';
import { demoCredential, staffLogin } from './staff-login.ts';

export class TestClock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  /** Moves time on by `ms`. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

/** The page with only one setting's section, whose "Einstellung speichern" is meant. */
export function settingOnly(page: PageResult, slug: string): PageResult {
  const section = page.document.querySelector(`section[aria-labelledby="setting-${slug}"]`);
  if (!section) throw new Error(`no setting ${slug} on the page`);
  return { ...page, document: new JSDOM(section.outerHTML).window.document };
}

/** Signs in as the demo admin of the tenant. */
export async function adminClient(t: TestApp, tenant = 'musterstadt'): Promise<HttpClient> {
  return (await staffLogin(t, demoCredential(t, tenant, 'admin'))).client;
}

/** The admin's settings page of the fixture service. */
export async function fixtureSettingsPage(
  t: TestApp,
  client: HttpClient,
  tenant = 'musterstadt',
  service = FIXTURE_SERVICE,
) {
  const tenantRow = await t.app.store.tenants.bySlug(tenant);
  const version = await t.app.store.services.latestBySlug(tenantRow!.id, service);
  assert.ok(version, 'the fixture is published');
  return {
    serviceId: version.serviceId,
    page: await client.get(`/staff/admin/leistungen/${version.serviceId}`),
  };
}

/** Saves a delivery setting of a service (the fixture's) through the admin's form; returns the answer. */
export async function saveChannel(
  t: TestApp,
  client: HttpClient,
  kind: 'delivery-webhook' | 'delivery-email' | 'delivery-fitConnect',
  values: Record<string, string | string[]>,
  service = FIXTURE_SERVICE,
) {
  const { page } = await fixtureSettingsPage(t, client, 'musterstadt', service);
  return client.submit(settingOnly(page, kind), 'Einstellung speichern', values);
}
