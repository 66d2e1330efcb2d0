import { type TRole, type TServerMessage, USER_NOTIFY_CHANNEL } from '@hearth/shared';
import type { TAppContext } from '../app-context.js';
import { OUTBOX_CHANNEL } from '../events/outbox.js';
import { compareOutboxPositions, OUTBOX_START, type TOutboxPosition } from '../events/outbox-horizon.js';
import { Pacer } from '../lib/pacer.js';
import { AssignmentCache } from './assignment-cache.js';
import { audienceIncludes, audienceOf, seesWholeOrg, type TEventAudience } from './audience.js';
import { startPgListener, type TPgListener } from './pg-listener.js';
import {
  findPositionOfSeq,
  readFinalEventsAfter,
  readLastFinalPosition,
  type TPositionedEvent,
} from './realtime.repository.js';

/** Events read per query, live and on resume. */
const PAGE = 500;
/** A resume replays at most this many events; past it the client refetches everything. */
export const MAX_REPLAY_EVENTS = 1000;
/** A resume scans at most this many pages of the org's events (most may concern someone else). */
const MAX_REPLAY_PAGES = 40;
/**
 * An org's feed reads the outbox at most this often: at once after a quiet spell, else once per interval for all
 * the commits in between. A busy org (a NOTIFY per commit, hundreds a second) then costs one query and one write
 * per socket per interval instead of per commit; a desktop sees its events at most this much later (its refetches
 * are coalesced over 60 ms anyway). 25 ms had left the sockets' writes the realtime side's largest cost with 100
 * agents on one inbox (docs/PERFORMANCE.md, session 6). Offers and other messages to one user do not wait: they
 * come on the user channel (notifyUser).
 */
export const FEED_READ_INTERVAL_MS = 100;

/** One open socket, as the hub sees it. */
export interface TRealtimeClient {
  readonly orgId: string;
  readonly userId: string;
  roles: TRole[];
  inboxIds: Set<string>;
  viewingConversationIds: Set<string>;
  viewingCustomerIds: Set<string>;
  /** The last outbox position this socket has been offered (sent or judged not its concern). */
  position: TOutboxPosition;
  /**
   * Every event after this position up to `position` has been offered to the socket (live or by a replay), so a
   * resume skips them: no event is sent twice. One position instead of a set of sent ids per socket, which cost a
   * twentieth of the process with 100 sockets on a busy inbox.
   */
  offeredFrom: TOutboxPosition;
  /** While a resume replays, live events wait here. */
  replaying: boolean;
  buffer: TPositionedEvent[];
  /** A message; events the socket was handed before it leave first. */
  send(message: TServerMessage): void;
  /**
   * An event for this socket. The events a socket is handed in one synchronous pass leave together, as one `events`
   * message (one `event` message when alone): a frame per socket per pass, not per event.
   */
  sendEvent(event: TPositionedEvent): void;
}

interface TOrgFeed {
  orgId: string;
  clients: Set<TRealtimeClient>;
  position: TOutboxPosition;
  ready: Promise<void>;
  reading: boolean;
  again: boolean;
  pacer: Pacer;
  retry: NodeJS.Timeout | undefined;
  retryDelayMs: number;
}

export interface TRealtimeHubOptions {
  databaseUrl: string;
  /** The fallback when a NOTIFY is missed (it never is while the LISTEN connection lives). */
  pollIntervalMs?: number;
}

/**
 * The per-process realtime fan-out: one LISTEN connection, one reader per org with sockets (reading each new
 * event once, whatever the number of sockets), and the sockets of each org. Events are read in the outbox's
 * (xid, seq) order below the horizon, so none is skipped when transactions commit out of order.
 */
export class RealtimeHub {
  private readonly feeds = new Map<string, TOrgFeed>();
  private readonly assignments: AssignmentCache;
  private listener: Promise<TPgListener> | null = null;
  private poll: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: TAppContext,
    private readonly options: TRealtimeHubOptions,
  ) {
    this.assignments = new AssignmentCache(ctx.db);
  }

  /** Join the org's feed: the client is offered every event after the feed's position from now on. */
  async attach(client: TRealtimeClient): Promise<void> {
    await this.ensureListening();
    for (;;) {
      const feed = this.feedOf(client.orgId);
      await feed.ready;
      // The feed may have been dropped (its last socket left) and replaced while this one waited.
      if (this.feeds.get(client.orgId) !== feed) continue;
      client.position = feed.position;
      client.offeredFrom = feed.position;
      feed.clients.add(client);
      return;
    }
  }

  detach(client: TRealtimeClient): void {
    const feed = this.feeds.get(client.orgId);
    if (!feed) return;
    feed.clients.delete(client);
    if (feed.clients.size === 0 && !feed.reading) this.dropFeed(feed);
  }

  /** The newest position of the org's feed: what `hello` reports. */
  positionOf(orgId: string): TOutboxPosition {
    return this.feeds.get(orgId)?.position ?? OUTBOX_START;
  }

  /**
   * Replay the events after `afterSeq` that concern the client, then `resumed`. Live events that arrive meanwhile
   * wait in the client's buffer and are offered after the replay, each at most once and in order.
   */
  async resume(client: TRealtimeClient, afterSeq: string): Promise<void> {
    client.replaying = true;
    client.buffer = [];
    let complete = false;
    const offered = { from: client.offeredFrom, to: client.position };
    try {
      let position = OUTBOX_START;
      if (/^\d{1,19}$/.test(afterSeq)) {
        const from = await findPositionOfSeq(this.ctx.db, client.orgId, afterSeq);
        const replayed = await this.replay(client, from, offered);
        position = replayed.position;
        complete = replayed.complete;
        // The offered stretch grows back to `from`, unless the replay began past it (a gap: start a new stretch).
        const extends_ = compareOutboxPositions(from, offered.from) < 0 || compareOutboxPositions(from, offered.to) > 0;
        if (complete && extends_) client.offeredFrom = from;
      }
      // Incomplete: the client refetches everything, so it continues from the newest position.
      const feedPosition = this.positionOf(client.orgId);
      if (!complete && compareOutboxPositions(feedPosition, position) > 0) position = feedPosition;
      client.position = position;
      if (!complete) client.offeredFrom = position;
    } catch (err) {
      this.ctx.log.warn({ err, orgId: client.orgId }, 'realtime resume failed');
      complete = false;
      client.position = this.positionOf(client.orgId);
      client.offeredFrom = client.position;
    } finally {
      client.replaying = false;
    }
    client.send({ type: 'resumed', lastSeq: client.position.seq, complete });
    const buffered = client.buffer;
    client.buffer = [];
    for (const event of buffered) this.offer(client, event);
  }

  private async replay(
    client: TRealtimeClient,
    from: TOutboxPosition,
    // What the socket had been offered when the resume began: those events are not sent again.
    offered: { from: TOutboxPosition; to: TOutboxPosition },
  ): Promise<{ position: TOutboxPosition; complete: boolean }> {
    let position = from;
    let sent = 0;
    for (let page = 0; page < MAX_REPLAY_PAGES; page++) {
      const { events } = await readFinalEventsAfter(this.ctx.db, client.orgId, position, PAGE);
      await this.assignments.load(client.orgId, events);
      for (const event of events) {
        const again = compareOutboxPositions(event, offered.from) > 0 && compareOutboxPositions(event, offered.to) <= 0;
        if (!again && this.concerns(client, event)) {
          if (sent >= MAX_REPLAY_EVENTS) return { position, complete: false };
          this.sendEvent(client, event);
          sent++;
        }
        position = positionOf(event);
      }
      if (events.length < PAGE) return { position, complete: true };
    }
    return { position, complete: false };
  }

  /** A new event in the org (NOTIFY on the outbox channel): read the feed, paced (FEED_READ_INTERVAL_MS). */
  wakeOrg(orgId: string): void {
    const feed = this.feeds.get(orgId);
    if (!feed || this.stopped) return;
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.pacer.request(() => this.startReading(feed));
  }

  private startReading(feed: TOrgFeed): void {
    const { orgId } = feed;
    if (this.feeds.get(orgId) !== feed || this.stopped) return;
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    feed.again = false;
    this.readFeed(feed)
      .catch((err) => this.ctx.log.warn({ err, orgId }, 'realtime could not read the outbox'))
      .finally(() => {
        feed.reading = false;
        if (feed.clients.size === 0) this.dropFeed(feed);
        else if (feed.again) this.wakeOrg(orgId);
      });
  }

  /** A message for every socket of one user (NOTIFY on the user channel). */
  notifyUser(orgId: string, userId: string, message: TServerMessage): void {
    const feed = this.feeds.get(orgId);
    if (!feed) return;
    for (const client of feed.clients) if (client.userId === userId) client.send(message);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    for (const feed of this.feeds.values()) {
      clearTimeout(feed.retry);
      feed.pacer.cancel();
    }
    this.feeds.clear();
    const listener = this.listener;
    this.listener = null;
    await listener?.then((l) => l.stop()).catch(() => {});
  }

  private feedOf(orgId: string): TOrgFeed {
    let feed = this.feeds.get(orgId);
    if (feed) return feed;
    const created: TOrgFeed = {
      orgId,
      clients: new Set(),
      position: OUTBOX_START,
      ready: Promise.resolve(),
      reading: false,
      again: false,
      pacer: new Pacer(FEED_READ_INTERVAL_MS),
      retry: undefined,
      retryDelayMs: 50,
    };
    created.ready = readLastFinalPosition(this.ctx.db, orgId).then(
      (position) => {
        created.position = position;
      },
      (err) => {
        if (this.feeds.get(orgId) === created) this.feeds.delete(orgId);
        throw err;
      },
    );
    this.feeds.set(orgId, created);
    feed = created;
    return feed;
  }

  private dropFeed(feed: TOrgFeed): void {
    if (this.feeds.get(feed.orgId) !== feed || feed.clients.size > 0) return;
    clearTimeout(feed.retry);
    feed.pacer.cancel();
    this.feeds.delete(feed.orgId);
  }

  private async readFeed(feed: TOrgFeed): Promise<void> {
    await feed.ready;
    for (;;) {
      const { events, heldBack } = await readFinalEventsAfter(this.ctx.db, feed.orgId, feed.position, PAGE);
      await this.assignments.load(feed.orgId, events);
      // Synchronous from here: a socket attaching meanwhile takes the position after these events.
      for (const event of events) {
        this.assignments.learn(feed.orgId, event);
        // Who the event is for, once for all the org's sockets.
        const audience = this.audienceOf(feed.orgId, event);
        const position = positionOf(event);
        for (const client of feed.clients) this.offer(client, event, audience, position, feed.position);
        feed.position = position;
      }
      if (heldBack) {
        // A later transaction committed while an older one still runs: look again soon, backing off to 1 s.
        clearTimeout(feed.retry);
        feed.retry = setTimeout(() => this.wakeOrg(feed.orgId), feed.retryDelayMs);
        feed.retry.unref();
        feed.retryDelayMs = Math.min(1000, feed.retryDelayMs * 2);
      } else {
        feed.retryDelayMs = 50;
      }
      if (events.length < PAGE) return;
    }
  }

  /** Offer one event to one socket: in order, once, and only when it concerns the socket. */
  private offer(
    client: TRealtimeClient,
    event: TPositionedEvent,
    audience?: TEventAudience,
    // readFeed passes the object that becomes the feed's position, so a socket catching up shares it from then on,
    position: TOutboxPosition = positionOf(event),
    // and the feed's position before this event: a socket that shares it is caught up, the event is its next one.
    // (Comparing positions for every socket and event was most of a pass with hundreds of sockets.)
    caughtUpAt?: TOutboxPosition,
  ): void {
    if (client.replaying) {
      client.buffer.push(event);
      return;
    }
    if (client.position !== caughtUpAt && compareOutboxPositions(position, client.position) <= 0) return;
    client.position = position;
    if (this.concerns(client, event, audience)) this.sendEvent(client, event);
  }

  private sendEvent(client: TRealtimeClient, event: TPositionedEvent): void {
    client.sendEvent(event);
  }

  private concerns(client: TRealtimeClient, event: TPositionedEvent, audience?: TEventAudience): boolean {
    if (seesWholeOrg(client.roles)) return true;
    return audienceIncludes(audience ?? this.audienceOf(client.orgId, event), client);
  }

  private audienceOf(orgId: string, event: TPositionedEvent): TEventAudience {
    return audienceOf(event, this.assignments.current(orgId, event));
  }

  private ensureListening(): Promise<TPgListener> {
    if (this.stopped) return Promise.reject(new Error('the realtime hub is stopped'));
    if (!this.listener) {
      const started = startPgListener({
        databaseUrl: this.options.databaseUrl,
        channels: [OUTBOX_CHANNEL, USER_NOTIFY_CHANNEL],
        log: this.ctx.log,
        onNotification: (channel, payload) => this.onNotification(channel, payload),
        // After a reconnect, read every feed from its position: nothing committed meanwhile is missed.
        onListening: () => this.wakeAll(),
      });
      this.listener = started;
      started.then(
        (listener) => {
          if (this.stopped) listener.stop().catch(() => {});
        },
        () => {
          if (this.listener === started) this.listener = null;
        },
      );
      if (!this.poll) {
        this.poll = setInterval(() => this.wakeAll(), this.options.pollIntervalMs ?? 5_000);
        this.poll.unref();
      }
    }
    return this.listener;
  }

  private wakeAll(): void {
    for (const orgId of this.feeds.keys()) this.wakeOrg(orgId);
  }

  private onNotification(channel: string, payload: string): void {
    if (channel === OUTBOX_CHANNEL) {
      this.wakeOrg(payload);
      return;
    }
    if (channel !== USER_NOTIFY_CHANNEL) return;
    try {
      const parsed = JSON.parse(payload) as { orgId?: unknown; userId?: unknown; message?: unknown };
      const message = parsed.message as TServerMessage | undefined;
      if (typeof parsed.orgId !== 'string' || typeof parsed.userId !== 'string') return;
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      this.notifyUser(parsed.orgId, parsed.userId, message);
    } catch (err) {
      this.ctx.log.warn({ err }, 'realtime ignored a malformed user notification');
    }
  }
}

function positionOf(event: TPositionedEvent): TOutboxPosition {
  return { xid: event.xid, seq: event.seq };
}
