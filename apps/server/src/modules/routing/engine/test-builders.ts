// Snapshot builders shared by the engine's tests.
import { DEFAULT_INBOX_ROUTING_CONFIG } from './config.js';
import type {
  TAgentSnapshot,
  TInboxRoutingConfig,
  TMessagingSession,
  TRoutingConfig,
  TRoutingSnapshot,
  TWorkItem,
} from './routing-types.js';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;

export function agent(id: string, overrides: Partial<TAgentSnapshot> = {}): TAgentSnapshot {
  return {
    id,
    loggedIn: true,
    status: 'ACTIVE',
    availableFor: ['VOICE', 'MESSAGING', 'MAIL', 'TASK'],
    inboxIds: ['inbox-1'],
    skills: [],
    load: { voice: 0, messaging: 0, mail: 0, tasks: 0 },
    pendingOffer: null,
    messagingCapacity: { standard: 2, maximum: 4 },
    focusMode: false,
    nextRequests: 0,
    mailTaskAutoPushPending: true,
    lastOfferedAt: null,
    lastAssignedAt: null,
    lastMessagingAssignedAt: null,
    ...overrides,
  };
}

export function item(id: string, overrides: Partial<TWorkItem> = {}): TWorkItem {
  return {
    id,
    kind: overrides.channel === 'TASK' ? 'TASK' : 'CONVERSATION',
    inboxId: 'inbox-1',
    channel: 'CHAT',
    customerAttributes: {},
    topicIds: [],
    dueAt: T0 + 60 * MIN,
    enqueuedAt: T0 - MIN,
    transferred: false,
    declinedBy: [],
    missedBy: [],
    ...overrides,
  };
}

export function session(conversationId: string, overrides: Partial<TMessagingSession> = {}): TMessagingSession {
  return { conversationId, agentId: 'a1', awaitingCustomerSince: null, inboxId: 'inbox-1', ...overrides };
}

export function config(
  defaults: Partial<TInboxRoutingConfig> = {},
  inboxes?: TRoutingConfig['inboxes'],
): TRoutingConfig {
  return { defaults: { ...DEFAULT_INBOX_ROUTING_CONFIG, ...defaults }, ...(inboxes ? { inboxes } : {}) };
}

export function snapshot(overrides: Partial<TRoutingSnapshot> = {}): TRoutingSnapshot {
  return { agents: [], items: [], sessions: [], boosts: [], config: config(), ...overrides };
}
