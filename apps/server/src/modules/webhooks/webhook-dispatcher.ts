import pg from 'pg';
import type { TAppContext } from '../../app-context.js';
import { createDatabase } from '../../db/database.js';
import { OUTBOX_CHANNEL } from '../../events/outbox.js';
import { Pacer } from '../../lib/pacer.js';
import { deliverWebhook } from './dispatch/deliver-webhook.js';
import { webhooksWithDueDeliveries } from './dispatch/delivery.repository.js';
import { fanOut } from './dispatch/fan-out.js';

const SETTLE_MS = 50;
/**
 * A dispatch cycle (five statements, most of them finding nothing to do on an org without webhooks) runs at most
 * this often: at once after a quiet spell, else once per interval for every commit in between, rather than once per
 * commit. A webhook's events leave at most this much later under load.
 */
export const DISPATCH_INTERVAL_MS = 100;

export interface TWebhookDispatcher {
  /** Look for work now (also done on every outbox NOTIFY and every poll). */
  wake(): void;
  stop(): Promise<void>;
}

export interface TDispatcherOptions {
  databaseUrl: string;
  /** The fallback when a NOTIFY is missed, and what notices retries coming due. */
  pollIntervalMs?: number;
  /** Webhooks sent to at once by this process. */
  concurrency?: number;
}

/**
 * The webhook dispatcher of a worker process: LISTENs on the outbox channel (PostgreSQL notifies at commit),
 * polls as a fallback, fans new events out to delivery rows and sends each webhook's deliveries. It has its own
 * small pool, since a webhook's sends hold a connection (its advisory lock) for up to a batch.
 */
export async function startWebhookDispatcher(
  base: TAppContext,
  options: TDispatcherOptions,
): Promise<TWebhookDispatcher> {
  const concurrency = options.concurrency ?? 8;
  const db = createDatabase(options.databaseUrl, { max: concurrency + 2 });
  const ctx: TAppContext = { ...base, db };
  const sending = new Map<string, Promise<void>>();
  let stopping = false;
  let cycle: Promise<void> | null = null;
  let again = false;
  let listener: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | undefined;
  let settle: NodeJS.Timeout | undefined;

  const pacer = new Pacer(DISPATCH_INTERVAL_MS);

  const runCycle = async () => {
    while ((await fanOut(ctx)) && !stopping) {}
    for (const webhook of await webhooksWithDueDeliveries(ctx.db, ctx.now())) {
      const key = `${webhook.org_id}:${webhook.id}`;
      if (stopping || sending.has(key) || sending.size >= concurrency) continue;
      const task = deliverWebhook(ctx, webhook.org_id, webhook.id)
        .catch((err) => ctx.log.error({ err, webhookId: webhook.id }, 'webhook delivery failed'))
        .finally(() => {
          sending.delete(key);
          wake();
        });
      sending.set(key, task);
    }
  };
  const startCycle = () => {
    if (stopping) return;
    if (cycle) {
      again = true;
      return;
    }
    again = false;
    cycle = runCycle()
      .catch((err) => ctx.log.error({ err }, 'webhook dispatch cycle failed'))
      .finally(() => {
        cycle = null;
        // Work that came in during the cycle gets the next one, paced like any other wake.
        if (again) wake();
      });
  };
  const wake = () => {
    if (stopping) return;
    if (cycle) {
      again = true;
      return;
    }
    pacer.request(startCycle);
  };

  const listen = async () => {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    client.on('notification', () => {
      wake();
      // A NOTIFY can arrive while an older transaction still holds the outbox horizon back, so its events are not
      // readable yet: look once more shortly after, rather than waiting for the next poll.
      clearTimeout(settle);
      settle = setTimeout(wake, SETTLE_MS);
    });
    client.on('error', (err) => {
      ctx.log.warn({ err }, 'webhook dispatcher lost its LISTEN connection; polling until it is back');
      client.end().catch(() => {});
      scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    listener = client;
    wake();
  };
  // Until LISTEN is back the poll keeps delivering; keep trying rather than giving up after one failed attempt.
  const scheduleReconnect = () => {
    if (stopping) return;
    reconnect = setTimeout(() => {
      listen().catch((err) => {
        ctx.log.warn({ err }, 'webhook dispatcher could not LISTEN again; retrying');
        scheduleReconnect();
      });
    }, 1_000);
  };
  await listen();
  const poll = setInterval(wake, options.pollIntervalMs ?? 1_000);

  return {
    wake,
    async stop() {
      stopping = true;
      clearInterval(poll);
      pacer.cancel();
      clearTimeout(reconnect);
      clearTimeout(settle);
      await listener?.end().catch(() => {});
      await cycle;
      await Promise.all(sending.values());
      await db.destroy();
    },
  };
}
