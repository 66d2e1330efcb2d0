// Tables of the integration surface: webhooks and notifications (0004), exports (0005).
import type { Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

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
