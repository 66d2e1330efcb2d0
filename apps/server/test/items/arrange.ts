import type { TConversationStatus, TItemDirection } from '../../src/db/schema.js';
import { newId } from '../../src/lib/ids.js';
import { makeConversation, makeCustomer, makeInbox } from '../factories.js';
import type { TTestApp, TTestOrg } from '../helpers.js';

// Arrangements the item and note tests share: direct inserts only, like test/factories.ts.

export async function arrangeConversation(
  t: TTestApp,
  o: TTestOrg,
  options: { agentId?: string | null; status?: TConversationStatus; customerWaiting?: boolean } = {},
) {
  const inbox = await makeInbox(t, o.org.id, { memberIds: [o.apiUser.user.id] });
  const customer = await makeCustomer(t, o.org.id, {
    email: `${newId()
      .slice(0, 8)
      .replace(/[^a-z0-9]/gi, 'x')}@x.test`,
  });
  const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id, ...options });
  return { inbox, customer, conversation };
}

/** Any item, as a channel or module would have stored it. */
export async function insertItem(
  t: TTestApp,
  orgId: string,
  fields: {
    customerId: string;
    conversationId?: string | null;
    sessionId?: string | null;
    type: string;
    content?: Record<string, unknown>;
    direction?: TItemDirection;
    initiator?: { id: string | null; type: string };
    responder?: { id: string; type: string };
    at?: Date;
    id?: string;
  },
): Promise<{ id: string }> {
  const id = fields.id ?? newId();
  await t.db
    .insertInto('conversation_items')
    .values({
      org_id: orgId,
      id,
      customer_id: fields.customerId,
      conversation_id: fields.conversationId ?? null,
      session_id: fields.sessionId ?? null,
      occurred_at: fields.at ?? new Date(),
      initiator_id: fields.initiator ? fields.initiator.id : fields.customerId,
      initiator_type: fields.initiator?.type ?? 'CUSTOMER',
      responder_id: fields.responder?.id ?? null,
      responder_type: fields.responder?.type ?? null,
      content_type: fields.type,
      content: JSON.stringify({ type: fields.type, ...(fields.content ?? {}) }),
      direction: fields.direction ?? 'INBOUND',
      delivery_status: null,
      redacted_at: null,
    })
    .execute();
  return { id };
}

export function itemRow(t: TTestApp, orgId: string, id: string) {
  return t.db
    .selectFrom('conversation_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function itemsOfOrg(t: TTestApp, orgId: string) {
  return t.db.selectFrom('conversation_items').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
}

export function conversationRow(t: TTestApp, orgId: string, id: string) {
  return t.db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function customersOfOrg(t: TTestApp, orgId: string) {
  return t.db.selectFrom('customers').select(['id']).where('org_id', '=', orgId).execute();
}

export const activity = (fields: Record<string, unknown> = {}) => ({
  type: 'CUSTOMER_ACTIVITY',
  activityType: 'ISSUE',
  title: 'Order #42 delayed',
  ...fields,
});
