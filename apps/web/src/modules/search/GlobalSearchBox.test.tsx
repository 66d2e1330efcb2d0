// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GlobalSearchBox } from './GlobalSearchBox';

const RESULTS = {
  customers: [{ id: 'cu1', name: 'Ann Lee', emails: ['ann@example.com'], phones: [], matched: 'name' }],
  conversations: [
    {
      itemId: 'it1',
      conversationId: 'cv1',
      customerId: 'cu2',
      customerName: 'Bob <img src=x onerror=alert(1)>',
      occurredAt: '2024-01-01T00:00:00Z',
      channel: 'EMAIL',
      snippet: 'my <mark>ann</mark>ual plan <img src=x onerror=alert(1)>',
    },
  ],
};

let requested: string[] = [];
beforeEach(() => {
  requested = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      return new Response(JSON.stringify(RESULTS), { status: 200 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Where() {
  const location = useLocation();
  return <div data-testid="where">{`${location.pathname}${location.search}`}</div>;
}

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/inbox/mine']}>
        <GlobalSearchBox />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return screen.getByTestId('global-search') as HTMLInputElement;
}

describe('GlobalSearchBox', () => {
  it('searches once typing pauses and lists customers then conversations', async () => {
    const input = setup();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'a' } });
    fireEvent.change(input, { target: { value: 'an' } });
    fireEvent.change(input, { target: { value: 'ann' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(requested).toEqual(['/api/internal/search?q=ann&limit=6']);
    const [customer, conversation] = screen.getAllByRole('option');
    expect(customer?.textContent).toContain('Ann Lee');
    // The snippet keeps its highlight and nothing else as markup.
    expect(conversation?.querySelector('mark')?.textContent).toBe('ann');
    expect(conversation?.querySelector('img')).toBeNull();
  });

  it('moves with the arrow keys and opens the highlighted conversation at its conversation', async () => {
    const input = setup();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'ann' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('where').textContent).toBe('/customers/cu2?conversation=cv1');
  });

  it('goes to the search page on Enter when nothing is highlighted', () => {
    const input = setup();
    fireEvent.change(input, { target: { value: 'refund status' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('where').textContent).toBe('/search?q=refund%20status');
  });
});
