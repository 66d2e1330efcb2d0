// Types of the pure routing engine. Times are epoch milliseconds; durations in config are seconds.

export type TChannelGroup = 'VOICE' | 'MESSAGING' | 'MAIL' | 'TASK';

export type TChannel =
  | 'PHONE_CALL'
  | 'CHAT'
  | 'SMS'
  | 'FB_MESSENGER'
  | 'INSTAGRAM_DIRECT'
  | 'WHATSAPP'
  | 'CUSTOM_CHANNEL'
  | 'EMAIL'
  | 'VOICEMAIL'
  | 'TASK';

export const CHANNEL_GROUP: Readonly<Record<TChannel, TChannelGroup>> = {
  PHONE_CALL: 'VOICE',
  CHAT: 'MESSAGING',
  SMS: 'MESSAGING',
  FB_MESSENGER: 'MESSAGING',
  INSTAGRAM_DIRECT: 'MESSAGING',
  WHATSAPP: 'MESSAGING',
  CUSTOM_CHANNEL: 'MESSAGING',
  EMAIL: 'MAIL',
  VOICEMAIL: 'MAIL',
  TASK: 'TASK',
};

/** Every channel of one group: the single list SQL filters use (e.g. messaging sessions, load per group). */
export function channelsOfGroup(group: TChannelGroup): TChannel[] {
  return (Object.keys(CHANNEL_GROUP) as TChannel[]).filter((channel) => CHANNEL_GROUP[channel] === group);
}

// Mail and tasks share one tier (spec 5.1/5.6: an unboosted email competes with tasks on due date).
export const GROUP_TIER: Readonly<Record<TChannelGroup, number>> = { VOICE: 0, MESSAGING: 1, MAIL: 2, TASK: 2 };

// People Match applies to messaging and email only, never to voice or tasks (spec 5.6).
export const PEOPLE_MATCH_GROUPS: ReadonlySet<TChannelGroup> = new Set<TChannelGroup>(['MESSAGING', 'MAIL']);

export interface TAgentLoad {
  voice: number;
  messaging: number;
  mail: number;
  tasks: number;
}

export interface TPendingOffer {
  offerId: string;
  itemId: string;
  offeredAt: number;
  expiresAt: number;
}

export interface TAgentSnapshot {
  id: string;
  loggedIn: boolean;
  status: 'ACTIVE' | 'AWAY';
  availableFor: readonly TChannelGroup[];
  inboxIds: readonly string[];
  skills: readonly string[];
  load: TAgentLoad;
  pendingOffer: TPendingOffer | null;
  messagingCapacity: { standard: number; maximum: number };
  focusMode: boolean;
  // Outstanding Next / Close & Next clicks not yet served; each pulls one item beyond automatic capacity.
  nextRequests: number;
  // True from going available for Mail & Tasks until the one automatically pushed mail/task is offered.
  mailTaskAutoPushPending: boolean;
  lastOfferedAt: number | null;
  lastAssignedAt: number | null;
  // When the agent last received messaging work; the next-message routing delay counts from here.
  lastMessagingAssignedAt: number | null;
}

export interface TRejection {
  agentId: string;
  at: number;
}

export type TCustomerAttributeValue = string | number | boolean | null;

export interface TWorkItem {
  // Conversation id or task id; unique across the snapshot.
  id: string;
  kind: 'CONVERSATION' | 'TASK';
  inboxId: string;
  channel: TChannel;
  customerAttributes: Readonly<Record<string, TCustomerAttributeValue>>;
  topicIds: readonly string[];
  dueAt: number | null;
  enqueuedAt: number;
  transferred: boolean;
  requiredSkills?: readonly string[];
  declinedBy: readonly TRejection[];
  missedBy: readonly TRejection[];
}

export type TBoostPoints = 1 | 3 | 5 | 10;

export type TBoostCondition =
  | { kind: 'SKILLS'; match: 'ALL' | 'ANY'; skills: readonly string[] }
  | { kind: 'CHANNEL'; channels: readonly TChannel[] }
  | { kind: 'INBOX'; op: 'INCLUDES' | 'EXCLUDES'; inboxIds: readonly string[] }
  | { kind: 'TRANSFER_STATUS'; status: 'INITIAL' | 'REMATCHING' }
  | { kind: 'DUE'; op: 'DUE_IN' | 'OVERDUE' | 'OVERDUE_BY'; seconds: number }
  | { kind: 'WAIT_TIME'; op: 'LONGER_THAN' | 'SHORTER_THAN'; seconds: number }
  | { kind: 'TOPICS'; match: 'ANY' | 'ALL'; topicIds: readonly string[] }
  | {
      kind: 'STRING_ATTRIBUTE';
      key: string;
      op: 'CONTAINS' | 'NOT_CONTAINS';
      mode: 'ANY' | 'ONLY' | 'REGEX' | 'WORDS';
      values: readonly string[];
    }
  | {
      kind: 'NUMBER_ATTRIBUTE';
      key: string;
      negate: boolean;
      comparator: 'EQ' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'BETWEEN';
      value: number;
      upper?: number;
    };

export interface TBoostRule {
  id: string;
  points: TBoostPoints;
  // All conditions must hold; an empty list matches every pair.
  conditions: readonly TBoostCondition[];
}

export interface TInboxRoutingConfig {
  offerTimeoutSeconds: Readonly<Record<TChannelGroup, number>>;
  messagingAutoAssign: boolean;
  nextMessageDelaySeconds: number;
  declineGraceSeconds: number;
  messagingAutoEndSeconds: number;
}

export interface TRoutingConfig {
  defaults: TInboxRoutingConfig;
  inboxes?: Readonly<Record<string, Partial<TInboxRoutingConfig>>>;
}

export interface TMessagingSession {
  conversationId: string;
  agentId: string;
  // Set while the agent has spoken last and waits on the customer; null when the customer wrote last.
  awaitingCustomerSince: number | null;
  inboxId: string;
}

export interface TRoutingSnapshot {
  agents: readonly TAgentSnapshot[];
  items: readonly TWorkItem[];
  sessions: readonly TMessagingSession[];
  boosts: readonly TBoostRule[];
  config: TRoutingConfig;
}

export type TMatchReason = string;

export interface TOfferDecision {
  type: 'OFFER';
  itemId: string;
  agentId: string;
  group: TChannelGroup;
  expiresAt: number;
  // Mail cannot be declined (spec 5.2).
  declinable: boolean;
  // The offer consumes one of the agent's Next requests / the automatic mail-task push.
  viaNext: boolean;
  consumesAutoPush: boolean;
  points: number;
  matchReasons: TMatchReason[];
}

export interface TAssignDecision {
  type: 'ASSIGN';
  itemId: string;
  agentId: string;
  group: TChannelGroup;
  viaNext: boolean;
  consumesAutoPush: boolean;
  points: number;
  matchReasons: TMatchReason[];
}

export interface TExpireOfferDecision {
  type: 'EXPIRE_OFFER';
  offerId: string;
  itemId: string;
  agentId: string;
  reason: 'MISSED';
}

export interface TEndSessionDecision {
  type: 'END_SESSION';
  conversationId: string;
  agentId: string;
  reason: 'CUSTOMER_NO_REPLY';
}

export type TDecision = TOfferDecision | TAssignDecision | TExpireOfferDecision | TEndSessionDecision;
