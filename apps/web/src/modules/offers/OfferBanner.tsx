import type { TRealtimeOffer } from '@hearth/shared';
import { useNavigate } from 'react-router';
import { ChannelIcon, channelName, InboxIcon } from '../../ui/icons';
import { Button } from '../../ui/ui';
import { useNow } from '../shell/use-now';
import { ShortcutKeys, useShortcut } from '../shortcuts';
import { formatCountdown, fractionLeft } from './countdown';
import s from './offers.module.css';
import { offerHref, useCurrentOffer, useOfferActions } from './offers-api';

/** The offer of work, floating over the top of the page (so nothing below moves), with a draining countdown. */
export function OfferBanner() {
  const offer = useCurrentOffer();
  const now = useNow(250, !!offer);
  if (!offer) return null;
  if (Date.parse(offer.expiresAt) <= now) return null;
  return <OfferCard key={offer.offerId} offer={offer} now={now} />;
}

function OfferCard({ offer, now }: { offer: TRealtimeOffer; now: number }) {
  const navigate = useNavigate();
  const { accept, decline } = useOfferActions((accepted) => navigate(offerHref(accepted)));
  const busy = accept.isPending || decline.isPending;
  const msLeft = Date.parse(offer.expiresAt) - now;
  const fraction = fractionLeft(offer.offeredAt, offer.expiresAt, now);
  const onAccept = () => {
    if (busy) return;
    accept.mutate(offer);
  };
  useShortcut('a', onAccept, { description: 'Accept the offer' });
  const urgent = msLeft <= 10_000;

  return (
    <div className={s.layer}>
      <section className={s.card} data-testid="offer-banner" data-offer-id={offer.offerId} aria-live="assertive">
        <div className={s.body}>
          <span className={s.channel} title={channelName(offer.channel)}>
            <ChannelIcon channel={offer.channel} size={18} />
          </span>
          <div className={s.text}>
            <div className={s.title}>
              <strong>{offer.customerName || 'Unknown customer'}</strong>
              <span className={s.meta}>
                {channelName(offer.channel)}
                <span className={s.sep}>·</span>
                <InboxIcon size={12} /> {offer.inboxName}
              </span>
            </div>
            {offer.preview && <p className={s.preview}>{offer.preview}</p>}
          </div>
          <div className={s.timer} title="Time left to accept">
            <span className={`${s.clock} ${urgent ? s.urgent : ''}`}>{formatCountdown(msLeft)}</span>
          </div>
          <div className={s.actions}>
            {offer.declinable && (
              <Button data-testid="offer-decline" disabled={busy} onClick={() => decline.mutate(offer)}>
                Decline
              </Button>
            )}
            <Button variant="primary" data-testid="offer-accept" disabled={busy} onClick={onAccept}>
              Accept
              <span className={s.kbdHint}>
                <ShortcutKeys spec="a" />
              </span>
            </Button>
          </div>
        </div>
        <div className={s.track} aria-hidden="true">
          <div className={`${s.bar} ${urgent ? s.barUrgent : ''}`} style={{ transform: `scaleX(${fraction})` }} />
        </div>
      </section>
    </div>
  );
}
