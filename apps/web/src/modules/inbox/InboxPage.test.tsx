// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboxPage } from '../../pages/InboxPage';
import type { TConversationRow, TInboxViews } from './inbox-api';

const VIEWS: TInboxViews = {
  inboxes: [{ id: 'i1', name: 'Email Support', counts: { new: 2, open: 5, waiting: 1, closed: 9 }, overdue: 1 }],
  mine: { open: 0, waiting: 0, overdue: 0 },
  closedWindowDays: 7,
};

const row = (n: number, over: Partial<TConversationRow> = {}): TConversationRow => ({
  conversationId: `v${n}`,
  customerId: `c${n}`,
  customerName: `Customer ${n}`,
  inboxId: 'i1',
  inboxName: 'Email Support',
  agentId: null,
  agentName: null,
  status: 'OPEN',
  uiStatus: 'NEW',
  channel: 'EMAIL',
  dueAt: null,
  overdue: false,
  preview: `Preview ${n}`,
  lastActivityAt: null,
  topicIds: [],
  ...over,
});

function respond(body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
}

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/inbox/:inboxId" element={<InboxPage />} />
          <Route path="/inbox/:inboxId/:view" element={<InboxPage />} />
          <Route path="*" element={null} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

function press(key: string) {
  act(() => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('InboxPage', () => {
  let lists: Record<string, unknown>;
  beforeEach(() => {
    lists = {};
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        if (url.startsWith('/api/internal/inbox-views')) return respond(VIEWS);
        const u = new URL(url, 'http://x');
        const key = `${u.searchParams.get('inboxId')}/${u.searchParams.get('view')}/${u.searchParams.get('cursor') ?? ''}`;
        return respond(lists[key] ?? { rows: [], nextCursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('opens the New view of an inbox by default and shows each tab count as a plain number', async () => {
    lists['i1/new/'] = { rows: [row(1), row(2)], nextCursor: null };
    renderAt('/inbox/i1');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/inbox/i1/new'));
    await waitFor(() => expect(screen.getByTestId('inbox-count-new').textContent).toBe('2'));
    expect(screen.getByTestId('inbox-count-open').textContent).toBe('5');
    expect(screen.getByTestId('inbox-count-waiting').textContent).toBe('1');
    expect(screen.getByTestId('inbox-count-closed').textContent).toBe('9');
    const rows = await screen.findAllByTestId('conversation-row');
    expect(rows.map((r) => [r.dataset.conversationId, r.dataset.customerId])).toEqual([
      ['v1', 'c1'],
      ['v2', 'c2'],
    ]);
    expect(screen.getByText('1 overdue')).toBeTruthy();
  });

  it('moves with j/k and opens the selected conversation with Enter', async () => {
    lists['i1/new/'] = { rows: [row(1), row(2), row(3)], nextCursor: null };
    renderAt('/inbox/i1/new');
    await screen.findAllByTestId('conversation-row');
    press('j');
    press('j');
    press('j');
    press('k');
    const selected = screen.getAllByTestId('conversation-row').find((r) => r.getAttribute('aria-current') === 'true');
    expect(selected?.dataset.conversationId).toBe('v2');
    press('Enter');
    expect(screen.getByTestId('where').textContent).toBe('/customers/c2?conversation=v2');
  });

  it('shows overdue due dates in words and marks them', async () => {
    const past = new Date(Date.now() - 15 * 60_000 - 5_000).toISOString();
    lists['i1/new/'] = { rows: [row(1, { dueAt: past, overdue: true })], nextCursor: null };
    renderAt('/inbox/i1/new');
    expect(await screen.findByText('overdue 15 min')).toBeTruthy();
  });

  it('loads the next page with the cursor', async () => {
    lists['i1/new/'] = { rows: [row(1)], nextCursor: 'CUR' };
    lists['i1/new/CUR'] = { rows: [row(2)], nextCursor: null };
    renderAt('/inbox/i1/new');
    const more = await screen.findByText('Load more');
    act(() => more.click());
    await waitFor(() => expect(screen.getAllByTestId('conversation-row')).toHaveLength(2));
  });

  it('reads well when empty, and My conversations has no New tab', async () => {
    renderAt('/inbox/mine');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/inbox/mine/open'));
    expect(await screen.findByText("You're all caught up")).toBeTruthy();
    expect(screen.queryByTestId('inbox-count-new')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('inbox-count-open').textContent).toBe('0'));
  });
});
