import type { TClientMessage, TRealtimeEvent, TRealtimeOffer, TServerMessage } from '@hearth/shared';

// The realtime protocol as a pure state machine: no WebSocket, no timers, no window. The glue (client.ts) feeds
// it socket happenings and the clock, and carries out what it returns. Everything here is unit-tested.
//
// Rules (matching the server, docs/REALTIME.md):
// - lastSeq is the seq of the last event this tab *received*. The server delivers in commit order ((xid, seq)),
//   which can differ from seq order, so lastSeq is a position, not a maximum. It starts from storage (the tab's
//   previous page load) and is kept per user.
// - On open, a tab that has a lastSeq sends `resume` at once (the server replays what it missed, then `resumed`);
//   a tab without one adopts the lastSeq of `hello` (it has just loaded fresh data anyway).
// - Duplicates are dropped by seq: a bounded set of recently received seqs (a replay may overlap live delivery).
// - `resumed` with complete:false means too much was missed: refetch everything.
// - Reconnect delays grow exponentially with jitter up to a cap; they reset once a connection says hello.
// - A ping goes every PING_INTERVAL_MS carrying whether the user was active since the previous one; a socket that
//   has said nothing (not even a pong) for STALE_AFTER_MS is considered dead and is replaced.

export const PING_INTERVAL_MS = 20_000;
export const STALE_AFTER_MS = 50_000;
/** How many received seqs are remembered for deduplication. */
export const SEEN_LIMIT = 2000;

export interface TBackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Share of the delay that is randomised: 0.5 → a delay in [50%, 100%] of the exponential value. */
  jitter: number;
}

export const DEFAULT_BACKOFF: TBackoffOptions = { baseMs: 500, maxMs: 30_000, jitter: 0.5 };

/** The delay before reconnect attempt `attempt` (0 = the first retry), given a random number in [0, 1). */
export function backoffDelay(attempt: number, random: number, options: TBackoffOptions = DEFAULT_BACKOFF): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exponential * (1 - options.jitter * random));
}

export interface TStoredCursor {
  userId: string;
  lastSeq: string;
}

/** What the glue must do after a protocol step. */
export type TRealtimeAction =
  | { kind: 'send'; message: TClientMessage }
  | { kind: 'event'; event: TRealtimeEvent }
  | { kind: 'invalidateAll' }
  | { kind: 'offer'; offer: TRealtimeOffer }
  | { kind: 'offerEnded'; offerId: string; reason: string }
  | { kind: 'presence'; userId: string }
  | { kind: 'persist'; cursor: TStoredCursor }
  | { kind: 'status'; status: TConnectionStatus };

export type TConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface TViewing {
  conversationIds: string[];
  customerIds: string[];
}

export class RealtimeProtocol {
  private cursor: TStoredCursor | null;
  private userId: string | null = null;
  private open = false;
  private attempts = 0;
  private active = false;
  private lastHeardAt = 0;
  private resuming = false;
  private viewers = new Map<string, TViewing>();
  private sentView = '';
  private seen = new Set<string>();
  status: TConnectionStatus = 'connecting';

  constructor(stored: TStoredCursor | null = null) {
    this.cursor = stored;
  }

  get lastSeq(): string | null {
    return this.cursor?.lastSeq ?? null;
  }

  get isResuming(): boolean {
    return this.resuming;
  }

  /** The socket opened: resume at once when this tab has a position, and say what it views. */
  opened(now: number): TRealtimeAction[] {
    this.open = true;
    this.lastHeardAt = now;
    this.sentView = '';
    const actions: TRealtimeAction[] = [];
    if (this.cursor) {
      this.resuming = true;
      actions.push({ kind: 'send', message: { type: 'resume', afterSeq: this.cursor.lastSeq } });
    }
    actions.push(...this.viewMessage());
    return actions;
  }

  /** The socket closed (or failed). Returns the delay before the next attempt. */
  closed(random: number, backoff: TBackoffOptions = DEFAULT_BACKOFF): { delayMs: number; actions: TRealtimeAction[] } {
    this.open = false;
    this.resuming = false;
    this.sentView = '';
    const delayMs = backoffDelay(this.attempts, random, backoff);
    this.attempts++;
    return { delayMs, actions: this.setStatus(this.attempts > 3 ? 'offline' : 'reconnecting') };
  }

  /** Handles one server message. Unknown or malformed messages are ignored. */
  received(message: TServerMessage, now: number): TRealtimeAction[] {
    this.lastHeardAt = now;
    switch (message.type) {
      case 'hello':
        return this.hello(message.userId, message.lastSeq);
      case 'event':
        return this.event(message.event);
      case 'events':
        return message.events.flatMap((event) => this.event(event));
      case 'resumed': {
        this.resuming = false;
        const actions: TRealtimeAction[] = [];
        if (!message.complete) actions.push({ kind: 'invalidateAll' });
        actions.push(...this.adopt(message.lastSeq));
        return actions;
      }
      case 'offer':
        return [{ kind: 'offer', offer: message.offer }];
      case 'offer_ended':
        return [{ kind: 'offerEnded', offerId: message.offerId, reason: message.reason }];
      case 'presence':
        return [{ kind: 'presence', userId: message.userId }];
      default:
        return [];
    }
  }

  /** Called every PING_INTERVAL_MS. Returns the ping to send, or asks for a reconnect when the socket is silent. */
  tick(now: number): { ping: TClientMessage | null; stale: boolean } {
    if (!this.open) return { ping: null, stale: false };
    if (now - this.lastHeardAt > STALE_AFTER_MS) return { ping: null, stale: true };
    const ping: TClientMessage = { type: 'ping', active: this.active };
    this.active = false;
    return { ping, stale: false };
  }

  /** The user moved the mouse or typed. */
  markActive(): void {
    this.active = true;
  }

  /** One component's view (customer page); the union of all is sent. Returns the `view` message when it changed. */
  setViewing(key: string, viewing: TViewing | null): TRealtimeAction[] {
    if (viewing) this.viewers.set(key, viewing);
    else this.viewers.delete(key);
    return this.viewMessage();
  }

  private hello(userId: string, serverLastSeq: string): TRealtimeAction[] {
    const actions: TRealtimeAction[] = [];
    this.attempts = 0;
    this.userId = userId;
    actions.push(...this.setStatus('live'));
    if (!this.cursor) {
      // A fresh tab: what is on screen was just fetched; continue from now.
      this.cursor = { userId, lastSeq: serverLastSeq };
      actions.push({ kind: 'persist', cursor: this.cursor });
    } else if (this.cursor.userId !== userId) {
      // Another user signed in to this tab: the position is still a valid place in the org's feed.
      this.cursor = { userId, lastSeq: this.cursor.lastSeq };
      actions.push({ kind: 'persist', cursor: this.cursor });
    }
    return actions;
  }

  private event(event: TRealtimeEvent): TRealtimeAction[] {
    if (this.seen.has(event.seq)) return [];
    this.seen.add(event.seq);
    if (this.seen.size > SEEN_LIMIT) {
      // Sets iterate in insertion order: forget the oldest.
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    const actions: TRealtimeAction[] = [{ kind: 'event', event }];
    if (this.userId) {
      this.cursor = { userId: this.userId, lastSeq: event.seq };
      actions.push({ kind: 'persist', cursor: this.cursor });
    }
    return actions;
  }

  private adopt(seq: string): TRealtimeAction[] {
    if (!this.userId) return [];
    this.cursor = { userId: this.userId, lastSeq: seq };
    return [{ kind: 'persist', cursor: this.cursor }];
  }

  private viewMessage(): TRealtimeAction[] {
    const conversationIds = new Set<string>();
    const customerIds = new Set<string>();
    for (const v of this.viewers.values()) {
      for (const id of v.conversationIds) conversationIds.add(id);
      for (const id of v.customerIds) customerIds.add(id);
    }
    const message: TClientMessage = {
      type: 'view',
      conversationIds: [...conversationIds].sort(),
      customerIds: [...customerIds].sort(),
    };
    const serialised = JSON.stringify(message);
    // Nothing viewed and nothing sent yet on this socket: the server's default is already "nothing".
    if (serialised === this.sentView || (!this.sentView && !conversationIds.size && !customerIds.size)) return [];
    if (!this.open) return [];
    this.sentView = serialised;
    return [{ kind: 'send', message }];
  }

  private setStatus(status: TConnectionStatus): TRealtimeAction[] {
    if (this.status === status) return [];
    this.status = status;
    return [{ kind: 'status', status }];
  }
}

/** Parses a frame; returns null for anything that is not a server message object. */
export function parseServerMessage(data: unknown): TServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string') {
      return parsed as TServerMessage;
    }
  } catch {
    // ignored: a malformed frame must not break the tab
  }
  return null;
}
