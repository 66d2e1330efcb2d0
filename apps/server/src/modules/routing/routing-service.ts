import pg from 'pg';
import type { TAppContext } from '../../app-context.js';
import { createDatabase } from '../../db/database.js';
import { OUTBOX_CHANNEL } from '../../events/outbox.js';
import { applyDecisions, cancelOrphanOffer } from './apply-decisions.js';
import { clampMessagingAutoEndSeconds, inboxConfig } from './engine/config.js';
import { createRoutingEngine, type TRoutingEngine } from './engine/decide.js';
import type { TDecision, TRoutingSnapshot } from './engine/routing-types.js';
import { createKeptSnapshot, type TKeptRead, type TKeptSnapshot } from './kept-snapshot.js';
import { listOrgIds } from './routing.repository.js';
import { loadRoutingSnapshot } from './snapshot.js';

/**
 * The routing service: one engine instance per org across all Hearth processes (docs/ROUTING.md).
 *
 * - Ownership: a PostgreSQL session advisory lock per org, `pg_try_advisory_lock(hashtext('hearth-routing:' ||
 *   org_id))`, held on one dedicated connection. Processes that do not hold an org's lock retry every few seconds;
 *   when the holder dies its connection closes, the lock frees and another process takes the org over.
 * - Wake-ups: LISTEN on the outbox channel (payload = org id, sent at commit by every outbox append and by
 *   presence/offer changes), debounced per org; plus a timer for the next deadline the engine depends on (offer
 *   expiry, session auto-end, next-message delay, end of a decline grace), checked every second.
 * - A run: load the snapshot (agents and queue kept between runs, only changes read: kept-snapshot.ts),
 *   decide(snapshot, now), apply (expiries and session ends one transaction each, then all offers of the run in one
 *   set-based transaction), on a small pool of its own.
 */

export interface TRoutingServiceOptions {
  databaseUrl: string;
  /** Quiet time after an outbox notification before the org's engine runs (folds bursts into one run). */
  debounceMs?: number;
  /** How often deadlines are checked against ctx.now(). */
  tickMs?: number;
  /** How often locks of orgs held elsewhere (or new orgs) are tried. */
  lockRetryMs?: number;
  /** A run at least this often even without a wake-up (a safety net for lost notifications). */
  idleRunMs?: number;
  /** Only these orgs (tests: leave other test files' orgs alone). */
  orgIds?: readonly string[];
  /** Connections of the runs' own pool (snapshot reads, the offers' transaction), apart from the API's pool. */
  poolSize?: number;
}

export interface TRoutingService {
  stop(): Promise<void>;
  /** Org ids whose engine runs in this instance. */
  heldOrgs(): string[];
  wake(orgId: string): void;
}

export interface TRoutingRun {
  applied: TDecision[];
  /** Epoch ms of the earliest future moment the decisions could change without any event; null = none. */
  nextAt: number | null;
  /** Wall-clock milliseconds of the run's phases (logged at debug; the bench prints them). */
  timings: { loadMs: number; decideMs: number; applyMs: number };
  /** Whether the kept snapshot was read whole, and how many changed items, customers, agents and inboxes otherwise. */
  keptRead: TKeptRead;
}

/** What an org's routing keeps between runs: the engine (its view of the queue) and the snapshot read so far. */
export interface TOrgRouting {
  engine: TRoutingEngine;
  snapshot: TKeptSnapshot;
}

export function createOrgRouting(): TOrgRouting {
  return { engine: createRoutingEngine(), snapshot: createKeptSnapshot() };
}

/** Load, decide, apply for one org; returns the decisions that took effect. For tests and the bench. */
export async function runRoutingOnce(ctx: TAppContext, orgId: string): Promise<TDecision[]> {
  return (await runRouting(ctx, orgId)).applied;
}

/**
 * One run. `kept` is what the service keeps for the org between runs: the engine (it remembers the queue:
 * engine/README.md) and the snapshot's agents and queue (only their changes are read). Without it, a fresh engine
 * decides on a snapshot read whole: the same decisions, with more work on a long queue.
 */
export async function runRouting(
  ctx: TAppContext,
  orgId: string,
  kept: TOrgRouting = createOrgRouting(),
): Promise<TRoutingRun> {
  const now = ctx.now();
  const started = performance.now();
  const loaded = await loadRoutingSnapshot(ctx.db, orgId, now, kept.snapshot);
  const { boostNames } = loaded;
  let snapshot = loaded.snapshot;
  if (loaded.orphanOffers.length > 0) {
    const canceled = new Set<string>();
    for (const offer of loaded.orphanOffers) {
      if (await cancelOrphanOffer(ctx, orgId, offer.id, now)) canceled.add(offer.id);
    }
    snapshot = {
      ...snapshot,
      agents: snapshot.agents.map((a) =>
        a.pendingOffer && canceled.has(a.pendingOffer.offerId) ? { ...a, pendingOffer: null } : a,
      ),
    };
  }
  const loadedAt = performance.now();
  const decisions = kept.engine.decide(snapshot, now.getTime());
  const decidedAt = performance.now();
  const applied =
    decisions.length === 0
      ? []
      : await applyDecisions(
          { ctx, orgId, now, items: new Map(snapshot.items.map((i) => [i.id, i])), boostNames },
          decisions,
        );
  const timings = {
    loadMs: Math.round(loadedAt - started),
    decideMs: Math.round(decidedAt - loadedAt),
    applyMs: Math.round(performance.now() - decidedAt),
  };
  if (decisions.length > 0) {
    ctx.log.debug(
      { orgId, decisions: decisions.length, applied: applied.length, ...timings, kept: loaded.keptRead },
      'routing run',
    );
  }
  return { applied, nextAt: nextDeadline(snapshot, now.getTime()), timings, keptRead: loaded.keptRead };
}

/** The earliest moment after `now` at which time alone can change what decide() returns. */
export function nextDeadline(snapshot: TRoutingSnapshot, now: number): number | null {
  let next = Number.POSITIVE_INFINITY;
  const consider = (at: number) => {
    if (at > now && at < next) next = at;
  };
  for (const agent of snapshot.agents) {
    if (agent.pendingOffer) consider(agent.pendingOffer.expiresAt);
  }
  for (const session of snapshot.sessions) {
    if (session.awaitingCustomerSince === null) continue;
    const seconds = clampMessagingAutoEndSeconds(inboxConfig(snapshot.config, session.inboxId).messagingAutoEndSeconds);
    consider(session.awaitingCustomerSince + seconds * 1000);
  }
  const maxDelayMs =
    Math.max(
      snapshot.config.defaults.nextMessageDelaySeconds,
      ...Object.values(snapshot.config.inboxes ?? {}).map((o) => o.nextMessageDelaySeconds ?? 0),
    ) * 1000;
  if (maxDelayMs > 0) {
    for (const agent of snapshot.agents) {
      if (agent.lastMessagingAssignedAt !== null) consider(agent.lastMessagingAssignedAt + maxDelayMs);
    }
  }
  for (const item of snapshot.items) {
    const graceMs = inboxConfig(snapshot.config, item.inboxId).declineGraceSeconds * 1000;
    for (const r of item.declinedBy) consider(r.at + graceMs);
    for (const r of item.missedBy) consider(r.at + graceMs);
  }
  return Number.isFinite(next) ? next : null;
}

interface TOrgState {
  kept: TOrgRouting;
  debounce?: NodeJS.Timeout;
  running: Promise<void> | null;
  again: boolean;
  nextAt: number | null;
  lastRunAt: number;
}

/** A run longer than this is a long queue's: the repeat rests as long as the run took. */
const REST_AFTER_RUN_MS = 100;

export async function startRoutingService(ctx: TAppContext, options: TRoutingServiceOptions): Promise<TRoutingService> {
  const debounceMs = options.debounceMs ?? 10;
  const tickMs = options.tickMs ?? 1_000;
  const lockRetryMs = options.lockRetryMs ?? 3_000;
  const idleRunMs = options.idleRunMs ?? 15_000;
  const only = options.orgIds ? new Set(options.orgIds) : null;
  const held = new Map<string, TOrgState>();
  let client: pg.Client | null = null;
  let stopping = false;
  let reconnect: NodeJS.Timeout | undefined;
  let acquiring: Promise<void> | null = null;
  // The runs use a pool of their own: on a busy process the API's requests hold every connection of the shared pool,
  // and the snapshot's reads queued behind them took seconds (bench/routing/full-path.mjs).
  // JIT off: the queue's whole read (once per org and process) is estimated past jit_above_cost on a long queue, and
  // compiling it took as long as running it (10,000 items: 91 ms with JIT, 47 ms without; bench/routing).
  const runDb = createDatabase(options.databaseUrl, { max: options.poolSize ?? 4, options: '-c jit=off' });
  const runCtx: TAppContext = { ...ctx, db: runDb };

  const runNow = (orgId: string) => {
    const state = held.get(orgId);
    if (!state || stopping) return;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = (async () => {
      do {
        state.again = false;
        state.lastRunAt = Date.now();
        try {
          const run = await runRouting(runCtx, orgId, state.kept);
          state.nextAt = run.nextAt;
        } catch (err) {
          ctx.log.error({ err, orgId }, 'routing run failed');
        }
        // A busy org with a long queue: after a long run, rest as long as it took (at most 1 s) before running
        // again, so the engine takes at most about half of a core however many events arrive. A short run (most of
        // it waiting on PostgreSQL) repeats at once: resting after it only delayed the next offers (bench/routing).
        const took = Date.now() - state.lastRunAt;
        if (state.again && took > REST_AFTER_RUN_MS)
          await new Promise((resolve) => setTimeout(resolve, Math.min(took, 1_000)));
      } while (state.again && !stopping && held.has(orgId));
    })().finally(() => {
      state.running = null;
    });
  };

  // The run starts debounceMs after the FIRST notification of a burst: later ones join it. (Restarting the timer on
  // every notification never fires while a busy org's events keep coming faster than the debounce.)
  const wake = (orgId: string) => {
    const state = held.get(orgId);
    if (!state || stopping || state.debounce) return;
    state.debounce = setTimeout(() => {
      state.debounce = undefined;
      runNow(orgId);
    }, debounceMs);
  };

  const acquire = async () => {
    const c = client;
    if (!c || stopping) return;
    const orgIds = (await listOrgIds(ctx.db)).filter((id) => !held.has(id) && (!only || only.has(id)));
    if (orgIds.length === 0) return;
    const result = await c.query<{ id: string; got: boolean }>(
      `SELECT id, pg_try_advisory_lock(hashtext('hearth-routing:' || id)) AS got FROM unnest($1::text[]) AS id`,
      [orgIds],
    );
    for (const row of result.rows) {
      if (!row.got || stopping || client !== c) continue;
      held.set(row.id, { kept: createOrgRouting(), running: null, again: false, nextAt: null, lastRunAt: 0 });
      ctx.log.info({ orgId: row.id }, 'routing engine started for org');
      runNow(row.id);
    }
  };
  const tryAcquire = () => {
    if (acquiring || stopping) return;
    acquiring = acquire()
      .catch((err) => ctx.log.warn({ err }, 'routing could not try org locks'))
      .finally(() => {
        acquiring = null;
      });
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: options.databaseUrl });
    c.on('notification', (message) => {
      if (message.payload) wake(message.payload);
    });
    c.on('error', (err) => {
      if (client !== c) return;
      // The connection (and with it every advisory lock) is gone: another process may take the orgs over now.
      ctx.log.warn({ err }, 'routing service lost its lock connection; reconnecting');
      client = null;
      for (const state of held.values()) clearTimeout(state.debounce);
      held.clear();
      c.end().catch(() => {});
      scheduleReconnect();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    client = c;
    tryAcquire();
  };
  const scheduleReconnect = () => {
    if (stopping) return;
    reconnect = setTimeout(() => {
      connect().catch((err) => {
        ctx.log.warn({ err }, 'routing service could not reconnect; retrying');
        scheduleReconnect();
      });
    }, 1_000);
  };

  try {
    await connect();
  } catch (err) {
    await runDb.destroy();
    throw err;
  }
  const lockTimer = setInterval(tryAcquire, lockRetryMs);
  const tick = setInterval(() => {
    const now = ctx.now().getTime();
    const wall = Date.now();
    for (const [orgId, state] of held) {
      if ((state.nextAt !== null && now >= state.nextAt) || wall - state.lastRunAt >= idleRunMs) runNow(orgId);
    }
  }, tickMs);

  return {
    wake,
    heldOrgs: () => [...held.keys()],
    async stop() {
      stopping = true;
      clearInterval(lockTimer);
      clearInterval(tick);
      clearTimeout(reconnect);
      for (const state of held.values()) clearTimeout(state.debounce);
      await acquiring;
      await Promise.all([...held.values()].map((s) => s.running));
      held.clear();
      // Closing the session releases every advisory lock it holds.
      await client?.end().catch(() => {});
      client = null;
      await runDb.destroy();
    },
  };
}
