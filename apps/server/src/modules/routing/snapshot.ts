import type { TExecutor } from '../../db/database.js';
import { listLiveMessagingSessions } from '../contacts/contacts.queries.js';
import { loadBoostRules } from './boosts.queries.js';
import { capacitySlot, isRoutableAgent } from './engine/eligibility.js';
import {
  CHANNEL_GROUP,
  type TAgentSnapshot,
  type TChannel,
  type TChannelGroup,
  type TCustomerAttributeValue,
  type TRejection,
  type TRoutingSnapshot,
  type TWorkItem,
} from './engine/routing-types.js';
import {
  listAgentLoads,
  listAgentRows,
  listInboxMemberships,
  listPendingOffers,
  listRecentRejections,
  listRoutableConversations,
  listRoutableTasks,
  type TPendingOfferRow,
} from './routing.repository.js';
import { loadRoutingConfig } from './routing-settings.queries.js';
import { maxGraceSeconds } from './snapshot-config.js';

const GROUPS: ReadonlySet<string> = new Set<TChannelGroup>(['VOICE', 'MESSAGING', 'MAIL', 'TASK']);

export interface TLoadedSnapshot {
  snapshot: TRoutingSnapshot;
  orphanOffers: TPendingOfferRow[];
  /** False when no agent could take work: `snapshot.items` then holds only the items of pending offers. */
  itemsComplete: boolean;
  /** Boost id → name, so CONTACT/OFFERED can list the names of the boosts that applied (spec 5.6). */
  boostNames: Map<string, string>;
}

const ms = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);

/**
 * The engine's view of one org, read from the database in a handful of indexed statements (agents with presence,
 * memberships, loads, pending offers, routable conversations and tasks, recent rejections, live messaging sessions,
 * settings and boosts). Items whose channel is unknown are left out: the engine cannot place them in a tier.
 */
export async function loadRoutingSnapshot(db: TExecutor, orgId: string, now: Date): Promise<TLoadedSnapshot> {
  const config = await loadRoutingConfig(db, orgId);
  const graceSince = new Date(now.getTime() - maxGraceSeconds(config) * 1000);
  const [agentRows, memberships, loads, pending, sessions, boostRows] = await Promise.all([
    listAgentRows(db, orgId),
    listInboxMemberships(db, orgId),
    listAgentLoads(db, orgId),
    listPendingOffers(db, orgId),
    listLiveMessagingSessions(db, orgId),
    readBoostRulesWithNames(db, orgId),
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

  // The queue is the expensive part of the snapshot. When no agent could take anything (each is logged out, away,
  // in focus, holding an offer or full in every group it is available for), decide() cannot offer or assign, so only
  // the items of the pending offers are read (to find the orphans below).
  const agentIds = new Set(agents.map((a) => a.id));
  let itemsComplete = agents.some(couldTakeWork(now));
  let [conversations, tasks] = await listQueue(db, orgId, itemsComplete ? undefined : pending.map((p) => p.item_id));
  // An orphan offer (below) is withdrawn before deciding and frees its agent in the same run: read the whole queue.
  if (!itemsComplete) {
    const routable = new Set([...conversations.map((c) => c.id), ...tasks.map((task) => task.id)]);
    if (pending.some((p) => !agentIds.has(p.agent_id) || !routable.has(p.item_id))) {
      itemsComplete = true;
      [conversations, tasks] = await listQueue(db, orgId, undefined);
    }
  }
  const rejections = await listRecentRejections(
    db,
    orgId,
    [...conversations.map((c) => c.id), ...tasks.map((t) => t.id)],
    graceSince,
  );
  const rejectionsOf = new Map<string, { declinedBy: TRejection[]; missedBy: TRejection[] }>();
  for (const r of rejections) {
    const entry = rejectionsOf.get(r.item_id) ?? { declinedBy: [], missedBy: [] };
    (r.status === 'DECLINED' ? entry.declinedBy : entry.missedBy).push({
      agentId: r.agent_id,
      at: r.resolved_at.getTime(),
    });
    rejectionsOf.set(r.item_id, entry);
  }

  const items: TWorkItem[] = [];
  for (const c of conversations) {
    if (!c.channel || !(c.channel in CHANNEL_GROUP) || c.channel === 'TASK') continue;
    const rejected = rejectionsOf.get(c.id);
    items.push({
      id: c.id,
      kind: 'CONVERSATION',
      inboxId: c.inbox_id,
      channel: c.channel as TChannel,
      customerAttributes: attributes(c.customer_attributes),
      topicIds: c.topic_ids,
      dueAt: ms(c.due_at),
      enqueuedAt: ms(c.queued_at) ?? ms(c.customer_waiting_since) ?? 0,
      transferred: c.transferred,
      declinedBy: rejected?.declinedBy ?? [],
      missedBy: rejected?.missedBy ?? [],
    });
  }
  for (const task of tasks) {
    const rejected = rejectionsOf.get(task.id);
    items.push({
      id: task.id,
      kind: 'TASK',
      inboxId: task.inbox_id,
      channel: 'TASK',
      customerAttributes: attributes(task.customer_attributes),
      topicIds: [],
      dueAt: task.due_at.getTime(),
      enqueuedAt: task.created_at.getTime(),
      transferred: false,
      declinedBy: rejected?.declinedBy ?? [],
      missedBy: rejected?.missedBy ?? [],
    });
  }

  // Pending offers whose agent is no longer an active agent, or whose item is no longer routable (assigned by hand,
  // closed, marked No Reply Needed meanwhile): the caller withdraws them instead of letting them run out.
  const itemIds = new Set(items.map((i) => i.id));
  const orphanOffers = pending.filter((p) => !agentIds.has(p.agent_id) || !itemIds.has(p.item_id));

  return {
    orphanOffers,
    itemsComplete,
    snapshot: {
      agents,
      items,
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

function listQueue(db: TExecutor, orgId: string, onlyIds: readonly string[] | undefined) {
  return Promise.all([listRoutableConversations(db, orgId, onlyIds), listRoutableTasks(db, orgId, onlyIds)]);
}

/**
 * Whether decide() could give this agent anything: routable (engine/eligibility.ts) with a capacity slot in some
 * group it is available for. Conservative: the next-message delay is ignored (it only ever holds work back).
 */
function couldTakeWork(now: Date): (agent: TAgentSnapshot) => boolean {
  return (agent) =>
    isRoutableAgent(agent) && agent.availableFor.some((group) => capacitySlot(agent, group, now.getTime(), 0) !== null);
}

async function readBoostRulesWithNames(db: TExecutor, orgId: string) {
  const [rules, names] = await Promise.all([
    loadBoostRules(db, orgId),
    db.selectFrom('routing_boosts').select(['id', 'name']).where('org_id', '=', orgId).execute(),
  ]);
  return { rules, names: new Map(names.map((n) => [n.id, n.name])) };
}

function attributes(raw: Record<string, unknown> | null): Record<string, TCustomerAttributeValue> {
  const result: Record<string, TCustomerAttributeValue> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      result[key] = value;
    }
  }
  return result;
}
