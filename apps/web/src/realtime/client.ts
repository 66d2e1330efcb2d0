import type { TRealtimeEvent } from '@hearth/shared';
import type { QueryClient } from '@tanstack/react-query';
import { qk } from '../lib/query-keys';
import { offerStore } from '../modules/offers/offer-store';
import { keysForEvent, type TQueryKey } from './invalidation';
import {
  PING_INTERVAL_MS,
  parseServerMessage,
  RealtimeProtocol,
  type TConnectionStatus,
  type TRealtimeAction,
  type TStoredCursor,
  type TViewing,
} from './protocol';

// The WebSocket glue around RealtimeProtocol: one socket per tab, timers, storage, activity tracking, and turning
// events into TanStack Query invalidations. Keep decisions in protocol.ts; this file only carries them out.

const STORAGE_KEY = 'hearth.realtime.cursor';
/** Invalidations from a burst of events (a replay, a bulk change) are coalesced over this window. */
const INVALIDATE_BATCH_MS = 60;

function readCursor(): TStoredCursor | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<TStoredCursor>;
    return typeof parsed.userId === 'string' && typeof parsed.lastSeq === 'string'
      ? { userId: parsed.userId, lastSeq: parsed.lastSeq }
      : null;
  } catch {
    return null;
  }
}

function writeCursor(cursor: TStoredCursor): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(cursor));
  } catch {
    // storage full or disabled: the in-memory cursor still works for this page load
  }
}

export function realtimeUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/realtime`;
}

type TEventListener = (event: TRealtimeEvent) => void;

export class RealtimeClient {
  readonly protocol = new RealtimeProtocol(typeof sessionStorage === 'undefined' ? null : readCursor());
  private socket: WebSocket | null = null;
  private queryClient: QueryClient | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingKeys = new Map<string, TQueryKey>();
  private invalidateEverything = false;
  private running = false;
  private everLive = false;
  private statusListeners = new Set<() => void>();
  private eventListeners = new Set<TEventListener>();
  private detachActivity: (() => void) | null = null;

  constructor(private readonly createSocket: (url: string) => WebSocket = (url) => new WebSocket(url)) {}

  get status(): TConnectionStatus {
    return this.protocol.status;
  }

  /** Connects (idempotent). The shell calls this once the user is signed in. */
  start(queryClient: QueryClient): void {
    this.queryClient = queryClient;
    if (this.running) return;
    this.running = true;
    this.connect();
    this.pingTimer = setInterval(() => this.tick(), PING_INTERVAL_MS);
    this.detachActivity = this.trackActivity();
    window.addEventListener('online', this.onOnline);
  }

  /** Disconnects for good (sign-out, unmount). */
  stop(): void {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.detachActivity?.();
    this.detachActivity = null;
    window.removeEventListener('online', this.onOnline);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
  }

  setViewing(key: string, viewing: TViewing | null): void {
    this.apply(this.protocol.setViewing(key, viewing));
  }

  subscribeStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Every event this tab receives (after deduplication), for screens that react beyond refetching. */
  onEvent(listener: TEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private onOnline = () => {
    // The network is back: do not wait out the back-off.
    if (this.running && !this.socket) {
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.connect();
    }
  };

  private connect(): void {
    if (!this.running) return;
    let socket: WebSocket;
    try {
      socket = this.createSocket(realtimeUrl());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket === socket) this.apply(this.protocol.opened(Date.now()));
    };
    socket.onmessage = (e: MessageEvent) => {
      if (this.socket !== socket) return;
      const message = parseServerMessage(e.data);
      if (message) this.apply(this.protocol.received(message, Date.now()));
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry.
    };
  }

  private scheduleReconnect(): void {
    const { delayMs, actions } = this.protocol.closed(Math.random());
    this.apply(actions);
    if (!this.running) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delayMs);
  }

  private tick(): void {
    const { ping, stale } = this.protocol.tick(Date.now());
    if (stale) {
      const socket = this.socket;
      this.socket = null;
      socket?.close(4000, 'stale');
      this.scheduleReconnect();
      return;
    }
    if (ping) this.send(ping);
  }

  private trackActivity(): () => void {
    let last = 0;
    const mark = () => {
      const now = Date.now();
      // Throttled: one flag write per second is plenty for a 20 s ping.
      if (now - last < 1000) return;
      last = now;
      this.protocol.markActive();
    };
    const events = ['mousemove', 'keydown', 'mousedown', 'touchstart', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, mark, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, mark);
    };
  }

  private send(message: unknown): void {
    if (this.socket && this.socket.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  private apply(actions: TRealtimeAction[]): void {
    for (const action of actions) {
      switch (action.kind) {
        case 'send':
          this.send(action.message);
          break;
        case 'event':
          for (const key of keysForEvent(action.event)) this.pendingKeys.set(JSON.stringify(key), key);
          this.scheduleFlush();
          for (const l of this.eventListeners) l(action.event);
          break;
        case 'invalidateAll':
          this.invalidateEverything = true;
          this.scheduleFlush();
          break;
        case 'offer':
          offerStore.show(action.offer);
          break;
        case 'offerEnded':
          offerStore.end(action.offerId);
          break;
        case 'presence':
          this.pendingKeys.set(JSON.stringify(qk.presence), qk.presence);
          this.pendingKeys.set(JSON.stringify(qk.agentStates), qk.agentStates);
          this.scheduleFlush();
          break;
        case 'persist':
          writeCursor(action.cursor);
          break;
        case 'status':
          if (action.status === 'live') {
            // After a gap the offer and presence may have changed without a message reaching this tab.
            if (this.everLive) {
              for (const key of [qk.currentOffer, qk.presence, qk.inboxViews]) {
                this.pendingKeys.set(JSON.stringify(key), key);
              }
              this.scheduleFlush();
            }
            this.everLive = true;
          }
          for (const l of this.statusListeners) l();
          break;
      }
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      const client = this.queryClient;
      if (!client) return;
      if (this.invalidateEverything) {
        this.invalidateEverything = false;
        this.pendingKeys.clear();
        void client.invalidateQueries();
        return;
      }
      const keys = [...this.pendingKeys.values()];
      this.pendingKeys.clear();
      for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    }, INVALIDATE_BATCH_MS);
  }
}

/** The tab's one connection. */
export const realtime = new RealtimeClient();
