/**
 * Which setting kind configures which delivery channel (ADR 0034), as a table the compiler checks:
 * every channel has exactly one kind, and every kind's options carry `enabled`. The adapters are
 * registered in `app.ts` (`DeliveryChannels` in `ports.ts`), typed over the same names.
 */
import type { DeliveryChannelName } from '../domain.ts';
import type { SettingKindName, SettingKindOptions } from '../settings/registry.ts';

export const CHANNEL_SETTINGS = {
  email: 'delivery.email',
  webhook: 'delivery.webhook',
  'fit-connect': 'delivery.fitConnect',
} as const satisfies { readonly [C in DeliveryChannelName]: SettingKindName };

export type ChannelSetting<C extends DeliveryChannelName> = (typeof CHANNEL_SETTINGS)[C];
export type ChannelOptions<C extends DeliveryChannelName> = SettingKindOptions[ChannelSetting<C>];

// Every channel's options say whether it is on.
const _enabled: { [C in DeliveryChannelName]: ChannelOptions<C>['enabled'] } = {
  email: false,
  webhook: false,
  'fit-connect': false,
};
void _enabled;
