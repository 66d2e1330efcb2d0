import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

/** How the LISTEN connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'hearth-realtime';

export interface TPgListener {
  stop(): Promise<void>;
}

export interface TPgListenerOptions {
  databaseUrl: string;
  channels: readonly string[];
  log: FastifyBaseLogger;
  onNotification(channel: string, payload: string): void;
  /** Called after every successful LISTEN, the first included: re-read whatever may have been missed meanwhile. */
  onListening(): void;
  /** Back-off between reconnect attempts: 250 ms doubling up to this. */
  maxBackoffMs?: number;
}

/**
 * One dedicated connection that LISTENs on a few channels and reconnects with back-off when it drops. Notifications
 * sent while it was away are lost, so `onListening` tells the caller to catch up from its cursors.
 */
export async function startPgListener(options: TPgListenerOptions): Promise<TPgListener> {
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  let stopping = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let backoff = 250;

  const connect = async () => {
    const next = new pg.Client({ connectionString: options.databaseUrl, application_name: LISTENER_APPLICATION_NAME });
    next.on('notification', (message) => {
      options.onNotification(message.channel, message.payload ?? '');
    });
    const lost = (err?: Error) => {
      if (client !== next) return;
      client = null;
      options.log.warn({ err }, 'realtime lost its LISTEN connection; reconnecting');
      next.end().catch(() => {});
      scheduleReconnect();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      for (const channel of options.channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      await next.end().catch(() => {});
      throw err;
    }
    if (stopping) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    backoff = 250;
    options.onListening();
  };
  const scheduleReconnect = () => {
    if (stopping) return;
    clearTimeout(retry);
    retry = setTimeout(() => {
      connect().catch((err) => {
        options.log.warn({ err }, 'realtime could not LISTEN again; retrying');
        backoff = Math.min(maxBackoff, backoff * 2);
        scheduleReconnect();
      });
    }, backoff);
  };

  await connect();
  return {
    async stop() {
      stopping = true;
      clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
