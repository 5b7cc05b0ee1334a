/**
 * Which setting kind configures which delivery channel (ADR 0036), as a table the compiler checks:
 * every channel has exactly one kind, and every kind's options carry `enabled`. The adapters are
 * registered in `app.ts` (`DeliveryChannels` in `ports.ts`), typed over the same names.
 */
import { DELIVERY_CHANNELS, type DeliveryChannelName } from '../domain.ts';
import { SettingError } from '../errors.ts';
import type { OperationalSettings } from '../operational-settings.ts';
import type { SettingKindName, SettingKindOptions } from '../settings/registry.ts';

export const CHANNEL_SETTINGS = {
  email: 'delivery.email',
  webhook: 'delivery.webhook',
} as const satisfies { readonly [C in DeliveryChannelName]: SettingKindName };

export type ChannelSetting<C extends DeliveryChannelName> = (typeof CHANNEL_SETTINGS)[C];
export type ChannelOptions<C extends DeliveryChannelName> = SettingKindOptions[ChannelSetting<C>];

// Every channel's options say whether it is on.
const _enabled: { [C in DeliveryChannelName]: ChannelOptions<C>['enabled'] } = {
  email: false,
  webhook: false,
};
void _enabled;

/**
 * The channels the service delivers through. A stored setting that no longer passes its checks
 * counts as switched on: its outbox row is written, and the worker records the invalid setting as
 * a permanent failure on the admin's page, rather than dropping deliveries without a trace.
 */
export async function enabledChannels(
  settings: Pick<OperationalSettings, 'effective'>,
  tenantId: string,
  serviceId: string,
): Promise<DeliveryChannelName[]> {
  const enabled: DeliveryChannelName[] = [];
  for (const channel of DELIVERY_CHANNELS) {
    try {
      const options = await settings.effective(tenantId, serviceId, CHANNEL_SETTINGS[channel]);
      if (options.enabled) enabled.push(channel);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      enabled.push(channel);
    }
  }
  return enabled;
}
