import type { TExecutor } from '../../db/database.js';
import { AppError, notFound } from '../../http/errors.js';
import { requireLiveCustomerId } from '../customers/customers.queries.js';
import { presentConversation } from './conversations.presenter.js';
import { findConversation, listConversationsOfCustomer, loadConversationDetails } from './conversations.repository.js';
import type { TConversation } from './conversations.schemas.js';

// Read use-cases of the module: other modules call these, never the repository.

/** The conversation's row as stored (undefined when the org has no such conversation), for other modules' commands. */
export function findConversationRow(db: TExecutor, orgId: string, conversationId: string) {
  return findConversation(db, orgId, conversationId);
}

export async function getConversation(db: TExecutor, orgId: string, conversationId: string): Promise<TConversation> {
  const conversation = await findConversation(db, orgId, conversationId);
  if (!conversation) throw notFound('conversation does not exist');
  const [details] = await loadConversationDetails(db, orgId, [conversation]);
  return presentConversation(details!);
}

/** At most `cap` conversations, oldest first, and whether more exist (the Gladly-Limited-Data header). */
export async function findCustomerConversations(
  db: TExecutor,
  orgId: string,
  customerId: string,
  cap: number,
): Promise<{ conversations: TConversation[]; limited: boolean }> {
  await requireLiveCustomerId(db, orgId, customerId, (newId) => customerMoved(customerId, newId));
  const rows = await listConversationsOfCustomer(db, orgId, customerId, cap + 1);
  const details = await loadConversationDetails(db, orgId, rows.slice(0, cap));
  return { conversations: details.map(presentConversation), limited: rows.length > cap };
}

// A merged-away profile answers 301 like the customer profile does (API spec 4.2), naming the surviving profile.
function customerMoved(oldId: string, newId: string): AppError {
  return new AppError(
    301,
    [{ attr: 'customerId', code: 'moved', detail: 'customer id has changed', meta: { old: oldId, new: newId } }],
    { Location: `/api/v1/customers/${encodeURIComponent(newId)}/conversations` },
  );
}
