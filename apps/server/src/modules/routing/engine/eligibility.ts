import type { TAgentSnapshot, TChannelGroup, TInboxRoutingConfig, TWorkItem } from './routing-types.js';

export interface TSlot {
  viaNext: boolean;
  consumesAutoPush: boolean;
}

const AUTO: TSlot = { viaNext: false, consumesAutoPush: false };
const NEXT: TSlot = { viaNext: true, consumesAutoPush: false };
const AUTO_PUSH: TSlot = { viaNext: false, consumesAutoPush: true };

// Whether the agent may receive any new work at all right now (spec 5.1, 5.3, 5.4).
export function isRoutableAgent(agent: TAgentSnapshot): boolean {
  return agent.loggedIn && agent.status === 'ACTIVE' && !agent.focusMode && agent.pendingOffer === null;
}

// The capacity slot an item of this group would use, or null when the agent is full (spec 2.6, 5.2).
// messagingDelayMs is the next-message routing delay; a Next click pulls at once, so it skips the delay.
export function capacitySlot(
  agent: TAgentSnapshot,
  group: TChannelGroup,
  now: number,
  messagingDelayMs: number,
): TSlot | null {
  if (!agent.availableFor.includes(group)) return null;
  switch (group) {
    case 'VOICE':
      return agent.load.voice < 1 ? AUTO : null;
    case 'MESSAGING': {
      const { standard, maximum } = agent.messagingCapacity;
      const delayed = agent.lastMessagingAssignedAt !== null && now < agent.lastMessagingAssignedAt + messagingDelayMs;
      if (agent.load.messaging < standard && !delayed) return AUTO;
      if (agent.load.messaging < Math.max(standard, maximum) && agent.nextRequests > 0) return NEXT;
      return null;
    }
    case 'MAIL':
    case 'TASK':
      if (agent.mailTaskAutoPushPending) return AUTO_PUSH;
      return agent.nextRequests > 0 ? NEXT : null;
  }
}

export function isInGrace(item: TWorkItem, agentId: string, now: number, graceSeconds: number): boolean {
  const graceMs = graceSeconds * 1000;
  const recent = (rejection: { agentId: string; at: number }) =>
    rejection.agentId === agentId && now - rejection.at < graceMs;
  return item.declinedBy.some(recent) || item.missedBy.some(recent);
}

export function hasRequiredSkills(item: TWorkItem, agent: TAgentSnapshot): boolean {
  return (item.requiredSkills ?? []).every((skill) => agent.skills.includes(skill));
}

// Everything but capacity and agent-wide state: membership, skills, decline grace.
export function pairAllowed(item: TWorkItem, agent: TAgentSnapshot, now: number, config: TInboxRoutingConfig): boolean {
  return (
    agent.inboxIds.includes(item.inboxId) &&
    hasRequiredSkills(item, agent) &&
    !isInGrace(item, agent.id, now, config.declineGraceSeconds)
  );
}
