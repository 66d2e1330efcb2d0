import type { TAppContext } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { findWebhook, requeueDelivery } from '../webhooks.repository.js';
import { webhookNotFound } from './webhook-rules.js';

/**
 * Queue one delivery again with a fresh retry schedule. It keeps its place in the webhook's event order, so it goes
 * out before any later delivery still pending; on a disabled webhook it waits for the webhook to be enabled.
 */
export async function redeliver(ctx: TAppContext, orgId: string, webhookId: string, deliveryId: string) {
  if (!(await findWebhook(ctx.db, orgId, webhookId))) throw webhookNotFound();
  if (!(await requeueDelivery(ctx.db, orgId, webhookId, deliveryId, ctx.now()))) {
    throw notFound('delivery does not exist');
  }
}
