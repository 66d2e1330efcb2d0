import { describe, expect, it } from 'vitest';
import {
  clampMessagingAutoEndSeconds,
  DEFAULT_INBOX_ROUTING_CONFIG,
  inboxConfig,
  MAX_MESSAGING_AUTO_END_SECONDS,
  offerTimeoutMs,
} from './config.js';
import { config } from './test-builders.js';

describe('clampMessagingAutoEndSeconds', () => {
  it.each([
    { configured: undefined, expected: 900 },
    { configured: null, expected: 900 },
    { configured: 0, expected: 900 },
    { configured: -5, expected: 900 },
    { configured: Number.NaN, expected: 900 },
    { configured: Number.POSITIVE_INFINITY, expected: 900 },
    { configured: 60, expected: 60 },
    { configured: 86_400, expected: 86_400 },
    { configured: 86_401, expected: MAX_MESSAGING_AUTO_END_SECONDS },
    { configured: 7 * 86_400, expected: MAX_MESSAGING_AUTO_END_SECONDS },
  ])('$configured -> $expected (15 min default, 24 h hard cap)', ({ configured, expected }) => {
    expect(clampMessagingAutoEndSeconds(configured)).toBe(expected);
  });
});

describe('inboxConfig / offerTimeoutMs', () => {
  it('defaults every channel group to a 45 s offer timeout', () => {
    for (const group of ['VOICE', 'MESSAGING', 'MAIL', 'TASK'] as const) {
      expect(offerTimeoutMs(config(), 'any', group)).toBe(45_000);
    }
  });

  it('merges an inbox override over the org defaults, per field and per group', () => {
    const cfg = config(
      {},
      {
        special: {
          messagingAutoAssign: true,
          offerTimeoutSeconds: { ...DEFAULT_INBOX_ROUTING_CONFIG.offerTimeoutSeconds, VOICE: 20 },
        },
      },
    );
    expect(inboxConfig(cfg, 'special').messagingAutoAssign).toBe(true);
    expect(inboxConfig(cfg, 'other').messagingAutoAssign).toBe(false);
    expect(offerTimeoutMs(cfg, 'special', 'VOICE')).toBe(20_000);
    expect(offerTimeoutMs(cfg, 'special', 'MAIL')).toBe(45_000);
    expect(offerTimeoutMs(cfg, 'other', 'VOICE')).toBe(45_000);
  });

  it('falls back to 45 s for a non-positive timeout', () => {
    const cfg = config({ offerTimeoutSeconds: { VOICE: 0, MESSAGING: -1, MAIL: 30, TASK: 45 } });
    expect(offerTimeoutMs(cfg, 'x', 'VOICE')).toBe(45_000);
    expect(offerTimeoutMs(cfg, 'x', 'MESSAGING')).toBe(45_000);
    expect(offerTimeoutMs(cfg, 'x', 'MAIL')).toBe(30_000);
  });
});
