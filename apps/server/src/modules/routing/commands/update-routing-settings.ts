import type { TAppContext } from '../../../app-context.js';
import { badRequest } from '../../../http/errors.js';
import { MAX_MESSAGING_AUTO_END_SECONDS } from '../engine/config.js';
import type { TInboxRoutingConfig } from '../engine/routing-types.js';
import { wakeOrgRouting } from '../presence-notify.js';
import { completeInboxConfig, loadRoutingSettings, type TRoutingSettings } from '../routing-settings.queries.js';
import type { TUpdateRoutingSettingsBody } from '../routing-settings.schemas.js';

type TPartialConfig = NonNullable<TUpdateRoutingSettingsBody['defaults']>;

function capOverride(config: TPartialConfig): Partial<TInboxRoutingConfig> {
  const out = { ...config } as Partial<TInboxRoutingConfig>;
  if (out.messagingAutoEndSeconds !== undefined) {
    out.messagingAutoEndSeconds = Math.min(out.messagingAutoEndSeconds, MAX_MESSAGING_AUTO_END_SECONDS);
  }
  return out;
}

/**
 * Save the org's routing settings. Every field is optional: `defaults` is merged onto the current defaults,
 * `inboxOverrides` replaces the whole map (an inbox absent from it loses its override), the idle timings are
 * replaced (null = never). Overrides must name inboxes of the org.
 */
export async function updateRoutingSettings(
  ctx: TAppContext,
  orgId: string,
  body: TUpdateRoutingSettingsBody,
): Promise<TRoutingSettings> {
  const current = await loadRoutingSettings(ctx.db, orgId);
  const defaults = body.defaults
    ? completeInboxConfig({
        ...current.defaults,
        ...capOverride(body.defaults),
        offerTimeoutSeconds: { ...current.defaults.offerTimeoutSeconds, ...(body.defaults.offerTimeoutSeconds ?? {}) },
      })
    : current.defaults;
  let overrides = current.inboxOverrides;
  if (body.inboxOverrides) {
    const inboxIds = Object.keys(body.inboxOverrides);
    if (inboxIds.length > 0) {
      const found = await ctx.db
        .selectFrom('inboxes')
        .select('id')
        .where('org_id', '=', orgId)
        .where('id', 'in', inboxIds)
        .execute();
      const known = new Set(found.map((r) => r.id));
      const unknown = inboxIds.find((id) => !known.has(id));
      if (unknown) throw badRequest('invalid', `inbox ${unknown} does not exist`, `inboxOverrides.${unknown}`);
    }
    overrides = Object.fromEntries(Object.entries(body.inboxOverrides).map(([id, o]) => [id, capOverride(o)]));
  }
  const idleAway = body.idleMinutesUntilAway !== undefined ? body.idleMinutesUntilAway : current.idleMinutesUntilAway;
  const idleLogout =
    body.idleMinutesUntilLogout !== undefined ? body.idleMinutesUntilLogout : current.idleMinutesUntilLogout;
  const sameAgent = body.sameAgentTimeLimitMinutes ?? current.sameAgentTimeLimitMinutes;
  const values = {
    defaults: JSON.stringify(defaults),
    inbox_overrides: JSON.stringify(overrides),
    idle_minutes_until_away: idleAway,
    idle_minutes_until_logout: idleLogout,
    same_agent_time_limit_minutes: sameAgent,
    updated_at: ctx.now(),
  };
  await ctx.db
    .insertInto('routing_settings')
    .values({ org_id: orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute();
  await wakeOrgRouting(ctx.db, orgId);
  return {
    defaults,
    inboxOverrides: overrides,
    idleMinutesUntilAway: idleAway,
    idleMinutesUntilLogout: idleLogout,
    sameAgentTimeLimitMinutes: sameAgent,
  };
}
