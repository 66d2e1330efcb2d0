// @vitest-environment happy-dom
import type { TRealtimeOffer } from '@hearth/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfferBanner } from './OfferBanner';
import { offerStore } from './offer-store';

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

const offer = (over: Partial<TRealtimeOffer> = {}): TRealtimeOffer => ({
  offerId: `o-${Math.random()}`,
  itemKind: 'CONVERSATION',
  itemId: 'v1',
  customerId: 'c1',
  customerName: 'Pat Customer',
  inboxId: 'i1',
  inboxName: 'Email Support',
  channel: 'EMAIL',
  channelGroup: 'MAIL',
  offeredAt: new Date(Date.now() - 5_000).toISOString(),
  expiresAt: new Date(Date.now() + 40_000).toISOString(),
  declinable: true,
  preview: 'Where is my order?',
  matchReasons: [],
  ...over,
});

function renderBanner() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/inbox/mine/open']}>
        <Routes>
          <Route path="*" element={<OfferBanner />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('OfferBanner', () => {
  let posts: string[];
  beforeEach(() => {
    posts = [];
    offerStore.sync(null);
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (init?.method === 'POST') posts.push(url);
        const body = url.endsWith('/me/offer') ? 'null' : url.endsWith('/accept') ? '{"itemKind":"CONVERSATION"}' : '';
        return Promise.resolve(new Response(body, { status: body ? 200 : 204 }));
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the customer, inbox, preview and a countdown; accept opens the conversation', async () => {
    renderBanner();
    const o = offer();
    act(() => offerStore.show(o));
    const banner = await screen.findByTestId('offer-banner');
    expect(banner.textContent).toContain('Pat Customer');
    expect(banner.textContent).toContain('Email Support');
    expect(banner.textContent).toContain('Where is my order?');
    expect(banner.textContent).toMatch(/0:(39|40)/);
    act(() => screen.getByTestId('offer-accept').click());
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/customers/c1?conversation=v1'));
    expect(posts).toEqual([`/api/internal/offers/${o.offerId}/accept`]);
    await waitFor(() => expect(screen.queryByTestId('offer-banner')).toBeNull());
  });

  it('hides Decline when the offer cannot be declined', async () => {
    renderBanner();
    act(() => offerStore.show(offer({ declinable: false })));
    await screen.findByTestId('offer-banner');
    expect(screen.queryByTestId('offer-decline')).toBeNull();
  });

  it('declines, and disappears when the server ends the offer', async () => {
    renderBanner();
    const o = offer();
    act(() => offerStore.show(o));
    act(() => screen.getByTestId('offer-decline').click());
    await waitFor(() => expect(posts).toEqual([`/api/internal/offers/${o.offerId}/decline`]));
    await waitFor(() => expect(screen.queryByTestId('offer-banner')).toBeNull());
    const next = offer();
    act(() => offerStore.show(next));
    await screen.findByTestId('offer-banner');
    act(() => offerStore.end(next.offerId));
    expect(screen.queryByTestId('offer-banner')).toBeNull();
  });

  it('disappears at expiresAt', async () => {
    renderBanner();
    act(() => offerStore.show(offer({ expiresAt: new Date(Date.now() + 600).toISOString() })));
    await screen.findByTestId('offer-banner');
    await waitFor(() => expect(screen.queryByTestId('offer-banner')).toBeNull(), { timeout: 3000 });
  });
});
