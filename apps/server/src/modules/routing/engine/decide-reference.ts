// A verbatim copy of the original decide() (all eligible pairs materialised and sorted), kept as the oracle for
// decide.differential.test.ts and for `node bench/routing/run.mjs --verify`. Do not optimise this file: its only
// job is to be obviously the specified behaviour. Production code uses decide() in decide.ts.
import { clampMessagingAutoEndSeconds, inboxConfig, offerTimeoutMs } from './config.js';
import { capacitySlot, isRoutableAgent, pairAllowed, type TSlot } from './eligibility.js';
import { scorePair, type TBoostScore } from './people-match.js';
import {
  CHANNEL_GROUP,
  GROUP_TIER,
  PEOPLE_MATCH_GROUPS,
  type TAgentSnapshot,
  type TChannelGroup,
  type TDecision,
  type TRoutingSnapshot,
  type TWorkItem,
} from './routing-types.js';

interface TPair {
  item: TWorkItem;
  agent: TAgentSnapshot;
  group: TChannelGroup;
  tier: number;
  slot: TSlot;
  score: TBoostScore;
  lastServedAt: number;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Decisions are returned in a fixed order (expiries, session ends, then offers by priority) and depend only on
// the snapshot's contents, never on the order of its arrays.
export function decideReference(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  return [...expireOffers(snapshot, now), ...endSilentSessions(snapshot, now), ...matchWork(snapshot, now)];
}

function expireOffers(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  const decisions: TDecision[] = [];
  for (const agent of [...snapshot.agents].sort((a, b) => byString(a.id, b.id))) {
    const offer = agent.pendingOffer;
    if (offer && now >= offer.expiresAt) {
      decisions.push({
        type: 'EXPIRE_OFFER',
        offerId: offer.offerId,
        itemId: offer.itemId,
        agentId: agent.id,
        reason: 'MISSED',
      });
    }
  }
  return decisions;
}

function endSilentSessions(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  const decisions: TDecision[] = [];
  const sessions = [...snapshot.sessions].sort((a, b) => byString(a.conversationId, b.conversationId));
  for (const session of sessions) {
    if (session.awaitingCustomerSince === null) continue;
    const limitMs =
      clampMessagingAutoEndSeconds(inboxConfig(snapshot.config, session.inboxId).messagingAutoEndSeconds) * 1000;
    if (now - session.awaitingCustomerSince >= limitMs) {
      decisions.push({
        type: 'END_SESSION',
        conversationId: session.conversationId,
        agentId: session.agentId,
        reason: 'CUSTOMER_NO_REPLY',
      });
    }
  }
  return decisions;
}

// Greedy over all eligible (item, agent) pairs in priority order: the first pair for a still-free item and a
// still-free agent wins. This yields "highest-scoring pair first" within a tier and at most one offer per
// agent and per item in one decide.
function matchWork(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  const offeredItemIds = new Set<string>();
  for (const agent of snapshot.agents) if (agent.pendingOffer) offeredItemIds.add(agent.pendingOffer.itemId);

  const agentsByInbox = new Map<string, TAgentSnapshot[]>();
  for (const agent of snapshot.agents) {
    if (!isRoutableAgent(agent)) continue;
    for (const inboxId of new Set(agent.inboxIds)) {
      const list = agentsByInbox.get(inboxId) ?? [];
      list.push(agent);
      agentsByInbox.set(inboxId, list);
    }
  }

  // Boosts in id order, so that matchReasons do not depend on the order of the input array.
  const boosts = [...snapshot.boosts].sort((a, b) => byString(a.id, b.id));
  const pairs: TPair[] = [];
  for (const item of snapshot.items) {
    if (offeredItemIds.has(item.id)) continue;
    const group = CHANNEL_GROUP[item.channel];
    const config = inboxConfig(snapshot.config, item.inboxId);
    const delayMs = config.nextMessageDelaySeconds * 1000;
    for (const agent of agentsByInbox.get(item.inboxId) ?? []) {
      if (!pairAllowed(item, agent, now, config)) continue;
      const slot = capacitySlot(agent, group, now, delayMs);
      if (!slot) continue;
      const score = PEOPLE_MATCH_GROUPS.has(group)
        ? scorePair(boosts, item, agent, now)
        : { points: 0, ruleIds: [], reasons: [] };
      const lastServedAt = Math.max(agent.lastOfferedAt ?? -Infinity, agent.lastAssignedAt ?? -Infinity);
      pairs.push({ item, agent, group, tier: GROUP_TIER[group], slot, score, lastServedAt });
    }
  }
  pairs.sort(comparePairs);

  const usedItems = new Set<string>();
  const usedAgents = new Set<string>();
  const decisions: TDecision[] = [];
  for (const pair of pairs) {
    if (usedItems.has(pair.item.id) || usedAgents.has(pair.agent.id)) continue;
    usedItems.add(pair.item.id);
    usedAgents.add(pair.agent.id);
    decisions.push(toDecision(snapshot, pair, now));
  }
  return decisions;
}

function comparePairs(a: TPair, b: TPair): number {
  return (
    a.tier - b.tier ||
    b.score.points - a.score.points ||
    compareDue(a.item.dueAt, b.item.dueAt) ||
    a.item.enqueuedAt - b.item.enqueuedAt ||
    byString(a.item.id, b.item.id) ||
    compareNumbers(a.lastServedAt, b.lastServedAt) ||
    byString(a.agent.id, b.agent.id)
  );
}

// Never-served agents carry -Infinity; subtraction would give NaN when both do.
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Work without a due date comes after all dated work of its tier.
function compareDue(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function toDecision(snapshot: TRoutingSnapshot, pair: TPair, now: number): TDecision {
  const { item, agent, group, slot, score } = pair;
  const matchReasons = [
    `inbox:${item.inboxId}`,
    ...(item.requiredSkills ?? []).map((skill) => `skill:${skill}`),
    ...score.reasons,
    item.dueAt !== null ? 'oldest-due' : 'oldest-queued',
  ];
  if (slot.viaNext) matchReasons.push('next');
  const common = {
    itemId: item.id,
    agentId: agent.id,
    group,
    viaNext: slot.viaNext,
    consumesAutoPush: slot.consumesAutoPush,
    points: score.points,
    matchReasons,
  };
  if (group === 'MESSAGING' && inboxConfig(snapshot.config, item.inboxId).messagingAutoAssign) {
    return { type: 'ASSIGN', ...common };
  }
  return {
    type: 'OFFER',
    ...common,
    expiresAt: now + offerTimeoutMs(snapshot.config, item.inboxId, group),
    declinable: group !== 'MAIL',
  };
}
