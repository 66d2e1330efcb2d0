import type { Socket } from 'node:net';
import websocket from '@fastify/websocket';
import {
  REALTIME_CLOSE_SIGNED_OUT,
  REALTIME_CLOSE_SILENT,
  type TClientMessage,
  type TServerMessage,
} from '@hearth/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { TAppContext } from '../app-context.js';
import { OUTBOX_START } from '../events/outbox-horizon.js';
import { AppError } from '../http/errors.js';
import { resolveOrg } from '../http/org-resolver.js';
import { authenticateSession, notSignedIn } from '../http/session-auth.js';
import { recordAgentActivity } from '../modules/routing/presence-activity.js';
import { eventMessageBytes, eventsMessageBytes } from './realtime.presenter.js';
import type { TPositionedEvent } from './realtime.repository.js';
import { findUserInboxIds } from './realtime.repository.js';
import { RealtimeHub, type TRealtimeClient } from './realtime-hub.js';

const CLOSE_SIGNED_OUT = REALTIME_CLOSE_SIGNED_OUT;
const CLOSE_SILENT = REALTIME_CLOSE_SILENT;

export interface TRealtimeOptions {
  /** The PostgreSQL the LISTEN connection opens (default: DATABASE_URL, else the embedded server's). */
  databaseUrl?: string;
  /** Close a socket nothing was heard from (message or pong) for this long. */
  silenceTimeoutMs?: number;
  /** Protocol pings, which browsers answer even in throttled background tabs. */
  pingIntervalMs?: number;
  /** How often a socket's session, roles and inboxes are checked again. */
  refreshIntervalMs?: number;
}

const ACTIVITY_RESOLUTION_MS = 30_000;
const MAX_VIEWED_IDS = 200;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * GET /api/realtime: the web app's WebSocket (wire format in packages/shared/src/realtime.ts, rules in
 * docs/REALTIME.md). Signed in by the session cookie of the host's org; a browser's Origin must be that host.
 */
export async function registerRealtime(
  app: FastifyInstance,
  ctx: TAppContext,
  options: TRealtimeOptions = {},
): Promise<RealtimeHub> {
  const hub = new RealtimeHub(ctx, { databaseUrl: options.databaseUrl ?? defaultDatabaseUrl(ctx) });
  const silenceMs = options.silenceTimeoutMs ?? 60_000;
  const refreshMs = options.refreshIntervalMs ?? 60_000;
  const activityRecordedAt = new Map<string, number>();
  const sockets = new Set<TSocketState>();

  interface TSocketState {
    client: TRealtimeClient;
    socket: WebSocket;
    request: FastifyRequest;
    heardAt: number;
    refreshedAt: number;
  }

  const heartbeat = setInterval(
    () => {
      const now = Date.now();
      for (const state of sockets) {
        if (now - state.heardAt > silenceMs) {
          state.socket.close(CLOSE_SILENT, 'nothing heard for too long');
          // A dead peer never answers the close handshake.
          setTimeout(() => state.socket.terminate(), 5_000).unref();
          continue;
        }
        if (state.socket.readyState === state.socket.OPEN) state.socket.ping();
        if (now - state.refreshedAt > refreshMs) {
          state.refreshedAt = now;
          refresh(state).catch((err) => ctx.log.warn({ err }, 'realtime could not refresh a socket'));
        }
      }
    },
    Math.min(options.pingIntervalMs ?? 20_000, silenceMs / 2),
  );
  heartbeat.unref();

  /** The session may have ended (logout, expiry) and the user's roles or inboxes changed. */
  const refresh = async (state: TSocketState) => {
    const principal = await authenticateSession(ctx.db, state.request, ctx.now());
    if (!principal || principal.userId !== state.client.userId) {
      state.socket.close(CLOSE_SIGNED_OUT, 'signed out');
      return;
    }
    state.client.roles = principal.roles;
    state.client.inboxIds = new Set(await findUserInboxIds(ctx.db, state.client.orgId, state.client.userId));
  };

  const handleMessage = async (state: TSocketState, message: TClientMessage) => {
    const { client } = state;
    switch (message.type) {
      case 'resume':
        return hub.resume(client, message.afterSeq);
      case 'view':
        client.viewingConversationIds = new Set(message.conversationIds);
        client.viewingCustomerIds = new Set(message.customerIds);
        return;
      case 'ping': {
        client.send({ type: 'pong' });
        if (!message.active) return;
        const key = `${client.orgId}:${client.userId}`;
        const now = ctx.now().getTime();
        const last = activityRecordedAt.get(key);
        if (last !== undefined && now - last < ACTIVITY_RESOLUTION_MS && now >= last) return;
        activityRecordedAt.set(key, now);
        if (activityRecordedAt.size > 10_000) evictOlderThan(activityRecordedAt, now - ACTIVITY_RESOLUTION_MS);
        await recordAgentActivity(ctx, client.orgId, client.userId);
        return;
      }
    }
  };

  await app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: 64 * 1024 } });

    scope.addHook('onRequest', async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      request.org = await resolveOrg(ctx.db, ctx.env.HEARTH_BASE_DOMAIN, request);
      if (!originMatchesHost(request.headers.origin, request.headers.host)) {
        throw new AppError(403, [{ code: 'forbidden', detail: 'the Origin of a WebSocket must be this host' }]);
      }
      const principal = await authenticateSession(ctx.db, request, ctx.now());
      if (!principal) throw notSignedIn();
      request.principal = principal;
    });

    scope.get('/api/realtime', { websocket: true, schema: { hide: true } }, (socket, request) => {
      const principal = request.principal;
      const now = Date.now();
      const client: TRealtimeClient = {
        orgId: request.org.id,
        userId: principal.userId,
        roles: principal.roles,
        inboxIds: new Set(),
        viewingConversationIds: new Set(),
        viewingCustomerIds: new Set(),
        position: OUTBOX_START,
        replaying: false,
        buffer: [],
        offeredFrom: OUTBOX_START,
        send: (message: TServerMessage) => {
          sendHeldEvents();
          sendText(JSON.stringify(message));
        },
        sendEvent: (event) => {
          heldEvents.push(event);
          if (heldEvents.length === 1) process.nextTick(sendHeldEvents);
        },
      };
      // The events of one pass of the hub, sent as one message when the pass is over (see TRealtimeClient.sendEvent):
      // with 100 agents on one inbox at 200 messages/s, a frame per event and socket was 160,000 frames a second for
      // the server to build and the browsers to take apart; now it is one per socket per pass.
      const heldEvents: TPositionedEvent[] = [];
      const sendHeldEvents = () => {
        if (heldEvents.length === 0) return;
        const [only] = heldEvents;
        const bytes = heldEvents.length === 1 && only ? eventMessageBytes(only) : eventsMessageBytes(heldEvents);
        heldEvents.length = 0;
        sendText(bytes);
      };
      // A Buffer is sent as a text frame too (binary: false): each event is encoded once for all its sockets.
      const sendText = (text: string | Buffer) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, 'too slow');
          return;
        }
        corkUntilNextTick(socket);
        socket.send(text, { binary: false });
      };
      const state: TSocketState = { client, socket, request, heardAt: now, refreshedAt: now };
      sockets.add(state);
      let closed = false;
      let failed = false;
      // Messages are handled one at a time, and only once the socket has joined its org's feed.
      let queue: Promise<unknown> = (async () => {
        client.inboxIds = new Set(await findUserInboxIds(ctx.db, client.orgId, client.userId));
        await hub.attach(client);
        if (closed) return hub.detach(client);
        client.send({ type: 'hello', userId: client.userId, lastSeq: client.position.seq });
      })().catch((err) => {
        ctx.log.error({ err }, 'realtime could not open a socket');
        failed = true;
        hub.detach(client);
        socket.close(1011, 'server error');
      });

      socket.on('pong', () => {
        state.heardAt = Date.now();
      });
      socket.on('message', (data, isBinary) => {
        state.heardAt = Date.now();
        const message = isBinary ? null : parseClientMessage(data.toString());
        if (!message) return;
        queue = queue.then(() => {
          if (failed || closed) return;
          return handleMessage(state, message).catch((err) =>
            ctx.log.warn({ err }, 'realtime message handling failed'),
          );
        });
      });
      socket.on('close', () => {
        closed = true;
        sockets.delete(state);
        hub.detach(client);
      });
    });
  });

  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    await hub.stop();
  });
  return hub;
}

/**
 * The hub offers a page of events to every socket in one synchronous pass; corking the TCP socket until the pass
 * ends sends a socket's frames of that pass in one write instead of one system call per frame (measured: at 200
 * messages/s with 100 agents on one inbox, per-frame writes took a fifth of the process's time). `_socket` is ws's
 * underlying net.Socket; ws's own cork/uncork around a frame nests inside this one.
 */
function corkUntilNextTick(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  if (!raw || raw.writableCorked > 0) return;
  raw.cork();
  process.nextTick(() => raw.uncork());
}

/** Browsers always send Origin on a WebSocket; a page of another site must not open one with our cookie. */
export function originMatchesHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const normalizedHost = host.toLowerCase().replace(url.protocol === 'https:' ? /:443$/ : /:80$/, '');
  return url.host.toLowerCase() === normalizedHost;
}

/** The client's message, or null for anything malformed (ignored, never an error). */
export function parseClientMessage(text: string): TClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'resume':
      return typeof m.afterSeq === 'string' || typeof m.afterSeq === 'number'
        ? { type: 'resume', afterSeq: String(m.afterSeq) }
        : null;
    case 'view':
      return { type: 'view', conversationIds: idList(m.conversationIds), customerIds: idList(m.customerIds) };
    case 'ping':
      return { type: 'ping', active: m.active === true };
    default:
      return null;
  }
}

function idList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200)
    .slice(0, MAX_VIEWED_IDS);
}

function evictOlderThan(map: Map<string, number>, cutoff: number): void {
  for (const [key, at] of map) if (at < cutoff) map.delete(key);
}

/** Where the LISTEN connection goes when the caller names no database: as cli/storage.ts opens it. */
function defaultDatabaseUrl(ctx: TAppContext): string {
  return ctx.env.DATABASE_URL ?? `postgres://hearth:hearth@127.0.0.1:${ctx.env.HEARTH_EMBEDDED_PG_PORT}/hearth`;
}
