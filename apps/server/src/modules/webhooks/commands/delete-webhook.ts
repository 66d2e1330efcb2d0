import type { TAppContext } from '../../../app-context.js';
import { invalidState } from '../../../http/errors.js';
import { deleteWebhook, findWebhook, lockWebhooksOfOrg } from '../webhooks.repository.js';
import { webhookNotFound } from './webhook-rules.js';

/** A webhook must be disabled before it can be deleted (product spec 14.1); its deliveries and log go with it. */
export async function deleteWebhookById(ctx: TAppContext, orgId: string, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockWebhooksOfOrg(trx, orgId);
    const webhook = await findWebhook(trx, orgId, id);
    if (!webhook) throw webhookNotFound();
    if (webhook.enabled) throw invalidState('webhook must be disabled before it can be deleted');
    await deleteWebhook(trx, orgId, id);
  });
}
