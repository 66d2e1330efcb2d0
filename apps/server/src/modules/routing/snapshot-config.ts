import type { TRoutingConfig } from './engine/routing-types.js';

/** The longest decline grace of any inbox: how far back the snapshot needs rejections. */
export function maxGraceSeconds(config: TRoutingConfig): number {
  let max = config.defaults.declineGraceSeconds;
  for (const override of Object.values(config.inboxes ?? {})) {
    if (typeof override.declineGraceSeconds === 'number') max = Math.max(max, override.declineGraceSeconds);
  }
  return Number.isFinite(max) && max > 0 ? max : 0;
}
