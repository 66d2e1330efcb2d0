import type { TRealtimeOffer } from '@hearth/shared';
import { toIso } from '../../lib/time.js';
import type { TOfferDisplayRow, TOfferRow } from './routing.repository.js';

const PREVIEW_MAX = 200;

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
    preview: previewText(display?.preview),
    matchReasons: offer.match_reasons,
  };
}

function previewText(raw: unknown): string {
  let text = '';
  if (typeof raw === 'string') text = raw;
  else if (raw && typeof raw === 'object') {
    const content = raw as Record<string, unknown>;
    for (const key of ['content', 'body', 'subject', 'text', 'message']) {
      const value = content[key];
      if (typeof value === 'string' && value.trim() !== '') {
        text = value;
        break;
      }
    }
  }
  text = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > PREVIEW_MAX ? `${text.slice(0, PREVIEW_MAX - 1)}…` : text;
}
