import type { TRealtimeOffer } from '@hearth/shared';
import { toIso } from '../../lib/time.js';
import { previewOf } from '../desktop/desktop.presenter.js';
import type { TOfferDisplayRow, TOfferRow } from './offers.repository.js';

/** The offer as the agent's banner shows it (packages/shared realtime.ts). */
export function presentOffer(offer: TOfferRow, display: TOfferDisplayRow | undefined, channel: string): TRealtimeOffer {
  return {
    offerId: offer.id,
    itemKind: offer.item_kind,
    itemId: offer.item_id,
    customerId: display?.customer_id ?? '',
    customerName: display?.customer_name ?? '',
    inboxId: display?.inbox_id ?? '',
    inboxName: display?.inbox_name ?? '',
    channel,
    channelGroup: offer.channel_group,
    offeredAt: toIso(offer.offered_at),
    expiresAt: toIso(offer.expires_at),
    declinable: offer.declinable,
    preview: previewOf(display?.preview ?? null),
    matchReasons: offer.match_reasons,
  };
}
