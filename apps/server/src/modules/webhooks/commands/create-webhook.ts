import type { TAppContext } from '../../../app-context.js';
import { newId } from '../../../lib/ids.js';
import { insertWebhook, lockWebhooksOfOrg } from '../webhooks.repository.js';
import type { TCreateWebhookBody } from '../webhooks.schemas.js';
import { sealAuth } from './sealed-auth.js';
import { assertRoomForOne, assertUrlAllowed, assertUrlFree, normalizeEvents, pingOrRefuse } from './webhook-rules.js';

/**
 * Create a webhook (API spec 4.15), disabled unless `enabled: true`. An enabled one is PINGed before anything is
 * stored; the rules are checked again under the org's lock after the PING, which may take up to 15 s. Webhook
 * management has no event in the Gladly catalogue, so none is appended.
 */
export async function createWebhook(ctx: TAppContext, orgId: string, input: TCreateWebhookBody): Promise<string> {
  const id = newId();
  const events = normalizeEvents(input.events);
  await assertUrlAllowed(ctx, input.url);
  await assertRoomForOne(ctx.db, orgId);
  await assertUrlFree(ctx.db, orgId, input.url, null);
  const auth = { credentials: input.credentials ?? null, headers: input.headers ?? null };
  const enabled = input.enabled ?? false;
  if (enabled) await pingOrRefuse(ctx, id, input.url, auth);
  const sealed = sealAuth(ctx.env, auth);
  await ctx.db.transaction().execute(async (trx) => {
    await lockWebhooksOfOrg(trx, orgId);
    await assertRoomForOne(trx, orgId);
    await assertUrlFree(trx, orgId, input.url, null);
    const at = ctx.now();
    await insertWebhook(
      trx,
      {
        org_id: orgId,
        id,
        name: input.name ?? '',
        url: input.url,
        events,
        enabled,
        credentials: sealed.credentials ? JSON.stringify(sealed.credentials) : null,
        headers: sealed.headers ? JSON.stringify(sealed.headers) : null,
        created_at: at,
        updated_at: at,
      },
      { startCursor: enabled },
    );
  });
  return id;
}
