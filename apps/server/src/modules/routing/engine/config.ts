import type { TChannelGroup, TInboxRoutingConfig, TRoutingConfig } from './routing-types.js';

export const DEFAULT_OFFER_TIMEOUT_SECONDS = 45;
export const DEFAULT_MESSAGING_AUTO_END_SECONDS = 15 * 60;
export const MAX_MESSAGING_AUTO_END_SECONDS = 24 * 60 * 60;

export const DEFAULT_INBOX_ROUTING_CONFIG: TInboxRoutingConfig = {
  offerTimeoutSeconds: {
    VOICE: DEFAULT_OFFER_TIMEOUT_SECONDS,
    MESSAGING: DEFAULT_OFFER_TIMEOUT_SECONDS,
    MAIL: DEFAULT_OFFER_TIMEOUT_SECONDS,
    TASK: DEFAULT_OFFER_TIMEOUT_SECONDS,
  },
  messagingAutoAssign: false,
  nextMessageDelaySeconds: 0,
  declineGraceSeconds: 30,
  messagingAutoEndSeconds: DEFAULT_MESSAGING_AUTO_END_SECONDS,
};

// 24 h is a hard maximum even if the setting is higher (spec 2.4); a missing or non-positive value means the default.
export function clampMessagingAutoEndSeconds(configured: number | null | undefined): number {
  if (configured === null || configured === undefined || !Number.isFinite(configured) || configured <= 0) {
    return DEFAULT_MESSAGING_AUTO_END_SECONDS;
  }
  return Math.min(configured, MAX_MESSAGING_AUTO_END_SECONDS);
}

export function inboxConfig(config: TRoutingConfig, inboxId: string): TInboxRoutingConfig {
  const override = config.inboxes?.[inboxId];
  if (!override) return config.defaults;
  return {
    ...config.defaults,
    ...override,
    offerTimeoutSeconds: { ...config.defaults.offerTimeoutSeconds, ...override.offerTimeoutSeconds },
  };
}

export function offerTimeoutMs(config: TRoutingConfig, inboxId: string, group: TChannelGroup): number {
  return resolvedOfferTimeoutMs(inboxConfig(config, inboxId), group);
}

/** offerTimeoutMs() for an inbox config already resolved with inboxConfig(). */
export function resolvedOfferTimeoutMs(resolved: TInboxRoutingConfig, group: TChannelGroup): number {
  const seconds = resolved.offerTimeoutSeconds[group];
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_OFFER_TIMEOUT_SECONDS) * 1000;
}
