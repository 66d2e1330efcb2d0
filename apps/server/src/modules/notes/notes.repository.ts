import type { TExecutor, TTransaction } from '../../db/database.js';
import { CONVERSATION_ITEM_COLUMNS, type TNewConversationItem } from '../../db/schema.js';

export const NOTE_TYPE = 'CONVERSATION_NOTE';

export function findConversationOfNote(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'customer_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
}

export async function insertNote(trx: TTransaction, note: TNewConversationItem): Promise<void> {
  await trx.insertInto('conversation_items').values(note).execute();
}

export function findNote(db: TExecutor, orgId: string, conversationId: string, noteId: string) {
  return db
    .selectFrom('conversation_items')
    .select(CONVERSATION_ITEM_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', noteId)
    .where('conversation_id', '=', conversationId)
    .where('content_type', '=', NOTE_TYPE)
    .executeTakeFirst();
}
