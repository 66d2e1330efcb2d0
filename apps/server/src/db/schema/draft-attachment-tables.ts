// Composer drafts' files (0009): uploaded by an agent, linked to an item when the reply or note is sent.
import type { ColumnType } from 'kysely';
import type { CreatedAt } from './column-types.js';

export interface DraftAttachmentsTable {
  org_id: string;
  id: string;
  user_id: string;
  filename: string;
  content_type: string;
  size_bytes: ColumnType<string, number | string, never>;
  sha256: string;
  content: Buffer;
  created_at: CreatedAt;
}
