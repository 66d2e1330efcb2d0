// @vitest-environment happy-dom

import type { TRealtimeOffer, TServerMessage } from '@hearth/shared';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { qk } from '../lib/query-keys';
import { offerStore } from '../modules/offers/offer-store';
import { RealtimeClient } from './client';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: TServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const event = (seq: string, type: string, content: Record<string, unknown>) => ({
  type: 'event' as const,
  event: {
    seq,
    id: `e${seq}`,
    type,
    timestamp: '2026-01-01T00:00:00Z',
    initiator: { id: 'x', type: 'AGENT' },
    content,
  },
});

describe('RealtimeClient', () => {
  let client: RealtimeClient;
  let queryClient: QueryClient;
  let invalidate: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
    FakeSocket.all = [];
    queryClient = new QueryClient();
    invalidate = vi.fn(async () => {});
    queryClient.invalidateQueries = invalidate as unknown as QueryClient['invalidateQueries'];
    client = new RealtimeClient((url) => new FakeSocket(url) as unknown as WebSocket);
  });
  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  it('connects to /api/realtime, invalidates by query key on events (batched), and persists lastSeq', () => {
    client.start(queryClient);
    const socket = FakeSocket.all[0]!;
    expect(socket.url).toMatch(/^ws:\/\/.+\/api\/realtime$/);
    socket.open();
    socket.receive({ type: 'hello', userId: 'u1', lastSeq: '10' });
    socket.receive(event('11', 'CONTACT/MESSAGE_RECEIVED', { customerId: 'c1', conversationId: 'v1' }));
    socket.receive(event('12', 'CONVERSATION/CLOSED', { customerId: 'c1', conversationId: 'v1' }));
    socket.receive(event('12', 'CONVERSATION/CLOSED', { customerId: 'c1', conversationId: 'v1' }));
    expect(invalidate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    const keys = invalidate.mock.calls.map((c) => JSON.stringify((c[0] as { queryKey: unknown }).queryKey));
    expect(keys).toEqual(
      [qk.inboxViews, qk.conversationListAll, qk.timeline('c1'), qk.conversation('v1'), qk.agentStates].map((k) =>
        JSON.stringify(k),
      ),
    );
    expect(JSON.parse(sessionStorage.getItem('hearth.realtime.cursor')!)).toEqual({ userId: 'u1', lastSeq: '12' });
  });

  it('after a drop, reconnects with back-off and resumes from the last seq; resumed incomplete refetches all', () => {
    client.start(queryClient);
    const first = FakeSocket.all[0]!;
    first.open();
    first.receive({ type: 'hello', userId: 'u1', lastSeq: '10' });
    first.receive(event('15', 'TASK/CREATED', { customerId: 'c2' }));
    first.drop();
    expect(client.status).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(600);
    const second = FakeSocket.all[1]!;
    expect(second).toBeDefined();
    second.open();
    expect(second.sent).toEqual([{ type: 'resume', afterSeq: '15' }]);
    second.receive({ type: 'hello', userId: 'u1', lastSeq: '99' });
    invalidate.mockClear();
    second.receive({ type: 'resumed', lastSeq: '99', complete: false });
    vi.advanceTimersByTime(100);
    expect(invalidate).toHaveBeenCalledWith();
  });

  it('feeds offers to the offer store and ends them', () => {
    client.start(queryClient);
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'hello', userId: 'u1', lastSeq: '1' });
    const offer = { offerId: 'o-client-test', expiresAt: '2099-01-01T00:00:00Z' } as TRealtimeOffer;
    socket.receive({ type: 'offer', offer });
    expect(offerStore.get()?.offerId).toBe('o-client-test');
    socket.receive({ type: 'offer_ended', offerId: 'o-client-test', reason: 'MISSED' });
    expect(offerStore.get()).toBeNull();
  });

  it('pings every 20 s with whether the user was active', () => {
    client.start(queryClient);
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'hello', userId: 'u1', lastSeq: '1' });
    vi.advanceTimersByTime(20_000);
    expect(socket.sent.at(-1)).toEqual({ type: 'ping', active: false });
    socket.receive({ type: 'pong' });
    window.dispatchEvent(new Event('mousemove'));
    vi.advanceTimersByTime(20_000);
    expect(socket.sent.at(-1)).toEqual({ type: 'ping', active: true });
  });

  it('sends what the tab views once connected', () => {
    client.setViewing('page', { conversationIds: ['v9'], customerIds: ['c9'] });
    client.start(queryClient);
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'hello', userId: 'u1', lastSeq: '1' });
    expect(socket.sent).toContainEqual({ type: 'view', conversationIds: ['v9'], customerIds: ['c9'] });
    client.setViewing('page', null);
  });
});
