import type { TRealtimeEvent } from '@hearth/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { realtime } from './client';
import type { TConnectionStatus } from './protocol';

/** Keeps the tab's socket open while mounted (the shell mounts it once the user is signed in). */
export function useRealtimeConnection(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    realtime.start(queryClient);
    return () => realtime.stop();
  }, [enabled, queryClient]);
}

/** 'connecting' | 'live' | 'reconnecting' | 'offline', for a small indicator. */
export function useRealtimeStatus(): TConnectionStatus {
  return useSyncExternalStore(
    (l) => realtime.subscribeStatus(l),
    () => realtime.status,
    () => realtime.status,
  );
}

/**
 * Tells the server which conversations and customers this screen shows, so their events reach this tab even when
 * they are outside the agent's inboxes. Several components may call it; the union is sent. Cleared on unmount.
 *
 *   useViewing({ conversationIds: [conversationId], customerIds: [customerId] });
 */
export function useViewing(viewing: { conversationIds?: readonly string[]; customerIds?: readonly string[] }): void {
  const key = useId();
  const conversationIds = [...new Set(viewing.conversationIds ?? [])].filter(Boolean).sort();
  const customerIds = [...new Set(viewing.customerIds ?? [])].filter(Boolean).sort();
  const signature = `${conversationIds.join(',')}|${customerIds.join(',')}`;
  useEffect(() => {
    const [conv = '', cust = ''] = signature.split('|');
    realtime.setViewing(key, {
      conversationIds: conv ? conv.split(',') : [],
      customerIds: cust ? cust.split(',') : [],
    });
  }, [key, signature]);
  useEffect(() => () => realtime.setViewing(key, null), [key]);
}

/** Calls `listener` for every realtime event this tab receives (after deduplication). */
export function useRealtimeEvents(listener: (event: TRealtimeEvent) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => realtime.onEvent((e) => ref.current(e)), []);
}
