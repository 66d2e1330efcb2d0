// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, sessionAs } from '../test/fake-server';
import ApiTokensSection from './ApiTokensSection';

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ApiTokensSection />
    </QueryClientProvider>,
  );
}

describe('ApiTokensSection', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => cleanup());

  it('shows a new token once, with a warning, then lists it without the secret', async () => {
    let tokens: unknown[] = [];
    const calls = fakeServer({
      'GET /api/internal/auth/me': sessionAs(['API_USER']),
      'GET /api/internal/api-tokens': () => ({ status: 200, body: tokens }),
      'POST /api/internal/api-tokens': (init) => {
        const { name } = JSON.parse(String(init?.body));
        tokens = [{ id: 't1', name, createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null }];
        return { status: 201, body: { id: 't1', name, token: 'secret-abc' } };
      },
    });
    renderSection();
    fireEvent.click(await screen.findByTestId('api-token-create'));
    fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'CRM sync' } });
    await act(async () => fireEvent.click(screen.getByText('Create token')));
    expect((await screen.findByTestId('api-token-secret')).textContent).toBe('secret-abc');
    expect(screen.getByRole('alert').textContent).toMatch(/shown only once/);
    fireEvent.click(screen.getByText('Done'));
    await waitFor(() => expect(screen.getAllByTestId('api-token-row')).toHaveLength(1));
    expect(screen.queryByText('secret-abc')).toBeNull();
    expect(calls.filter((c) => c.key === 'GET /api/internal/api-tokens').length).toBeGreaterThanOrEqual(2);
  });

  it("puts the server's message under the field it names", async () => {
    fakeServer({
      'GET /api/internal/auth/me': sessionAs(['API_USER']),
      'GET /api/internal/api-tokens': () => ({ status: 200, body: [] }),
      'POST /api/internal/api-tokens': () => ({
        status: 400,
        body: { errors: [{ attr: 'name', code: 'blank', detail: 'name cannot be blank' }] },
      }),
    });
    renderSection();
    fireEvent.click(await screen.findByTestId('api-token-create'));
    await act(async () => fireEvent.click(screen.getByText('Create token')));
    expect((await screen.findByTestId('field-error-name')).textContent).toBe('name cannot be blank');
    expect(screen.queryByTestId('api-token-secret')).toBeNull();
  });

  it('explains instead of offering a button when the user is not an API user', async () => {
    fakeServer({
      'GET /api/internal/auth/me': sessionAs(['ADMINISTRATOR']),
      'GET /api/internal/api-tokens': () => ({ status: 200, body: [] }),
    });
    renderSection();
    expect(await screen.findByText(/Only users with the API User role/)).toBeTruthy();
    expect(screen.queryByTestId('api-token-create')).toBeNull();
  });
});
