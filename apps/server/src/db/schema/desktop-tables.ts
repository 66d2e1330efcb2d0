// Columns of migration 0008 (the agent desktop's search).
import type { ColumnType } from 'kysely';

/**
 * `conversation_items.search_vector`: a stored generated tsvector (english) over the item's searchable text.
 * PostgreSQL computes it, so it can be neither inserted nor updated. It is read as text if ever selected; the
 * desktop's search reads it only inside SQL (`@@`, ts_rank).
 */
export interface ConversationItemsSearchColumns {
  search_vector: ColumnType<string, never, never>;
}
