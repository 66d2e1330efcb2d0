import type { TAppContext } from '../../../app-context.js';
import { newId } from '../../../lib/ids.js';
import {
  insertDeliveries,
  lockEnabledWebhooks,
  moveCursor,
  readEventsAfterCursor,
  readHorizon,
} from './fan-out.repository.js';

const EVENTS_PER_PASS = 2000;

/**
 * One pass over every enabled webhook: turn the outbox events after its cursor into delivery rows and move the
 * cursor, in one transaction, so a crash either records both or neither (at-least-once, never lost). Returns
 * whether some webhook has more events waiting.
 */
export async function fanOut(ctx: TAppContext): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const horizon = await readHorizon(trx);
    const webhooks = await lockEnabledWebhooks(trx);
    let more = false;
    for (const webhook of webhooks) {
      const events = await readEventsAfterCursor(trx, webhook, horizon, EVENTS_PER_PASS);
      const subscribed = new Set(webhook.events);
      await insertDeliveries(
        trx,
        events
          .filter((e) => subscribed.has(e.type))
          .map((e) => ({
            org_id: webhook.org_id,
            id: newId(),
            webhook_id: webhook.id,
            event_id: e.id,
            event_xid: e.xid,
            event_seq: e.seq,
          })),
        ctx.now(),
      );
      const last = events.at(-1);
      if (events.length === EVENTS_PER_PASS && last) {
        more = true;
        await moveCursor(trx, webhook.org_id, webhook.id, last.xid, last.seq);
      } else if (horizon > BigInt(webhook.cursor_xid)) {
        // Everything below the horizon has been read: skip ahead, past events this webhook does not take.
        await moveCursor(trx, webhook.org_id, webhook.id, horizon.toString(), '0');
      }
    }
    return more;
  });
}
