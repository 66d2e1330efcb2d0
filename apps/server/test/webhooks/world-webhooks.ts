import { appendEvent } from '../../src/events/outbox.js';
import { newId } from '../../src/lib/ids.js';
import { sealAuth } from '../../src/modules/webhooks/commands/sealed-auth.js';
import type { TTestApp } from '../helpers.js';

/** A public address the cross-cutting suites may name: webhooks there are created disabled, so nothing is sent. */
export function publicWebhookUrl(): string {
  return `https://93.184.216.34/hooks/${newId()}`;
}

export interface TWebhookWorld {
  webhook: { id: string };
  /** Disabled and unused: what a valid delete removes. */
  spareWebhook: { id: string };
  /** A delivery of `webhook`, for the redeliver action. */
  webhookDelivery: { id: string };
}

/** Disabled webhooks inserted directly (no PING, no request leaves the machine) and one delivery. */
export async function makeWebhookWorld(t: TTestApp, orgId: string): Promise<TWebhookWorld> {
  const at = new Date();
  const webhook = { id: newId() };
  const spareWebhook = { id: newId() };
  const auth = sealAuth(t.ctx.env, {
    credentials: { username: 'hook-user', password: 'hook-secret' },
    headers: { 'X-Hook-Token': 'hook-token' },
  });
  for (const { id } of [webhook, spareWebhook]) {
    await t.db
      .insertInto('webhooks')
      .values({
        org_id: orgId,
        id,
        name: `Hook ${id}`,
        url: publicWebhookUrl(),
        events: ['CONVERSATION/CREATED'],
        enabled: false,
        credentials: JSON.stringify(auth.credentials),
        headers: JSON.stringify(auth.headers),
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  const eventId = await t.db.transaction().execute((trx) =>
    appendEvent(trx, orgId, {
      type: 'CUSTOMER_PROFILE/UPDATED',
      initiator: { id: 'SYSTEM', type: 'SYSTEM' },
      content: { customerId: newId() },
    }),
  );
  const event = await t.db
    .selectFrom('outbox_events')
    .select(['xid', 'seq'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  const webhookDelivery = { id: newId() };
  await t.db
    .insertInto('webhook_deliveries')
    .values({
      org_id: orgId,
      id: webhookDelivery.id,
      webhook_id: webhook.id,
      event_id: eventId,
      event_xid: event.xid,
      event_seq: event.seq,
      status: 'SUCCEEDED',
      next_attempt_at: at,
      created_at: at,
    })
    .execute();
  return { webhook, spareWebhook, webhookDelivery };
}
