import type { TExecutor } from '../../db/database.js';
import { clampMessagingAutoEndSeconds, DEFAULT_INBOX_ROUTING_CONFIG } from './engine/config.js';
import type { TInboxRoutingConfig, TRoutingConfig } from './engine/routing-types.js';

export const DEFAULT_SAME_AGENT_TIME_LIMIT_MINUTES = 1440;

export interface TRoutingSettings {
  defaults: TInboxRoutingConfig;
  inboxOverrides: Record<string, Partial<TInboxRoutingConfig>>;
  idleMinutesUntilAway: number | null;
  idleMinutesUntilLogout: number | null;
  sameAgentTimeLimitMinutes: number;
}

/** Stored defaults (possibly partial or from an older version) completed with the engine's defaults. */
export function completeInboxConfig(stored: Partial<TInboxRoutingConfig> | undefined): TInboxRoutingConfig {
  const merged: TInboxRoutingConfig = {
    ...DEFAULT_INBOX_ROUTING_CONFIG,
    ...(stored ?? {}),
    offerTimeoutSeconds: {
      ...DEFAULT_INBOX_ROUTING_CONFIG.offerTimeoutSeconds,
      ...(stored?.offerTimeoutSeconds ?? {}),
    },
  };
  return { ...merged, messagingAutoEndSeconds: clampMessagingAutoEndSeconds(merged.messagingAutoEndSeconds) };
}

/** The org's routing settings (engine defaults when the org never saved any). */
export async function loadRoutingSettings(db: TExecutor, orgId: string): Promise<TRoutingSettings> {
  const row = await db.selectFrom('routing_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return {
    defaults: completeInboxConfig(row?.defaults as Partial<TInboxRoutingConfig> | undefined),
    inboxOverrides: (row?.inbox_overrides ?? {}) as Record<string, Partial<TInboxRoutingConfig>>,
    idleMinutesUntilAway: row?.idle_minutes_until_away ?? null,
    idleMinutesUntilLogout: row?.idle_minutes_until_logout ?? null,
    sameAgentTimeLimitMinutes: row?.same_agent_time_limit_minutes ?? DEFAULT_SAME_AGENT_TIME_LIMIT_MINUTES,
  };
}

/** The routing configuration in the engine's shape, for the routing service. */
export async function loadRoutingConfig(db: TExecutor, orgId: string): Promise<TRoutingConfig> {
  const settings = await loadRoutingSettings(db, orgId);
  return { defaults: settings.defaults, inboxes: settings.inboxOverrides };
}
