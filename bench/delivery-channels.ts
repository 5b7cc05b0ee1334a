/**
 * Two delivery channels switched on for one service, as an admin would (ADR 0034): e-mail to the
 * office and a signed webhook. The benches write the settings through the store; the HTTP submit
 * then writes one outbox row per channel, which is what they measure.
 */
import type { createApp } from '../src/app.ts';

type App = Awaited<ReturnType<typeof createApp>>;

export const WEBHOOK_SECRET = 'ein-geheimnis-das-lang-genug-ist-0123456789';

/** Switches the webhook (to `url`) on and, when `email` is true, the e-mail channel too. */
export async function configureChannels(
  app: App,
  tenantSlug: string,
  serviceSlug: string,
  url: string,
  { email }: { email: boolean },
): Promise<void> {
  await putSettings(app, tenantSlug, serviceSlug, {
    'delivery.email': emailSetting(email),
    'delivery.webhook': { options: { enabled: true, url }, secrets: { secret: WEBHOOK_SECRET } },
  });
}

/**
 * Switches off the e-mail delivery the demo seed turns on for every demo service, so that a
 * bench's submit "without channels" writes no outbox row for the office (only the applicant's
 * confirmation, which the service's definition asks for when an e-mail address was answered).
 */
export async function switchOffDemoDelivery(
  app: App,
  tenantSlug: string,
  serviceSlug: string,
): Promise<void> {
  await putSettings(app, tenantSlug, serviceSlug, { 'delivery.email': emailSetting(false) });
}

function emailSetting(enabled: boolean) {
  return {
    options: { enabled, to: enabled ? 'eingang@musterstadt.example' : '', withData: false },
    secrets: {},
  };
}

async function putSettings(
  app: App,
  tenantSlug: string,
  serviceSlug: string,
  settings: Record<string, { options: Record<string, unknown>; secrets: Record<string, string> }>,
): Promise<void> {
  const tenant = await app.store.tenants.bySlug(tenantSlug);
  const version = tenant && (await app.store.services.latestBySlug(tenant.id, serviceSlug));
  if (!tenant || !version) throw new Error(`no service ${tenantSlug}/${serviceSlug}`);
  const now = new Date().toISOString();
  for (const [kind, { options, secrets }] of Object.entries(settings)) {
    await app.store.operationalSettings.put(
      {
        tenantId: tenant.id,
        serviceId: version.serviceId,
        kind,
        options,
        secrets,
        updatedAt: now,
        updatedBy: null,
      },
      {
        tenantId: tenant.id,
        actorType: 'operator',
        actorId: null,
        action: 'setting.changed',
        subjectType: 'setting',
        subjectId: kind,
      },
    );
  }
}
