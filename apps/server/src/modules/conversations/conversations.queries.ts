import type { TExecutor } from '../../db/database.js';
import { AppError, notFound } from '../../http/errors.js';
import { presentConversation } from './conversations.presenter.js';
import {
  findConversation,
  findCustomerForConversations,
  listConversationsOfCustomer,
  loadConversationDetails,
} from './conversations.repository.js';
import type { TConversation } from './conversations.schemas.js';

// Read use-cases of the module: other modules call these, never the repository.

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
  const customer = await findCustomerForConversations(db, orgId, customerId);
  if (!customer) throw notFound(`customer profile ${customerId} does not exist`);
  if (customer.merged_into_id) throw await customerMoved(db, orgId, customerId, customer.merged_into_id);
  const rows = await listConversationsOfCustomer(db, orgId, customerId, cap + 1);
  const details = await loadConversationDetails(db, orgId, rows.slice(0, cap));
  return { conversations: details.map(presentConversation), limited: rows.length > cap };
}

// A merged-away profile answers 301 like the customer profile does (API spec 4.2), naming the surviving profile;
// merges of merges are followed so the client lands on a live profile in one hop.
async function customerMoved(db: TExecutor, orgId: string, oldId: string, mergedInto: string): Promise<AppError> {
  let newId = mergedInto;
  for (let hops = 0; hops < 10; hops++) {
    const next = await findCustomerForConversations(db, orgId, newId);
    if (!next?.merged_into_id) break;
    newId = next.merged_into_id;
  }
  return new AppError(
    301,
    [{ attr: 'customerId', code: 'moved', detail: 'customer id has changed', meta: { old: oldId, new: newId } }],
    { Location: `/api/v1/customers/${encodeURIComponent(newId)}/conversations` },
  );
}
