import type { TExecutor } from '../../db/database.js';
import { listLiveMessagingSessions } from '../contacts/contacts.queries.js';
import type { TAgentSnapshot, TChannelGroup, TMessagingSession } from './engine/routing-types.js';
import {
  listAgentLoads,
  listAgentRows,
  listInboxMemberships,
  listPendingOffers,
  type TAgentRow,
  type TLoadRow,
  type TPendingOfferRow,
} from './snapshot.repository.js';

/**
 * The agents' half of the snapshot kept between routing runs (kept-snapshot.ts): each active agent with presence,
 * memberships, load and pending offer, its live messaging sessions, and every pending offer (an offer whose agent is
 * no longer an agent is an orphan the run withdraws). Read whole once, then only the agents the journal names.
 */
export interface TRoutingAgents {
  /** Agent id → the engine's agent: the same object while nothing of it changes. */
  readonly agents: Map<string, TAgentSnapshot>;
  /** Agent id → its live messaging sessions. */
  readonly sessions: Map<string, TMessagingSession[]>;
  /** Agent (user) id → its pending offer, whether or not the user is still an agent. */
  readonly pending: Map<string, TPendingOfferRow>;
}

export function createRoutingAgents(): TRoutingAgents {
  return { agents: new Map(), sessions: new Map(), pending: new Map() };
}

const GROUPS: ReadonlySet<string> = new Set<TChannelGroup>(['VOICE', 'MESSAGING', 'MAIL', 'TASK']);

/**
 * Read these agents (all of them when `agentIds` is undefined: `kept` is emptied first) as they are now; a named one
 * that is no longer an active agent is dropped (its pending offer stays known, to be withdrawn).
 */
export async function readAgents(
  db: TExecutor,
  orgId: string,
  kept: TRoutingAgents,
  agentIds: readonly string[] | undefined,
  now: Date,
): Promise<void> {
  if (agentIds?.length === 0) return;
  const [rows, memberships, loads, pending, sessions] = await Promise.all([
    listAgentRows(db, orgId, agentIds),
    listInboxMemberships(db, orgId, agentIds),
    listAgentLoads(db, orgId, agentIds),
    listPendingOffers(db, orgId, agentIds),
    listLiveMessagingSessions(db, orgId, agentIds),
  ]);
  if (agentIds === undefined) {
    kept.agents.clear();
    kept.sessions.clear();
    kept.pending.clear();
  } else {
    for (const id of agentIds) {
      kept.agents.delete(id);
      kept.sessions.delete(id);
      kept.pending.delete(id);
    }
  }
  const inboxesOf = new Map<string, string[]>();
  for (const m of memberships) {
    const list = inboxesOf.get(m.user_id) ?? [];
    list.push(m.inbox_id);
    inboxesOf.set(m.user_id, list);
  }
  const loadOf = new Map(loads.map((l) => [l.agent_id, l]));
  for (const offer of pending) kept.pending.set(offer.agent_id, offer);
  for (const row of rows) {
    kept.agents.set(
      row.user_id,
      // Inboxes in id order: a whole read and a read of one agent return memberships in different orders.
      agentOf(
        row,
        (inboxesOf.get(row.user_id) ?? []).sort(),
        loadOf.get(row.user_id),
        kept.pending.get(row.user_id),
        now,
      ),
    );
  }
  for (const s of sessions) {
    const list = kept.sessions.get(s.agentId) ?? [];
    list.push({
      conversationId: s.conversationId,
      agentId: s.agentId,
      inboxId: s.inboxId,
      awaitingCustomerSince: ms(s.awaitingCustomerSince),
    });
    kept.sessions.set(s.agentId, list);
  }
}

const ms = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);

function agentOf(
  row: TAgentRow,
  inboxIds: string[],
  load: TLoadRow | undefined,
  offer: TPendingOfferRow | undefined,
  now: Date,
): TAgentSnapshot {
  return {
    id: row.user_id,
    loggedIn: row.logged_in ?? false,
    status: row.status ?? 'ACTIVE',
    availableFor: (row.available_for ?? []).filter((g): g is TChannelGroup => GROUPS.has(g)),
    inboxIds,
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
          // An agent who logged out or went Away cannot answer: the offer counts as missed now (re-routed). Kept
          // until the agent changes again, this stays in the past, so the offer stays expired.
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
}
