import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Typed view of the tables in migrations/. Keep in step with the migrations: a column added there is added here.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

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

export interface AttachmentsTable {
  org_id: string;
  id: string;
  item_id: string;
  filename: string;
  content_type: string;
  size_bytes: ColumnType<string, number | string, never>;
  sha256: string;
  content_id: string | null;
  inline: Generated<boolean>;
  redacted_at: Date | null;
  created_at: CreatedAt;
}

export interface AttachmentBlobsTable {
  org_id: string;
  attachment_id: string;
  content: Buffer;
}

export interface EmailEntryPointsTable {
  org_id: string;
  id: string;
  address: string;
  kind: 'ADDRESS' | 'DOMAIN';
  display_name: Generated<string>;
  inbox_id: string;
  sla_minutes: number | null;
  is_default_from: Generated<boolean>;
  inbound_secret_hash: string | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type TInboundEmailStatus = 'RECEIVED' | 'PROCESSED' | 'DUPLICATE' | 'AUTO_REPLY' | 'BOUNCE' | 'UNPARSEABLE';

export interface InboundEmailsTable {
  org_id: string;
  id: string;
  entry_point_id: string;
  received_at: Generated<Date>;
  via: 'SMTP' | 'HTTP';
  mail_from: Generated<string>;
  rcpt_to: Generated<string[]>;
  raw: Buffer;
  size_bytes: ColumnType<string, number | string, never>;
  status: Generated<TInboundEmailStatus>;
  error: string | null;
  message_id: string | null;
  item_id: string | null;
  conversation_id: string | null;
  processed_at: Date | null;
}

export interface EmailMessageIdsTable {
  org_id: string;
  message_id: string;
  direction: 'INBOUND' | 'OUTBOUND';
  conversation_id: string | null;
  item_id: string | null;
  created_at: CreatedAt;
}

export interface EmailRelaysTable {
  org_id: string;
  host: string;
  port: number;
  tls_mode: Generated<'NONE' | 'STARTTLS' | 'TLS'>;
  username: string | null;
  password_encrypted: string | null;
  dkim_domain: string | null;
  dkim_selector: string | null;
  dkim_private_key_encrypted: string | null;
  updated_at: UpdatedAt;
}

export type TExportFrequency = 'HOURLY' | 'DAILY';
export type TExportJobStatus = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface ExportSchedulesTable {
  org_id: string;
  id: string;
  frequency: Generated<TExportFrequency>;
  type: Generated<'CONVERSATIONS'>;
  next_start_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface ExportJobsTable {
  org_id: string;
  id: string;
  schedule_id: string;
  status: Generated<TExportJobStatus>;
  start_at: Date;
  end_at: Date;
  files: Generated<string[]>;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ExportFileChunksTable {
  org_id: string;
  job_id: string;
  filename: string;
  chunk_no: number;
  content: Buffer;
}

export interface DB {
  orgs: OrgsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  inboxes: InboxesTable;
  inbox_members: InboxMembersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  audiences: AudiencesTable;
  topics: TopicsTable;
  custom_attribute_definitions: CustomAttributeDefinitionsTable;
  customers: CustomersTable;
  customer_emails: CustomerEmailsTable;
  customer_phones: CustomerPhonesTable;
  conversations: ConversationsTable;
  conversation_topics: ConversationTopicsTable;
  conversation_custom_attributes: ConversationCustomAttributesTable;
  conversation_items: ConversationItemsTable;
  tasks: TasksTable;
  task_comments: TaskCommentsTable;
  business_hours: BusinessHoursTable;
  outbox_events: OutboxEventsTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  email_entry_points: EmailEntryPointsTable;
  inbound_emails: InboundEmailsTable;
  email_message_ids: EmailMessageIdsTable;
  email_relays: EmailRelaysTable;
  export_schedules: ExportSchedulesTable;
  export_jobs: ExportJobsTable;
  export_file_chunks: ExportFileChunksTable;
  custom_channels: CustomChannelsTable;
  custom_channel_identities: CustomChannelIdentitiesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  notifications: NotificationsTable;
}

export interface CustomChannelsTable {
  org_id: string;
  id: string;
  name: string;
  inbox_id: string;
  company_addresses: string[];
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CustomChannelIdentitiesTable {
  org_id: string;
  id: string;
  custom_channel_id: string;
  address: string;
  customer_id: string;
  created_at: CreatedAt;
}

export interface WebhooksTable {
  org_id: string;
  id: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  credentials: Json<{ username: string; password: string; realm?: string }> | null;
  headers: Json<Record<string, string>> | null;
  disabled_at_due_to_retry_limit: Date | null;
  cursor_xid: string | null;
  cursor_seq: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WebhookDeliveriesTable {
  org_id: string;
  id: string;
  webhook_id: string;
  event_id: string;
  event_xid: string;
  event_seq: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: Date;
  created_at: CreatedAt;
}

export interface WebhookAttemptsTable {
  seq: Generated<string>;
  org_id: string;
  id: string;
  webhook_id: string;
  delivery_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  outcome: string;
  attempted_at: Date;
  request: Json<Record<string, unknown>>;
  response: Json<Record<string, unknown>>;
}

export interface NotificationsTable {
  org_id: string;
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export type TOrgRow = Selectable<OrgsTable>;
export type TUserRow = Selectable<UsersTable>;
export type TCustomerRow = Selectable<CustomersTable>;
export type TConversationRow = Selectable<ConversationsTable>;
export type TConversationItemRow = Selectable<ConversationItemsTable>;
export type TTaskRow = Selectable<TasksTable>;
export type TNewConversationItem = Insertable<ConversationItemsTable>;
export type TConversationUpdate = Updateable<ConversationsTable>;
export type TEmailEntryPointRow = Selectable<EmailEntryPointsTable>;
export type TEmailRelayRow = Selectable<EmailRelaysTable>;
