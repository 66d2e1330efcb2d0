import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { ApiError } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { mergePagesFrom, type TMergedPages } from './timeline-model';
import type { TTimelineItem, TTimelinePage } from './timeline-types';

export const TIMELINE_PAGE_SIZE = 200;

/** Thrown when the customer was merged into another profile: the page follows `newCustomerId`. */
export class CustomerMovedError extends Error {
  constructor(readonly newCustomerId: string) {
    super(`customer moved to ${newCustomerId}`);
    this.name = 'CustomerMovedError';
  }
}

interface TErrorBody {
  errors?: { code?: string; detail?: string; meta?: Record<string, unknown> }[];
  meta?: Record<string, unknown>;
}

export async function fetchTimelinePage(customerId: string, before: string | null): Promise<TTimelinePage> {
  const params = new URLSearchParams({ limit: String(TIMELINE_PAGE_SIZE) });
  if (before) params.set('before', before);
  const response = await fetch(`/api/internal/customers/${encodeURIComponent(customerId)}/timeline?${params}`, {
    headers: { Accept: 'application/json', 'X-Requested-With': 'hearth' },
    credentials: 'same-origin',
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) {
    const errorBody = (body && typeof body === 'object' ? body : {}) as TErrorBody;
    const first = errorBody.errors?.[0];
    const moved = first?.meta?.new ?? errorBody.meta?.new;
    if (response.status === 404 && first?.code === 'moved' && typeof moved === 'string')
      throw new CustomerMovedError(moved);
    throw new ApiError(response.status, errorBody.errors ?? [{ detail: `request failed (${response.status})` }]);
  }
  const page = body as TTimelinePage;
  return { ...page, conversations: page.conversations ?? [], items: page.items ?? [] };
}

/** The customer's timeline, newest page first; `fetchNextPage` loads older items. */
export function useTimeline(customerId: string) {
  const query = useInfiniteQuery({
    queryKey: qk.timeline(customerId),
    queryFn: ({ pageParam }) => fetchTimelinePage(customerId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: (count, error) => !(error instanceof CustomerMovedError) && !(error instanceof ApiError) && count < 1,
    staleTime: 10_000,
  });
  const pages = query.data?.pages;
  // Merged incrementally: an older page costs its own 200 items, not a re-sort of everything loaded.
  const merged = useRef<TMergedPages | null>(null);
  const items = useMemo<TTimelineItem[]>(() => {
    if (!pages) return [];
    merged.current = mergePagesFrom(merged.current, pages);
    return merged.current.items;
  }, [pages]);
  const head = pages?.[0];
  return { query, head, items };
}
