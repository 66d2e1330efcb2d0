import type { TAppContext } from '../../app-context.js';
import { failDelivery, findOutboundItem, settleDelivery } from './delivery.repository.js';
import { DELIVER_JOB, getDeliveryAdapter, type TDeliveryJobData, TemporaryDeliveryError } from './delivery-registry.js';

// A customer waits on these: poll often and take a batch, rather than pg-boss's default of one job per 2 s.
const POLLING = { batchSize: 20, pollingIntervalSeconds: 0.5 };

/** Work `channel.deliver` jobs in this process (worker role): hand each pending item to its channel's adapter. */
export async function registerDeliveryWorker(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work<TDeliveryJobData>(DELIVER_JOB, (data) => deliverItem(ctx, data), POLLING);
}

/**
 * At-least-once: a job that dies mid-send is retried by pg-boss, and only a still-PENDING item is sent. An adapter
 * error marks the item FAILED with its message in `content.deliveryError`; a TemporaryDeliveryError is tried again
 * with back-off until TEMPORARY_FAILURE_RETRY.maxAttempts. A process without an adapter for the type
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
    ctx.log.warn({ err, orgId: data.orgId, itemId: data.itemId, attempt: data.attempt ?? 1 }, 'delivery failed');
    if (err instanceof TemporaryDeliveryError && (await scheduleRetry(ctx, data))) return;
    const detail = err instanceof Error ? err.message : String(err);
    await failDelivery(ctx.db, data.orgId, data.itemId, { detail, failedAt: ctx.now().toISOString() });
    return;
  }
  await settleDelivery(ctx.db, data.orgId, data.itemId, 'SENT');
}

/** Attempts of one item, and the wait before attempt n+1: 2 s doubling, at most 15 min (about 50 min in all). */
export const TEMPORARY_FAILURE_RETRY = { maxAttempts: 12, firstDelaySeconds: 2, maxDelaySeconds: 900 };

/**
 * A temporary failure becomes a new job that starts after the back-off, rather than a thrown error: pg-boss fails a
 * whole fetched batch when its handler throws, which would retry (and use up the retries of) the other items in the
 * batch, and a job that ran out of retries would leave its item PENDING with no reason shown. Returns false when
 * the attempts are used up: the caller then settles FAILED.
 */
async function scheduleRetry(ctx: TAppContext, data: TDeliveryJobData): Promise<boolean> {
  const attempt = data.attempt ?? 1;
  if (attempt >= TEMPORARY_FAILURE_RETRY.maxAttempts) return false;
  const delay = Math.min(
    TEMPORARY_FAILURE_RETRY.firstDelaySeconds * 2 ** (attempt - 1),
    TEMPORARY_FAILURE_RETRY.maxDelaySeconds,
  );
  const next: TDeliveryJobData = { ...data, attempt: attempt + 1 };
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.jobs.send(trx, DELIVER_JOB, next, {
      startAfter: new Date(Date.now() + delay * 1000),
      retryLimit: 5,
      retryDelaySeconds: 2,
      retryBackoff: true,
    });
  });
  return true;
}
