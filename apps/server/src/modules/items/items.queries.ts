import type { TExecutor } from '../../db/database.js';
import { badRequest, notFound } from '../../http/errors.js';
import { isExposedItemType } from './item-types.js';
import { presentItem, type TPresentedItem } from './items.presenter.js';
import { findConversation, findItem, listConversationItems } from './items.repository.js';

// Read use-cases of the module: other modules (exports, the agent desktop) call these, never the repository.

export async function getItem(db: TExecutor, orgId: string, itemId: string): Promise<TPresentedItem> {
  const item = await findItem(db, orgId, itemId);
  if (!item) throw notFound(`conversation item ${itemId} does not exist`);
  if (!isExposedItemType(item.content_type)) {
    throw badRequest('invalid', `Conversation item with id [${itemId}] exists but is not supported by the API.`);
  }
  return presentItem(item);
}

/** At most `cap` items, oldest first, and whether more exist (the Gladly-Limited-Data header). */
export async function getConversationItems(
  db: TExecutor,
  orgId: string,
  conversationId: string,
  options: { sessionId?: string; cap: number },
): Promise<{ items: TPresentedItem[]; limited: boolean }> {
  if (!(await findConversation(db, orgId, conversationId))) throw notFound('conversation does not exist');
  const rows = await listConversationItems(db, orgId, conversationId, {
    sessionId: options.sessionId,
    limit: options.cap + 1,
  });
  return { items: rows.slice(0, options.cap).map(presentItem), limited: rows.length > options.cap };
}
