import type { TRealtimeOffer } from '@hearth/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OfferStore } from './offer-store';

const offer = (id: string, expiresAt = '2099-01-01T00:00:00Z') => ({ offerId: id, expiresAt }) as TRealtimeOffer;

describe('OfferStore', () => {
  afterEach(() => vi.useRealTimers());

  it('shows the newest offer and notifies once per change', () => {
    const store = new OfferStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.show(offer('a'));
    store.show(offer('a'));
    store.show(offer('b'));
    expect(store.get()?.offerId).toBe('b');
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('never brings back an ended offer (a slow fetch after offer_ended)', () => {
    const store = new OfferStore();
    store.show(offer('a'));
    store.end('a');
    store.sync(offer('a'));
    expect(store.get()).toBeNull();
  });

  it('a fetch that started before the offer arrived does not hide it; a later one does', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000);
    const store = new OfferStore();
    const fetchStarted = Date.now();
    vi.setSystemTime(2_000);
    store.show(offer('a'));
    store.sync(null, fetchStarted);
    expect(store.get()?.offerId).toBe('a');
    store.sync(null, 3_000);
    expect(store.get()).toBeNull();
  });

  it('ending another offer leaves the current one', () => {
    const store = new OfferStore();
    store.show(offer('a'));
    store.end('zzz');
    expect(store.get()?.offerId).toBe('a');
  });
});
