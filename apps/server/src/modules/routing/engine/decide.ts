import { createAgentIndex } from './agent-index.js';
import { compileBoosts, type TCompiledBoosts } from './boost-rules.js';
import { clampMessagingAutoEndSeconds, inboxConfig } from './config.js';
import { createItemIndex } from './item-index.js';
import { createMatchScratch, matchWork } from './match-work.js';
import type {
  TAgentSnapshot,
  TDecision,
  TInboxRoutingConfig,
  TRoutingConfig,
  TRoutingSnapshot,
} from './routing-types.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A routing engine that keeps what it learnt about the queue between decides (item-index.ts): the service holds one
 * per org, so a decide costs a lookup per queued item plus the work on new or changed items, free agents and
 * decisions. Its answers are exactly decide()'s for the same snapshot and clock, whatever came before
 * (decide.differential.test.ts checks sequences of decides on one engine against the reference).
 */
export interface TRoutingEngine {
  decide(snapshot: TRoutingSnapshot, now: number): TDecision[];
}

export function createRoutingEngine(): TRoutingEngine {
  const index = createItemIndex();
  const agentIndex = createAgentIndex();
  const scratch = createMatchScratch();
  let boosts: TCompiledBoosts | null = null;
  let boostsInput: TRoutingSnapshot['boosts'] | null = null;
  return {
    decide(snapshot, now) {
      // Equal boosts keep the same compiled object, so item facts computed under them stay valid (the same array is
      // the same boosts: snapshots are values).
      if (boosts === null || snapshot.boosts !== boostsInput) {
        const compiled = compileBoosts(snapshot.boosts);
        if (boosts === null || boosts.key !== compiled.key) boosts = compiled;
        boostsInput = snapshot.boosts;
      }
      const configs = configCache(snapshot.config);
      const match = matchWork(snapshot, now, configs, boosts, index, agentIndex, scratch);
      const decisions = expireOffers(match.pending, now);
      for (const decision of endSilentSessions(snapshot, now, configs)) decisions.push(decision);
      for (const decision of match.decisions) decisions.push(decision);
      return decisions;
    },
  };
}

// Decisions are returned in a fixed order (expiries, session ends, then offers by priority) and depend only on
// the snapshot's contents, never on the order of its arrays.
export function decide(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  return createRoutingEngine().decide(snapshot, now);
}

// inboxConfig() is pure but allocates when an inbox has overrides; resolve each inbox once per decide.
function configCache(config: TRoutingConfig): (inboxId: string) => TInboxRoutingConfig {
  const cache = new Map<string, TInboxRoutingConfig>();
  return (inboxId) => {
    let resolved = cache.get(inboxId);
    if (resolved === undefined) {
      resolved = inboxConfig(config, inboxId);
      cache.set(inboxId, resolved);
    }
    return resolved;
  };
}

// `agents`: the snapshot's agents, or only those with a pending offer (whose ids are then unique: the agent index
// gives them only then), in any order.
function expireOffers(agents: readonly TAgentSnapshot[], now: number): TDecision[] {
  const decisions: TDecision[] = [];
  // Filtering before sorting gives the same order as sorting everything (the sort is stable).
  const expiring = agents.filter((agent) => agent.pendingOffer && now >= agent.pendingOffer.expiresAt);
  for (const agent of expiring.sort((a, b) => byString(a.id, b.id))) {
    const offer = agent.pendingOffer;
    if (offer) {
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

// The shortest auto-end time of any inbox (ms): the defaults' or an override's (an inbox without an override of its
// own gets the defaults). A session silent for less than that cannot end, whatever its inbox. Computed at each decide
// (a few overrides), as everything else that comes from the config of one decide.
function shortestAutoEndMs(config: TRoutingConfig, configs: (inboxId: string) => TInboxRoutingConfig): number {
  let shortest = clampMessagingAutoEndSeconds(config.defaults.messagingAutoEndSeconds) * 1000;
  for (const inboxId of Object.keys(config.inboxes ?? {})) {
    shortest = Math.min(shortest, clampMessagingAutoEndSeconds(configs(inboxId).messagingAutoEndSeconds) * 1000);
  }
  return shortest;
}

function endSilentSessions(
  snapshot: TRoutingSnapshot,
  now: number,
  configs: (inboxId: string) => TInboxRoutingConfig,
): TDecision[] {
  const decisions: TDecision[] = [];
  const shortest = shortestAutoEndMs(snapshot.config, configs);
  // Filtering before sorting gives the same order as sorting everything (the sort is stable). Most silent sessions
  // are below the shortest limit: their inbox's config is not looked up.
  const silent = snapshot.sessions.filter(
    (session) =>
      session.awaitingCustomerSince !== null &&
      now - session.awaitingCustomerSince >= shortest &&
      now - session.awaitingCustomerSince >=
        clampMessagingAutoEndSeconds(configs(session.inboxId).messagingAutoEndSeconds) * 1000,
  );
  for (const session of silent.sort((a, b) => byString(a.conversationId, b.conversationId))) {
    decisions.push({
      type: 'END_SESSION',
      conversationId: session.conversationId,
      agentId: session.agentId,
      reason: 'CUSTOMER_NO_REPLY',
    });
  }
  return decisions;
}
