import { registerCustomChannelDelivery } from './modules/custom-channels/custom-channel-delivery.js';
import { registerEmailDelivery } from './modules/email/outbound/email-delivery-adapter.js';

/**
 * The channels Hearth can deliver replies on. Both roles need the same list: the api role to accept a reply only on
 * a channel that can deliver it (others are refused with a 400), the worker role to deliver it. A new channel adds
 * its registration here.
 */
export function registerBuiltInDeliveryAdapters(): void {
  registerEmailDelivery();
  registerCustomChannelDelivery();
}
