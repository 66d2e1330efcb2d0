import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../app-context.js';
import { appendEvent } from '../../events/outbox.js';
import { registerDeliveryAdapter, type TDeliveryJob } from '../channels/delivery-registry.js';
import {
  CUSTOM_CHANNEL_ITEM_TYPE,
  messageSentEventContent,
  type TCustomChannelItemContent,
} from './custom-channel-content.js';
import { findPendingItemForUpdate, setItemStatus } from './custom-channels.repository.js';

/**
 * Delivering an agent's message on a custom channel means announcing it: the CUSTOM_CHANNEL/MESSAGE_SENT event,
 * which webhooks carry to the integrator (API spec 4.8). The event and the SENT status commit together, under the
 * item's lock, so a retried job never announces a message twice.
 */
async function deliverCustomChannelMessage(ctx: TAppContext, job: TDeliveryJob): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const item = await findPendingItemForUpdate(trx, job.orgId, job.itemId);
    if (!item) return;
    const content = item.content as unknown as TCustomChannelItemContent;
    await appendEvent(trx, job.orgId, {
      type: 'CUSTOM_CHANNEL/MESSAGE_SENT',
      initiator: { id: item.initiator_id ?? '', type: item.initiator_type as TInitiator['type'] },
      occurredAt: ctx.now(),
      content: messageSentEventContent(item, content),
    });
    await setItemStatus(trx, job.orgId, item.id, { deliveryStatus: 'SENT', status: { value: 'SENT' } });
  });
}

/** Both the api role (which accepts replies only on channels with an adapter) and the worker role call this. */
export function registerCustomChannelDelivery(): void {
  registerDeliveryAdapter(CUSTOM_CHANNEL_ITEM_TYPE, { deliver: deliverCustomChannelMessage });
}
