import type { TExecutor } from '../../db/database.js';
import { listLiveMessagingSessions } from '../contacts/contacts.queries.js';
import { loadBoostRules } from './boosts.queries.js';
import type { TAgentSnapshot, TChannelGroup, TRoutingSnapshot } from './engine/routing-types.js';
import {
  listAgentLoads,
  listAgentRows,
  listInboxMemberships,
  listPendingOffers,
  type TPendingOfferRow,
} from './routing.repository.js';
import { createRoutingQueue, refreshRoutingQueue, type TQueueRead, type TRoutingQueue } from './routing-queue.js';
import { loadRoutingConfig } from './routing-settings.queries.js';
import { maxGraceSeconds } from './snapshot-config.js';

const GROUPS: ReadonlySet<string> = new Set<TChannelGroup>(['VOICE', 'MESSAGING', 'MAIL', 'TASK']);

export interface TLoadedSnapshot {
  snapshot: TRoutingSnapshot;
  orphanOffers: TPendingOfferRow[];
  /** Boost id → name, so CONTACT/OFFERED can list the names of the boosts that applied (spec 5.6). */
  boostNames: Map<string, string>;
  /** How the queue was read: whole, or the changes since the last run (routing-queue.ts). */
  queueRead: TQueueRead;
}

const ms = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);

/**
 * The engine's view of one org, read from the database in a handful of indexed statements (settings first, then
 * together: agents with presence, memberships, loads, pending offers, live messaging sessions, boosts, and the queue).
 * The queue is kept in `queue` between runs and only its changes are read (routing-queue.ts); without one (tests,
 * one-off runs) it is read whole.
 */
export async function loadRoutingSnapshot(
  db: TExecutor,
  orgId: string,
  now: Date,
  queue: TRoutingQueue = createRoutingQueue(),
): Promise<TLoadedSnapshot> {
  const config = await loadRoutingConfig(db, orgId);
  const [agentRows, memberships, loads, pending, sessions, boostRows, queueRead] = await Promise.all([
    listAgentRows(db, orgId),
    listInboxMemberships(db, orgId),
    listAgentLoads(db, orgId),
    listPendingOffers(db, orgId),
    listLiveMessagingSessions(db, orgId),
    readBoostRulesWithNames(db, orgId),
    refreshRoutingQueue(db, orgId, queue, now, maxGraceSeconds(config)),
  ]);
  const inboxesOf = new Map<string, string[]>();
  for (const m of memberships) {
    const list = inboxesOf.get(m.user_id) ?? [];
    list.push(m.inbox_id);
    inboxesOf.set(m.user_id, list);
  }
  const loadOf = new Map(loads.map((l) => [l.agent_id, l]));
  const pendingOf = new Map(pending.map((p) => [p.agent_id, p]));

  const agents: TAgentSnapshot[] = agentRows.map((row) => {
    const load = loadOf.get(row.user_id);
    const offer = pendingOf.get(row.user_id);
    return {
      id: row.user_id,
      loggedIn: row.logged_in ?? false,
      status: row.status ?? 'ACTIVE',
      availableFor: (row.available_for ?? []).filter((g): g is TChannelGroup => GROUPS.has(g)),
      inboxIds: inboxesOf.get(row.user_id) ?? [],
      skills: row.skills ?? [],
      load: {
        voice: load?.voice ?? 0,
        messaging: load?.messaging ?? 0,
        mail: load?.mail ?? 0,
        tasks: load?.tasks ?? 0,
      },
      pendingOffer: offer
        ? {
            offerId: offer.id,
            itemId: offer.item_id,
            offeredAt: ms(offer.offered_at) ?? 0,
            // An agent who logged out or went Away cannot answer: the offer counts as missed now (re-routed).
            expiresAt:
              row.logged_in && row.status !== 'AWAY'
                ? (ms(offer.expires_at) ?? 0)
                : Math.min(ms(offer.expires_at) ?? 0, now.getTime()),
          }
        : null,
      messagingCapacity: {
        standard: row.messaging_capacity_standard ?? 3,
        maximum: row.messaging_capacity_maximum ?? 5,
      },
      focusMode: row.focus_mode ?? false,
      nextRequests: row.next_requests ?? 0,
      mailTaskAutoPushPending: row.mail_task_auto_push_pending ?? false,
      lastOfferedAt: ms(row.last_offered_at),
      lastAssignedAt: ms(row.last_assigned_at),
      lastMessagingAssignedAt: ms(row.last_messaging_assigned_at),
    };
  });

  // Pending offers whose agent is no longer an active agent, or whose item is no longer routable (assigned by hand,
  // closed, marked No Reply Needed meanwhile): the caller withdraws them instead of letting them run out.
  const agentIds = new Set(agents.map((a) => a.id));
  const orphanOffers = pending.filter((p) => !agentIds.has(p.agent_id) || !queue.items.has(p.item_id));

  return {
    orphanOffers,
    queueRead,
    snapshot: {
      agents,
      items: [...queue.items.values()],
      sessions: sessions.map((s) => ({
        conversationId: s.conversationId,
        agentId: s.agentId,
        inboxId: s.inboxId,
        awaitingCustomerSince: ms(s.awaitingCustomerSince),
      })),
      boosts: boostRows.rules,
      config,
    },
    boostNames: boostRows.names,
  };
}

async function readBoostRulesWithNames(db: TExecutor, orgId: string) {
  const [rules, names] = await Promise.all([
    loadBoostRules(db, orgId),
    db.selectFrom('routing_boosts').select(['id', 'name']).where('org_id', '=', orgId).execute(),
  ]);
  return { rules, names: new Map(names.map((n) => [n.id, n.name])) };
}
