import type { Updateable } from 'kysely';
import type { TAppContext } from '../../../app-context.js';
import type { WebhooksTable } from '../../../db/schema.js';
import { findWebhook, lockWebhooksOfOrg, requeueFailedDeliveries, updateWebhook } from '../webhooks.repository.js';
import type { TUpdateWebhookBody } from '../webhooks.schemas.js';
import { openAuth, sealAuth } from './sealed-auth.js';
import { assertUrlAllowed, assertUrlFree, normalizeEvents, pingOrRefuse, webhookNotFound } from './webhook-rules.js';

/**
 * Partial update (API spec 4.15). Enabling or a new URL is PINGed first with the settings as they will be.
 * Re-enabling resumes where delivery stopped: the cursor was left in place, so events since then go out in order,
 * and a delivery that exhausted its retries is sent again first, with a fresh retry schedule.
 */
export async function updateWebhookById(
  ctx: TAppContext,
  orgId: string,
  id: string,
  input: TUpdateWebhookBody,
): Promise<void> {
  const current = await findWebhook(ctx.db, orgId, id);
  if (!current) throw webhookNotFound();
  const changes: Updateable<WebhooksTable> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.events !== undefined) changes.events = normalizeEvents(input.events);
  const urlChanged = input.url !== undefined && input.url !== current.url;
  if (urlChanged && input.url !== undefined) {
    await assertUrlAllowed(ctx, input.url);
    await assertUrlFree(ctx.db, orgId, input.url, id);
    changes.url = input.url;
  }
  // The PING goes out with the settings as they will be: new secrets as given, kept ones opened.
  const kept = openAuth(ctx.env, current);
  const auth = {
    credentials: input.credentials === undefined ? kept.credentials : input.credentials,
    headers: input.headers === undefined ? kept.headers : input.headers,
  };
  const sealed = sealAuth(ctx.env, { credentials: input.credentials ?? null, headers: input.headers ?? null });
  if (input.credentials !== undefined) {
    changes.credentials = sealed.credentials ? JSON.stringify(sealed.credentials) : null;
  }
  if (input.headers !== undefined) changes.headers = sealed.headers ? JSON.stringify(sealed.headers) : null;
  const enabling = input.enabled === true && !current.enabled;
  if (input.enabled !== undefined) changes.enabled = input.enabled;
  if (enabling || urlChanged) await pingOrRefuse(ctx, id, input.url ?? current.url, auth);
  await ctx.db.transaction().execute(async (trx) => {
    await lockWebhooksOfOrg(trx, orgId);
    const locked = await findWebhook(trx, orgId, id);
    if (!locked) throw webhookNotFound();
    if (changes.url !== undefined) await assertUrlFree(trx, orgId, changes.url as string, id);
    const at = ctx.now();
    if (enabling) {
      changes.disabled_at_due_to_retry_limit = null;
      await requeueFailedDeliveries(trx, orgId, id, at);
    }
    // A webhook enabled for the first time starts at the present; one enabled again resumes at its cursor.
    const startCursor = enabling && locked.cursor_xid === null;
    await updateWebhook(trx, orgId, id, { ...changes, updated_at: at }, { startCursor });
  });
}
