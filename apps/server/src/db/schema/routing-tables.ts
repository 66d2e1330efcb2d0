// Tables of migration 0007-routing: presence, status reasons, routing settings, boosts, contacts, offers.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

export interface AgentStatusReasonsTable {
  org_id: string;
  id: string;
  kind: 'ACTIVE' | 'AWAY';
  name: string;
  is_default: Generated<boolean>;
  disabled: Generated<boolean>;
  position: Generated<number>;
  created_at: CreatedAt;
}

export interface AgentPresenceTable {
  org_id: string;
  user_id: string;
  logged_in: Generated<boolean>;
  logged_in_at: Date | null;
  status: Generated<'ACTIVE' | 'AWAY'>;
  active_reason_id: string | null;
  away_reason_id: string | null;
  away_since: Date | null;
  /** Channel groups: VOICE, MESSAGING, MAIL, TASK (MAIL and TASK switch together in the UI: "Mail & Tasks"). */
  available_for: Generated<string[]>;
  focus_mode: Generated<boolean>;
  skills: Generated<string[]>;
  messaging_capacity_standard: Generated<number>;
  messaging_capacity_maximum: Generated<number>;
  next_requests: Generated<number>;
  mail_task_auto_push_pending: Generated<boolean>;
  last_offered_at: Date | null;
  last_assigned_at: Date | null;
  last_messaging_assigned_at: Date | null;
  last_activity_at: Date | null;
  updated_at: UpdatedAt;
}

export interface RoutingSettingsTable {
  org_id: string;
  defaults: ColumnType<Record<string, unknown>, string | undefined, string>;
  inbox_overrides: ColumnType<Record<string, Record<string, unknown>>, string | undefined, string>;
  idle_minutes_until_away: number | null;
  idle_minutes_until_logout: number | null;
  same_agent_time_limit_minutes: Generated<number>;
  updated_at: UpdatedAt;
}

export interface RoutingBoostsTable {
  org_id: string;
  id: string;
  name: string;
  points: number;
  conditions: Json<unknown[]>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
}

export type TContactStatus = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED';

export interface ContactsTable {
  org_id: string;
  id: string;
  conversation_id: string;
  customer_id: string;
  inbox_id: string;
  channel: string;
  entry_point: string | null;
  agent_id: string | null;
  status: TContactStatus;
  due_at: Date | null;
  started_at: Date;
  queued_at: Date | null;
  offered_at: Date | null;
  accepted_at: Date | null;
  fulfilled_at: Date | null;
  fulfilled_type: 'CANCELED' | 'RESPONDED' | null;
  awaiting_customer_since: Date | null;
  last_inbound_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  end_status: 'ABANDONED' | 'ANSWERED' | 'UNANSWERED' | 'UNKNOWN' | null;
}

export type TOfferStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'MISSED' | 'CANCELED' | 'AUTO_ASSIGNED';

export interface RoutingOffersTable {
  org_id: string;
  id: string;
  item_kind: 'CONVERSATION' | 'TASK';
  item_id: string;
  contact_id: string | null;
  agent_id: string;
  channel_group: 'VOICE' | 'MESSAGING' | 'MAIL' | 'TASK';
  offered_at: Date;
  expires_at: Date;
  declinable: boolean;
  status: TOfferStatus;
  resolved_at: Date | null;
  points: Generated<number>;
  match_reasons: Json<string[]>;
}

/** Migrations 0010, 0011: the routing snapshot's change journal, written by triggers only (kept-snapshot.ts). */
export interface RoutingChangesTable {
  org_id: string;
  /** xid8, as text: the writing transaction's id. */
  xid: Generated<string>;
  /** I: conversation or task; C: customer; A: agent (user); N: inbox. */
  kind: 'I' | 'C' | 'A' | 'N';
  id: string;
}
