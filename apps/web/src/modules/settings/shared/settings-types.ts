// Shapes of the server's settings resources, as its presenters build them (see the *.schemas.ts of each module).

export interface TUser {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

export interface TInbox {
  id: string;
  name: string;
  disabled: boolean;
  slaMinutes: number;
  memberIds: string[];
}

export interface TTeam {
  id: string;
  name: string;
  description: string;
  agentIds: string[];
}

export interface TTopic {
  id: string;
  name: string;
  disabled: boolean;
  parentId?: string;
}

export interface TOrgSettings {
  name: string;
  timezone: string;
  reopenWindowMinutes: number;
  topicsRequiredOnClose: boolean;
}

export interface TApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface TCreatedApiToken {
  id: string;
  name: string;
  token: string;
}

export interface TWebhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  hasCredentials: boolean;
  headerKeys: string[];
  createdAt: string;
  updatedAt: string;
  disabledAtDueToRetryLimit?: string;
}

export interface TDeliveryAttempt {
  id: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: 'SUCCESS' | 'DEBUG' | 'ERROR';
  attemptedAt: string;
  request: { url: string; headers: Record<string, string>; body: string };
  response: {
    status?: number;
    headers?: Record<string, string>;
    body?: string;
    durationMs: number;
    error?: string;
  };
}

export interface TScheduleBlock {
  start: string;
  stop: string;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];

export interface TOfficeHours extends Record<TWeekday, TScheduleBlock[]> {
  timezone: string;
  exceptions: { name: string; start: string; stop: string; scheduleBlocks: TScheduleBlock[] }[];
}

export interface TBusinessHours {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  name: string;
  primary: boolean;
  officeHours: TOfficeHours;
}

export interface TStatusReason {
  id: string;
  kind: 'ACTIVE' | 'AWAY';
  name: string;
  isDefault: boolean;
  disabled: boolean;
}

export const CHANNEL_GROUPS = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'] as const;
export type TChannelGroup = (typeof CHANNEL_GROUPS)[number];

export interface TInboxRoutingConfig {
  offerTimeoutSeconds: Record<TChannelGroup, number>;
  messagingAutoAssign: boolean;
  nextMessageDelaySeconds: number;
  declineGraceSeconds: number;
  messagingAutoEndSeconds: number;
}

export interface TRoutingSettings {
  defaults: TInboxRoutingConfig;
  inboxOverrides: Record<string, Partial<TInboxRoutingConfig>>;
  idleMinutesUntilAway: number | null;
  idleMinutesUntilLogout: number | null;
  sameAgentTimeLimitMinutes: number;
}

// Mirrors TBoostCondition in apps/server/src/modules/routing/engine/routing-types.ts.
export type TBoostCondition =
  | { kind: 'SKILLS'; match: 'ALL' | 'ANY'; skills: string[] }
  | { kind: 'CHANNEL'; channels: string[] }
  | { kind: 'INBOX'; op: 'INCLUDES' | 'EXCLUDES'; inboxIds: string[] }
  | { kind: 'TRANSFER_STATUS'; status: 'INITIAL' | 'REMATCHING' }
  | { kind: 'DUE'; op: 'DUE_IN' | 'OVERDUE' | 'OVERDUE_BY'; seconds: number }
  | { kind: 'WAIT_TIME'; op: 'LONGER_THAN' | 'SHORTER_THAN'; seconds: number }
  | { kind: 'TOPICS'; match: 'ANY' | 'ALL'; topicIds: string[] }
  | {
      kind: 'STRING_ATTRIBUTE';
      key: string;
      op: 'CONTAINS' | 'NOT_CONTAINS';
      mode: 'ANY' | 'ONLY' | 'REGEX' | 'WORDS';
      values: string[];
    }
  | {
      kind: 'NUMBER_ATTRIBUTE';
      key: string;
      negate: boolean;
      comparator: 'EQ' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'BETWEEN';
      value: number;
      upper?: number;
    };

export type TBoostPoints = 1 | 3 | 5 | 10;

export interface TBoost {
  id: string;
  name: string;
  points: TBoostPoints;
  enabled: boolean;
  conditions: TBoostCondition[];
}

export interface TAgentState {
  user: { id: string; name: string; email: string };
  presence: {
    userId: string;
    loggedIn: boolean;
    status: 'ACTIVE' | 'AWAY';
    skills: string[];
    messagingCapacity: { standard: number; maximum: number };
  };
  load: { voice: number; messaging: number; mail: number; tasks: number };
}
