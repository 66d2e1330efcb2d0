import type { TAppContext } from '../../app-context.js';
import { findOutboundItem, settleDelivery } from './delivery.repository.js';
import { DELIVER_JOB, getDeliveryAdapter, type TDeliveryJobData } from './delivery-registry.js';

// A customer waits on these: poll often and take a batch, rather than pg-boss's default of one job per 2 s.
const POLLING = { batchSize: 20, pollingIntervalSeconds: 0.5 };

/** Work `channel.deliver` jobs in this process (worker role): hand each pending item to its channel's adapter. */
export async function registerDeliveryWorker(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work<TDeliveryJobData>(DELIVER_JOB, (data) => deliverItem(ctx, data), POLLING);
}

/**
 * At-least-once: a job that dies mid-send is retried by pg-boss, and only a still-PENDING item is sent. An adapter
 * error marks the item FAILED (the adapter owns transient retries). A process without an adapter for the type
 * throws, so pg-boss hands the job to another attempt rather than failing a message this node cannot send.
 */
export async function deliverItem(ctx: TAppContext, data: TDeliveryJobData): Promise<void> {
  const item = await findOutboundItem(ctx.db, data.orgId, data.itemId);
  if (item?.delivery_status !== 'PENDING') return;
  const adapter = getDeliveryAdapter(item.content_type);
  if (!adapter) throw new Error(`no delivery adapter for ${item.content_type} in this process`);
  try {
    await adapter.deliver(ctx, { ...data, item });
  } catch (err) {
    ctx.log.warn({ err, orgId: data.orgId, itemId: data.itemId }, 'delivery failed');
    await settleDelivery(ctx.db, data.orgId, data.itemId, 'FAILED');
    return;
  }
  await settleDelivery(ctx.db, data.orgId, data.itemId, 'SENT');
}
