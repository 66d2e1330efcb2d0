// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsPage from '../../../pages/SettingsPage';
import type { TTopic } from '../shared/settings-types';
import { fakeServer, sessionAs } from './fake-server';

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/settings/*" element={<SettingsPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const navIds = () => screen.queryAllByTestId(/^settings-nav-/).map((el) => el.getAttribute('data-testid'));

describe('SettingsPage', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => cleanup());

  it.each([
    {
      roles: ['TEAM_MANAGER'],
      expected: ['users', 'teams', 'inboxes', 'topics', 'agent-profiles'],
    },
    { roles: ['AGENT', 'API_USER'], expected: ['api-tokens'] },
  ])('lists the sections $roles may use', async ({ roles, expected }) => {
    fakeServer({ 'GET /api/internal/auth/me': sessionAs(roles) });
    renderAt('/settings/nowhere');
    await waitFor(() => expect(navIds()).toEqual(expected.map((id) => `settings-nav-${id}`)));
  });

  it('tells an agent that settings are not for them', async () => {
    fakeServer({ 'GET /api/internal/auth/me': sessionAs(['AGENT']) });
    renderAt('/settings');
    expect(await screen.findByText(/for administrators and team managers/)).toBeTruthy();
    expect(navIds()).toEqual([]);
  });

  it('shows topics as an indented tree and adds a child under the chosen parent', { timeout: 20_000 }, async () => {
    let topics: TTopic[] = [
      { id: 'b', name: 'Billing', disabled: false },
      { id: 'r', name: 'Refunds', disabled: false, parentId: 'b' },
    ];
    const calls = fakeServer({
      'GET /api/internal/auth/me': sessionAs(['ADMINISTRATOR']),
      'GET /api/internal/topics': () => ({ status: 200, body: topics }),
      'POST /api/internal/topics': (init) => {
        const body = JSON.parse(String(init?.body));
        topics = [...topics, { id: 'p', name: body.name, disabled: false, parentId: body.parentId }];
        return { status: 201, body: topics[2] };
      },
    });
    renderAt('/settings/topics');
    await waitFor(() => expect(screen.getAllByTestId('topic-row')).toHaveLength(2), { timeout: 10_000 });
    expect(screen.getAllByTestId('topic-row').map((row) => row.getAttribute('data-depth'))).toEqual(['0', '1']);

    const refundsRow = screen.getAllByTestId('topic-row')[1] as HTMLElement;
    fireEvent.click(refundsRow.querySelector('button') as HTMLButtonElement);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Partial refund' } });
    await act(async () => fireEvent.click(screen.getByText('Add topic')));

    await waitFor(() => expect(screen.getAllByTestId('topic-row')).toHaveLength(3));
    expect(calls.find((c) => c.key === 'POST /api/internal/topics')?.body).toEqual({
      name: 'Partial refund',
      parentId: 'r',
    });
    const rows = screen.getAllByTestId('topic-row');
    expect(rows.map((row) => row.getAttribute('data-depth'))).toEqual(['0', '1', '2']);
    expect(rows[2]?.textContent).toContain('Partial refund');
  });
});
