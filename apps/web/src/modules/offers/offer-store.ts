import type { TRealtimeOffer } from '@hearth/shared';

// The agent's pending offer, fed by the realtime socket (`offer`, `offer_ended`) and by GET /api/internal/me/offer
// (on load and after a reconnect). Ended offers are remembered so that a slow fetch cannot bring one back.

type TListener = () => void;

export class OfferStore {
  private current: TRealtimeOffer | null = null;
  /** When the current offer arrived (ms), so a fetch that started before it cannot hide it. */
  private shownAt = 0;
  private ended = new Set<string>();
  private listeners = new Set<TListener>();

  get(): TRealtimeOffer | null {
    return this.current;
  }

  subscribe(listener: TListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new offer (one pending per agent: it replaces any other). */
  show(offer: TRealtimeOffer): void {
    if (this.ended.has(offer.offerId)) return;
    if (this.current?.offerId === offer.offerId && this.current.expiresAt === offer.expiresAt) return;
    this.current = offer;
    this.shownAt = Date.now();
    this.emit();
  }

  /** What the server said was pending when a fetch started at `fetchStartedAt` (null: nothing). */
  sync(offer: TRealtimeOffer | null, fetchStartedAt = Date.now()): void {
    if (offer) this.show(offer);
    else if (this.current && this.shownAt <= fetchStartedAt) {
      this.current = null;
      this.emit();
    }
  }

  end(offerId: string): void {
    this.ended.add(offerId);
    if (this.ended.size > 200) this.ended = new Set([...this.ended].slice(-100));
    if (this.current?.offerId === offerId) {
      this.current = null;
      this.emit();
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export const offerStore = new OfferStore();
