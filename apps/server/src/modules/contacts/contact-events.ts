import type { TTransaction } from '../../db/database.js';
import type { ContactsTable } from '../../db/schema/routing-tables.js';
import { contextOf } from '../conversations/commands/conversation-timeline.js';
import { findConversationRow } from '../conversations/conversations.queries.js';
import type { insertContact } from './contacts.repository.js';

// What every CONTACT/* event carries (contact-lifecycle.ts, contact-offers.ts): the contact's ids, and the
// conversation's state as `context`.

export type TContactRow = Awaited<ReturnType<typeof insertContact>>;

export function idsOf(contact: Pick<ContactsTable, 'channel' | 'id' | 'conversation_id' | 'customer_id'>) {
  return {
    channel: contact.channel,
    contactId: contact.id,
    conversationId: contact.conversation_id,
    customerId: contact.customer_id,
  };
}

/** The conversation's context now (an OPEN conversation in the contact's inbox if the row cannot be read). */
export async function contextNow(trx: TTransaction, contact: TContactRow) {
  const conversation = await findConversationRow(trx, contact.org_id, contact.conversation_id);
  return conversation
    ? contextOf(conversation)
    : contextOf({ inbox_id: contact.inbox_id, agent_id: contact.agent_id, status: 'OPEN' });
}
