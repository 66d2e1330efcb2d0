import type { TConversationStatus } from '../../src/db/schema.js';
import { newId } from '../../src/lib/ids.js';
import { makeConversation, makeCustomer, makeInbox } from '../factories.js';
import type { TTestApp, TTestOrg } from '../helpers.js';

// Arrangements the conversation tests share; direct inserts only, like test/factories.ts.

export async function makeCustomAttribute(
  t: TTestApp,
  orgId: string,
  options: { key: string; deactivated?: boolean },
): Promise<{ id: string; key: string }> {
  const id = newId();
  await t.db
    .insertInto('custom_attribute_definitions')
    .values({
      org_id: orgId,
      id,
      key: options.key,
      label: options.key,
      deactivated: options.deactivated ?? false,
      created_by: 'test',
    })
    .execute();
  return { id, key: options.key };
}

/** A customer with one conversation in an inbox the org's API user belongs to. */
export async function arrangeConversation(
  t: TTestApp,
  o: TTestOrg,
  options: {
    agentId?: string | null;
    status?: TConversationStatus;
    customerWaiting?: boolean;
    createdAt?: Date;
    closedAt?: Date;
  } = {},
) {
  const inbox = await makeInbox(t, o.org.id, { memberIds: [o.apiUser.user.id] });
  const customer = await makeCustomer(t, o.org.id);
  const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id, ...options });
  return { inbox, customer, conversation };
}

export function conversationRow(t: TTestApp, orgId: string, id: string) {
  return t.db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function itemsOf(t: TTestApp, orgId: string, conversationId: string) {
  return t.db
    .selectFrom('conversation_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
}
