import type { Insertable, Selectable, Updateable } from 'kysely';
import type * as Channels from './schema/channel-tables.js';
import type * as Core from './schema/core-tables.js';
import type * as Desktop from './schema/desktop-tables.js';
import type * as Drafts from './schema/draft-attachment-tables.js';
import type * as Integration from './schema/integration-tables.js';
import type * as Routing from './schema/routing-tables.js';

// Typed view of the tables in migrations/, one file per area under schema/. Keep in step with the migrations: a
// column added there is added here. Everything imports table and row types from this file.
export type * from './schema/channel-tables.js';
export type * from './schema/core-tables.js';
export type * from './schema/desktop-tables.js';
export type * from './schema/draft-attachment-tables.js';
export type * from './schema/integration-tables.js';
export type * from './schema/routing-tables.js';

export interface DB {
  orgs: Core.OrgsTable;
  users: Core.UsersTable;
  api_tokens: Core.ApiTokensTable;
  sessions: Core.SessionsTable;
  login_failures: Core.LoginFailuresTable;
  inboxes: Core.InboxesTable;
  inbox_members: Core.InboxMembersTable;
  teams: Core.TeamsTable;
  team_members: Core.TeamMembersTable;
  audiences: Core.AudiencesTable;
  topics: Core.TopicsTable;
  custom_attribute_definitions: Core.CustomAttributeDefinitionsTable;
  customers: Core.CustomersTable;
  customer_emails: Core.CustomerEmailsTable;
  customer_phones: Core.CustomerPhonesTable;
  conversations: Core.ConversationsTable;
  conversation_topics: Core.ConversationTopicsTable;
  conversation_custom_attributes: Core.ConversationCustomAttributesTable;
  conversation_items: Core.ConversationItemsTable & Desktop.ConversationItemsSearchColumns;
  tasks: Core.TasksTable;
  task_comments: Core.TaskCommentsTable;
  business_hours: Core.BusinessHoursTable;
  outbox_events: Core.OutboxEventsTable;
  attachments: Channels.AttachmentsTable;
  attachment_blobs: Channels.AttachmentBlobsTable;
  draft_attachments: Drafts.DraftAttachmentsTable;
  email_entry_points: Channels.EmailEntryPointsTable;
  inbound_emails: Channels.InboundEmailsTable;
  email_message_ids: Channels.EmailMessageIdsTable;
  email_relays: Channels.EmailRelaysTable;
  export_schedules: Integration.ExportSchedulesTable;
  export_jobs: Integration.ExportJobsTable;
  export_file_chunks: Integration.ExportFileChunksTable;
  custom_channels: Channels.CustomChannelsTable;
  custom_channel_identities: Channels.CustomChannelIdentitiesTable;
  webhooks: Integration.WebhooksTable;
  webhook_deliveries: Integration.WebhookDeliveriesTable;
  webhook_attempts: Integration.WebhookAttemptsTable;
  notifications: Integration.NotificationsTable;
  agent_status_reasons: Routing.AgentStatusReasonsTable;
  agent_presence: Routing.AgentPresenceTable;
  routing_settings: Routing.RoutingSettingsTable;
  routing_boosts: Routing.RoutingBoostsTable;
  contacts: Routing.ContactsTable;
  routing_offers: Routing.RoutingOffersTable;
  routing_changes: Routing.RoutingChangesTable;
}

export type TOrgRow = Selectable<Core.OrgsTable>;
export type TUserRow = Selectable<Core.UsersTable>;
export type TCustomerRow = Selectable<Core.CustomersTable>;
export type TConversationRow = Selectable<Core.ConversationsTable>;
export type TConversationItemRow = Selectable<Core.ConversationItemsTable>;
/**
 * The columns of a conversation item row, to select instead of `selectAll()`: that would also read `search_vector`,
 * the search index's tsvector (as large as the item's text), which no row type carries and no reader needs.
 */
export const CONVERSATION_ITEM_COLUMNS = [
  'org_id',
  'id',
  'seq',
  'customer_id',
  'conversation_id',
  'session_id',
  'occurred_at',
  'initiator_id',
  'initiator_type',
  'responder_id',
  'responder_type',
  'content_type',
  'content',
  'direction',
  'delivery_status',
  'redacted_at',
  'created_at',
] as const satisfies readonly (keyof Core.ConversationItemsTable)[];
// Compile-time check that the list names every column of the row type (a new column must be added above).
const itemColumnsComplete: [
  Exclude<keyof Core.ConversationItemsTable, (typeof CONVERSATION_ITEM_COLUMNS)[number]>,
] extends [never]
  ? true
  : never = true;
void itemColumnsComplete;
export type TTaskRow = Selectable<Core.TasksTable>;
export type TNewConversationItem = Insertable<Core.ConversationItemsTable>;
export type TConversationUpdate = Updateable<Core.ConversationsTable>;
export type TEmailEntryPointRow = Selectable<Channels.EmailEntryPointsTable>;
export type TEmailRelayRow = Selectable<Channels.EmailRelaysTable>;
