import type { AddressInfo } from 'node:net';
import type { TClientMessage, TRealtimeEvent, TServerMessage } from '@hearth/shared';
import WebSocket from 'ws';
import type { TTestApp, TTestOrg } from '../helpers.js';

/** Start the app on a free port (once) and return the realtime URL. */
export async function realtimeUrlOf(t: TTestApp): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}/api/realtime`;
}

export interface TTestSocket {
  ws: WebSocket;
  /** Every message received, in order; an `events` message as its events, each an `event` message. */
  messages: TServerMessage[];
  /** The frames as they arrived. */
  frames: string[];
  hello: Extract<TServerMessage, { type: 'hello' }>;
  /** The events received, in order. */
  events(): TRealtimeEvent[];
  /** The first message (from `from` on) matching; fails after `timeoutMs` naming what it waited for. */
  waitFor<T extends TServerMessage>(what: string, match: (m: TServerMessage) => m is T, from?: number): Promise<T>;
  waitFor(what: string, match: (m: TServerMessage) => boolean, from?: number): Promise<TServerMessage>;
  waitForEvent(what: string, match: (e: TRealtimeEvent) => boolean): Promise<TRealtimeEvent>;
  send(message: TClientMessage): void;
  /** Send a ping and wait for its pong: every earlier client message has been handled. */
  roundTrip(): Promise<void>;
  close(): Promise<void>;
}

// Generous: the outbox horizon is cluster-wide, so a long transaction anywhere on the server delays delivery.
const WAIT_MS = 25_000;

export interface TConnectOptions {
  host: string;
  cookie?: string;
  origin?: string | null;
  /** Send `resume` as soon as the socket opens (as the web app does after a reconnect), before `hello` arrives. */
  resumeFrom?: string;
}

/** A browser-like socket: the org's host, the session cookie and a same-origin Origin. Resolves after `hello`. */
export async function connectSocket(url: string, options: TConnectOptions): Promise<TTestSocket> {
  const ws = new WebSocket(url, { headers: headersOf(options) });
  const messages: TServerMessage[] = [];
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(data.toString());
    // An `events` message stands for its events, each as an `event` message, in order (what the web app does).
    const message = JSON.parse(data.toString()) as TServerMessage;
    if (message.type === 'events') messages.push(...message.events.map((event) => ({ type: 'event' as const, event })));
    else messages.push(message);
    for (const wake of waiters) wake();
  });
  ws.on('close', () => {
    for (const wake of waiters) wake();
  });
  const waitFor = (what: string, match: (m: TServerMessage) => boolean, from = 0): Promise<TServerMessage> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.slice(from).find(match);
        if (found) {
          cleanup();
          resolve(found);
        } else if (ws.readyState === ws.CLOSED) {
          cleanup();
          reject(new Error(`socket closed while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${what} within ${WAIT_MS} ms; got ${JSON.stringify(messages.map((m) => m.type))}`));
      }, WAIT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      if (options.resumeFrom !== undefined) ws.send(JSON.stringify({ type: 'resume', afterSeq: options.resumeFrom }));
      resolve();
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
  });
  const hello = (await waitFor('hello', (m) => m.type === 'hello')) as TTestSocket['hello'];
  const socket: TTestSocket = {
    ws,
    messages,
    frames,
    hello,
    events: () => messages.flatMap((m) => (m.type === 'event' ? [m.event] : [])),
    waitFor: waitFor as TTestSocket['waitFor'],
    waitForEvent: async (what, match) => {
      const m = await waitFor(what, (x) => x.type === 'event' && match(x.event));
      return (m as Extract<TServerMessage, { type: 'event' }>).event;
    },
    send: (message) => ws.send(JSON.stringify(message)),
    roundTrip: async () => {
      const from = messages.length;
      ws.send(JSON.stringify({ type: 'ping', active: false }));
      await waitFor('pong', (m) => m.type === 'pong', from);
    },
    close: async () => {
      if (ws.readyState === ws.CLOSED) return;
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      });
    },
  };
  return socket;
}

/** The HTTP status an upgrade is refused with (or 101 when it is accepted). */
export async function upgradeStatus(url: string, options: TConnectOptions): Promise<number> {
  const ws = new WebSocket(url, { headers: headersOf(options) });
  return new Promise<number>((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
    ws.on('error', () => {});
  });
}

function headersOf(options: TConnectOptions): Record<string, string> {
  const headers: Record<string, string> = { host: options.host };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin !== null) headers.origin = options.origin ?? `http://${options.host}`;
  return headers;
}

export function browserOf(o: TTestOrg, cookie: string): TConnectOptions {
  return { host: o.host, cookie };
}
