// Tables of migration 0001: tenants, people, the directory, customers, conversations, items, tasks, outbox.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

export interface OrgsTable {
  id: string;
  slug: string;
  name: string;
  login_domain: string;
  timezone: Generated<string>;
  is_default: Generated<boolean>;
  sandbox_of: string | null;
  reopen_window_minutes: Generated<number>;
  topics_required_on_close: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  org_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  roles: string[];
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ApiTokensTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SessionsTable {
  token_hash: string;
  org_id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface LoginFailuresTable {
  org_id: string;
  email: string;
  failures: number;
  locked_until: Date | null;
  last_failure_at: Generated<Date>;
}

export interface InboxesTable {
  org_id: string;
  id: string;
  name: string;
  disabled: Generated<boolean>;
  sla_minutes: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InboxMembersTable {
  org_id: string;
  inbox_id: string;
  user_id: string;
}

export interface TeamsTable {
  org_id: string;
  id: string;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
}

export interface TeamMembersTable {
  org_id: string;
  team_id: string;
  user_id: string;
}

export interface AudiencesTable {
  org_id: string;
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface TopicsTable {
  org_id: string;
  id: string;
  name: string;
  disabled: Generated<boolean>;
  parent_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CustomAttributeDefinitionsTable {
  org_id: string;
  id: string;
  key: string;
  label: string;
  deactivated: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
}

export interface CustomersTable {
  org_id: string;
  id: string;
  name: Generated<string>;
  image: string | null;
  address: Generated<string>;
  external_customer_id: string | null;
  external_customer_ids: ColumnType<Record<string, string>, string | undefined, string>;
  custom_attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  merged_into_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CustomerEmailsTable {
  org_id: string;
  customer_id: string;
  position: number;
  original: string;
  normalized: string;
  is_primary: boolean;
}

export interface CustomerPhonesTable {
  org_id: string;
  customer_id: string;
  position: number;
  original: string;
  normalized: string;
  extension: string | null;
  region_code: string;
  is_primary: boolean;
  sms_preference: string | null;
  type: string | null;
}

export type TConversationStatus = 'OPEN' | 'WAITING' | 'CLOSED';

export interface ConversationsTable {
  org_id: string;
  id: string;
  customer_id: string;
  inbox_id: string;
  agent_id: string | null;
  status: TConversationStatus;
  customer_waiting_since: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  closed_at: Date | null;
  /** Routing state (0007-routing): the current wait's due date, last inbound channel, queue entry, transfer flag. */
  due_at: Generated<Date | null>;
  channel: Generated<string | null>;
  queued_at: Generated<Date | null>;
  transferred: Generated<boolean>;
  last_inbound_at: Generated<Date | null>;
}

export interface ConversationTopicsTable {
  org_id: string;
  conversation_id: string;
  topic_id: string;
  added_at: CreatedAt;
}

export interface ConversationCustomAttributesTable {
  org_id: string;
  conversation_id: string;
  custom_attribute_id: string;
  value: string;
  added_at: CreatedAt;
}

export type TItemDirection = 'INBOUND' | 'OUTBOUND' | 'INTERNAL';

export interface ConversationItemsTable {
  org_id: string;
  id: string;
  seq: Generated<string>;
  customer_id: string;
  conversation_id: string | null;
  session_id: string | null;
  occurred_at: Date;
  initiator_id: string | null;
  initiator_type: string;
  responder_id: string | null;
  responder_type: string | null;
  content_type: string;
  content: Json<Record<string, unknown>>;
  direction: TItemDirection;
  delivery_status: string | null;
  redacted_at: Date | null;
  created_at: CreatedAt;
}

export interface TasksTable {
  org_id: string;
  id: string;
  customer_id: string;
  inbox_id: string;
  agent_id: string | null;
  body: string;
  due_at: Date;
  status: 'OPEN' | 'CLOSED';
  created_by_id: string | null;
  created_by_type: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  closed_at: Date | null;
}

export interface TaskCommentsTable {
  org_id: string;
  id: string;
  task_id: string;
  agent_id: string;
  comment: string;
  created_at: CreatedAt;
}

export interface BusinessHoursTable {
  org_id: string;
  id: string;
  name: string;
  is_primary: boolean;
  version: Generated<number>;
  office_hours: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OutboxEventsTable {
  seq: Generated<string>;
  id: string;
  org_id: string;
  type: string;
  occurred_at: Date;
  initiator: Json<{ id: string; type: string }>;
  content: Json<Record<string, unknown>>;
  /** xid8 of the writing transaction (0004-webhooks); read as text. */
  xid: Generated<string>;
}
