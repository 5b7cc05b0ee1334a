import { DELIVERY_CHANNELS, type DeliveryChannelName } from '../domain.ts';
import { SettingError } from '../errors.ts';
import type { OperationalSettings } from '../operational-settings.ts';
import { CHANNEL_SETTINGS } from './channels.ts';

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
