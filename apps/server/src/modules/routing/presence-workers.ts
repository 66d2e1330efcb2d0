import { sql } from 'kysely';
import type { TAppContext } from '../../app-context.js';
import { applyPresenceAction } from './commands/change-presence.js';
import type { TPresenceRow } from './presence.repository.js';

export const PRESENCE_IDLE_JOB = 'routing.presence-idle';

/** The last sign of life of a logged-in agent: activity, else the login itself. */
function lastActive(row: Pick<TPresenceRow, 'last_activity_at' | 'logged_in_at' | 'updated_at'>): Date {
  return row.last_activity_at ?? row.logged_in_at ?? row.updated_at;
}

/**
 * Idle timing (spec 5.4), for every org with idle settings: logged-in agents idle longer than "Time Until Logged
 * Off" are logged out; ACTIVE agents idle longer than "Time Until Away" go Away without a reason (reports tag it
 * IDLE). Each change re-checks idleness on the locked row, so activity recorded meanwhile wins. Returns the counts.
 */
export async function sweepIdleAgents(
  ctx: TAppContext,
  now: Date,
  options: { orgId?: string } = {},
): Promise<{ away: number; loggedOut: number }> {
  let query = ctx.db
    .selectFrom('agent_presence as p')
    .innerJoin('routing_settings as s', 's.org_id', 'p.org_id')
    .select([
      'p.org_id',
      'p.user_id',
      'p.status',
      's.idle_minutes_until_away',
      's.idle_minutes_until_logout',
      sql<Date>`coalesce(p.last_activity_at, p.logged_in_at, p.updated_at)`.as('last_active'),
    ])
    .where('p.logged_in', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('s.idle_minutes_until_logout', 'is not', null),
          eb(
            sql`coalesce(p.last_activity_at, p.logged_in_at, p.updated_at)`,
            '<',
            sql<Date>`${now}::timestamptz - make_interval(mins => s.idle_minutes_until_logout)`,
          ),
        ]),
        eb.and([
          eb('p.status', '=', 'ACTIVE'),
          eb('s.idle_minutes_until_away', 'is not', null),
          eb(
            sql`coalesce(p.last_activity_at, p.logged_in_at, p.updated_at)`,
            '<',
            sql<Date>`${now}::timestamptz - make_interval(mins => s.idle_minutes_until_away)`,
          ),
        ]),
      ]),
    );
  if (options.orgId) query = query.where('p.org_id', '=', options.orgId);
  const candidates = await query.execute();

  let away = 0;
  let loggedOut = 0;
  for (const c of candidates) {
    const idleSince = (minutes: number | null) =>
      minutes === null ? null : new Date(now.getTime() - minutes * 60_000);
    const logoutBefore = idleSince(c.idle_minutes_until_logout);
    const awayBefore = idleSince(c.idle_minutes_until_away);
    const initiator = { id: c.user_id, type: 'SYSTEM' } as const;
    try {
      if (logoutBefore && c.last_active < logoutBefore) {
        const changed = await applyPresenceAction(ctx, c.org_id, c.user_id, { kind: 'LOGOUT' }, initiator, {
          guard: (row) => lastActive(row) < logoutBefore,
          now,
        });
        if (changed) loggedOut++;
      } else if (awayBefore && c.last_active < awayBefore) {
        const changed = await applyPresenceAction(ctx, c.org_id, c.user_id, { kind: 'IDLE_AWAY' }, initiator, {
          guard: (row) => lastActive(row) < awayBefore,
          now,
        });
        if (changed) away++;
      }
    } catch (error) {
      ctx.log.warn({ err: error, orgId: c.org_id, userId: c.user_id }, 'idle presence sweep failed for an agent');
    }
  }
  return { away, loggedOut };
}

/** Background work of agent presence (idle timing: auto-Away and auto-logout). Registered by jobs/workers.ts. */
export async function registerPresenceWorkers(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work(PRESENCE_IDLE_JOB, async () => {
    const result = await sweepIdleAgents(ctx, ctx.now());
    if (result.away || result.loggedOut) ctx.log.info(result, 'idle agents swept');
  });
  await ctx.jobs.schedule(PRESENCE_IDLE_JOB, '* * * * *');
}
