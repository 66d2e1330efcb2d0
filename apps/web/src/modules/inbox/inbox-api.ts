import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';

export type TView = 'new' | 'open' | 'waiting' | 'closed';
export const VIEWS: TView[] = ['new', 'open', 'waiting', 'closed'];
export const MINE_VIEWS: TView[] = ['open', 'waiting', 'closed'];
export const VIEW_LABELS: Record<TView, string> = { new: 'New', open: 'Open', waiting: 'Waiting', closed: 'Closed' };

export interface TInboxSummary {
  id: string;
  name: string;
  member?: boolean;
  counts: Record<TView, number>;
  overdue: number;
}

export interface TInboxViews {
  inboxes: TInboxSummary[];
  mine: { open: number; waiting: number; overdue: number };
  closedWindowDays: number;
}

export interface TConversationRow {
  conversationId: string;
  customerId: string;
  customerName: string | null;
  inboxId: string;
  inboxName: string;
  agentId: string | null;
  agentName: string | null;
  status: string;
  uiStatus: string;
  channel: string | null;
  dueAt: string | null;
  overdue: boolean;
  preview: string | null;
  lastActivityAt: string | null;
  topicIds: string[];
}

export interface TConversationPage {
  rows: TConversationRow[];
  nextCursor: string | null;
}

export function useInboxViews() {
  return useQuery({
    queryKey: qk.inboxViews,
    queryFn: () => api.get<TInboxViews>('/api/internal/inbox-views'),
    // Counts also refresh on realtime events; this is the safety net.
    refetchInterval: 60_000,
  });
}

export function isView(value: string | undefined): value is TView {
  return !!value && (VIEWS as string[]).includes(value);
}

export function defaultView(inboxId: string): TView {
  return inboxId === 'mine' ? 'open' : 'new';
}

export function useConversationList(inboxId: string, view: TView) {
  return useInfiniteQuery({
    queryKey: qk.conversationList(inboxId, view),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ inboxId, view, limit: '50' });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<TConversationPage>(`/api/internal/conversation-list?${params}`);
    },
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

/** The count shown on a tab, or null when the server does not count that view (e.g. New for My conversations). */
export function countFor(views: TInboxViews | undefined, inboxId: string, view: TView): number | null {
  if (!views) return null;
  if (inboxId === 'mine') {
    if (view === 'open') return views.mine.open;
    if (view === 'waiting') return views.mine.waiting;
    return null;
  }
  const inbox = views.inboxes.find((i) => i.id === inboxId);
  return inbox ? (inbox.counts[view] ?? null) : null;
}

export function conversationHref(row: Pick<TConversationRow, 'customerId' | 'conversationId'>): string {
  return `/customers/${encodeURIComponent(row.customerId)}?conversation=${encodeURIComponent(row.conversationId)}`;
}
