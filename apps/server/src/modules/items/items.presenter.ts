import type { TConversationItemRow } from '../../db/schema.js';
import { toIso } from '../../lib/time.js';

type TPresentableItem = Pick<
  TConversationItemRow,
  | 'id'
  | 'customer_id'
  | 'conversation_id'
  | 'session_id'
  | 'occurred_at'
  | 'initiator_id'
  | 'initiator_type'
  | 'responder_id'
  | 'responder_type'
  | 'content_type'
  | 'content'
>;

/**
 * The item envelope of API spec 4.4, shared by GET, lists, notes and export lines. `conversationId`, `sessionId`
 * and `responder` appear only when set; `content` is what the channel stored for its type, with the stored column
 * as the authority on `type`.
 */
export function presentItem(item: TPresentableItem) {
  const { type: _storedType, ...fields } = item.content;
  return {
    id: item.id,
    customerId: item.customer_id,
    ...(item.conversation_id ? { conversationId: item.conversation_id } : {}),
    ...(item.session_id ? { sessionId: item.session_id } : {}),
    timestamp: toIso(item.occurred_at),
    initiator: presentParty(item.initiator_id, item.initiator_type),
    ...(item.responder_type ? { responder: presentParty(item.responder_id, item.responder_type) } : {}),
    content: { type: item.content_type, ...fields },
  };
}

function presentParty(id: string | null, type: string) {
  return { ...(id ? { id } : {}), type };
}

export type TPresentedItem = ReturnType<typeof presentItem>;
