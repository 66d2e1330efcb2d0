// Tables of the channels: attachments (0002), email (0003), custom channels (0006).
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './column-types.js';

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
