import type { TRealtimeOffer } from '@hearth/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { showToast } from '../../ui/ui';
import { offerStore } from './offer-store';

/** The pending offer: the realtime socket keeps it current; the fetch covers page loads and reconnects. */
export function useCurrentOffer(): TRealtimeOffer | null {
  const fetched = useQuery({
    queryKey: qk.currentOffer,
    queryFn: async () => {
      const startedAt = Date.now();
      return { offer: await api.get<TRealtimeOffer | null>('/api/internal/me/offer'), startedAt };
    },
    staleTime: 10_000,
  });
  useEffect(() => {
    if (fetched.data) offerStore.sync(fetched.data.offer ?? null, fetched.data.startedAt);
  }, [fetched.data]);
  return useSyncExternalStore(
    (l) => offerStore.subscribe(l),
    () => offerStore.get(),
    () => offerStore.get(),
  );
}

export function offerHref(offer: Pick<TRealtimeOffer, 'customerId' | 'itemKind' | 'itemId'>): string {
  const base = `/customers/${encodeURIComponent(offer.customerId)}`;
  return offer.itemKind === 'CONVERSATION' ? `${base}?conversation=${encodeURIComponent(offer.itemId)}` : base;
}

/** Accept opens the customer once the server confirms (the banner unmounts first, so this lives in the hook). */
export function useOfferActions(onAccepted: (offer: TRealtimeOffer) => void) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.inboxViews });
    void queryClient.invalidateQueries({ queryKey: qk.conversationListAll });
    void queryClient.invalidateQueries({ queryKey: qk.currentOffer });
  };
  const accept = useMutation({
    mutationFn: (offer: TRealtimeOffer) => api.post(`/api/internal/offers/${encodeURIComponent(offer.offerId)}/accept`),
    onSuccess: (_data, offer) => {
      onAccepted(offer);
      offerStore.end(offer.offerId);
    },
    onSettled: refresh,
    onError: (error) => showToast(error.message, 'error'),
  });
  const decline = useMutation({
    mutationFn: (offer: TRealtimeOffer) =>
      api.post(`/api/internal/offers/${encodeURIComponent(offer.offerId)}/decline`),
    onSuccess: (_data, offer) => offerStore.end(offer.offerId),
    onSettled: refresh,
    onError: (error) => showToast(error.message, 'error'),
  });
  return { accept, decline };
}

/** Next: ask routing for one more piece of work now (spec 2.6). */
export function useNext() {
  return useMutation({
    mutationFn: () => api.post('/api/internal/me/next'),
    onSuccess: () => showToast('Looking for your next conversation…', 'info', 2500),
    onError: (error) => showToast(error.message, 'error'),
  });
}
