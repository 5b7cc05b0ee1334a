/**
 * Setting kind -> its contract. An explicit table, as for field types (`engine/fields/registry.ts`):
 * no import side effects, and a kind that is not here cannot be stored, read or shown. The web
 * layer keeps a table of texts keyed by the same names, which the compiler checks for completeness.
 *
 * Where later kinds go (ADR 0024): further delivery channels (`delivery.*`, ADR 0034), the identity providers offered
 * (`identity.providers`).
 * Where later kinds go (ADR 0024): further delivery channels (`delivery.*`, ADR 0034), retention periods of submissions (`submissions.retention`).
 */
import type { AnySettingKind, SettingKind } from './contract.ts';
import { type DeliveryDigest, deliveryDigest } from './delivery-digest.ts';
import { type DeliveryEmail, deliveryEmail } from './delivery-email.ts';
import { type DeliveryFitConnect, deliveryFitConnect } from './delivery-fit-connect.ts';
import { type DeliveryWebhook, deliveryWebhook } from './delivery-webhook.ts';
import { type DraftsRetention, draftsRetention } from './drafts-retention.ts';
import { type IdentityProvidersSetting, identityProviders } from './identity-providers.ts';
import { type LimitsCitizens, limitsCitizens } from './limits-citizens.ts';
import { type PublishingFourEyes, publishingFourEyes } from './publishing-four-eyes.ts';
import { type StaffSsoSetting, staffSso } from './staff-sso.ts';
import { type SubmissionsEarlyDeletion, submissionsEarlyDeletion } from './submissions-early-deletion.ts';
import { type SubmissionsRetention, submissionsRetention } from './submissions-retention.ts';

export interface SettingKindOptions {
  'drafts.retention': DraftsRetention;
  'publishing.fourEyes': PublishingFourEyes;
  'limits.citizens': LimitsCitizens;
  'delivery.email': DeliveryEmail;
  'delivery.webhook': DeliveryWebhook;
  'delivery.fitConnect': DeliveryFitConnect;
  'submissions.retention': SubmissionsRetention;
  'submissions.earlyDeletion': SubmissionsEarlyDeletion;
  'identity.providers': IdentityProvidersSetting;
  'delivery.digest': DeliveryDigest;
  'staff.sso': StaffSsoSetting;
}

export type SettingKindName = keyof SettingKindOptions;

export type SettingRegistry = { readonly [K in SettingKindName]: SettingKind<SettingKindOptions[K]> };

export const settingKinds: SettingRegistry = {
  'drafts.retention': draftsRetention,
  'publishing.fourEyes': publishingFourEyes,
  'limits.citizens': limitsCitizens,
  'delivery.email': deliveryEmail,
  'delivery.webhook': deliveryWebhook,
  'delivery.fitConnect': deliveryFitConnect,
  'submissions.retention': submissionsRetention,
  'submissions.earlyDeletion': submissionsEarlyDeletion,
  'identity.providers': identityProviders,
  'delivery.digest': deliveryDigest,
  'staff.sso': staffSso,
};

/** Any table of kinds (the use cases take one, so tests can register a kind of their own). */
export type SettingKinds = Readonly<Record<string, AnySettingKind>>;
