import type { TRealtimeEvent } from '@hearth/shared';
import { qk } from '../lib/query-keys';

// Which cached queries an event makes stale. Keys are prefixes: invalidating ['timeline', id] refetches every
// query whose key starts with it.

export type TQueryKey = readonly unknown[];

function str(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** The query keys an event invalidates (deduplicated, in a stable order). */
export function keysForEvent(event: Pick<TRealtimeEvent, 'type' | 'content'>): TQueryKey[] {
  const [entity = ''] = event.type.split('/');
  const c = event.content ?? {};
  const keys: TQueryKey[] = [];
  const customerIds = [c.customerId, c.sourceCustomerId, c.destinationCustomerId].map(str).filter(Boolean);
  const conversationIds = [c.conversationId, c.sourceConversationId, c.destinationConversationId]
    .map(str)
    .filter(Boolean);

  switch (entity) {
    case 'CONVERSATION':
    case 'CONVERSATION_ASSIGNEE':
    case 'CONVERSATION_STATUS':
    case 'CONTACT':
    case 'TASK':
    case 'PAYMENT_REQUEST':
      keys.push(qk.inboxViews, qk.conversationListAll);
      for (const id of customerIds) keys.push(qk.timeline(id!));
      for (const id of conversationIds) keys.push(qk.conversation(id!));
      // Routing events change who carries what load (the team view).
      if (entity === 'CONTACT' || entity === 'CONVERSATION_ASSIGNEE') keys.push(qk.agentStates);
      break;
    case 'CUSTOMER':
    case 'CUSTOMER_PROFILE':
      for (const id of customerIds) keys.push(qk.customer(id!), qk.timeline(id!));
      // A merge moves conversations between customers: the lists show the customer's name and id.
      if (event.type.endsWith('/MERGED')) {
        keys.push(qk.inboxViews, qk.conversationListAll);
        for (const id of conversationIds) keys.push(qk.conversation(id!));
      }
      // A renamed customer shows up in the lists' rows.
      if (event.type.endsWith('/UPDATED') || event.type.endsWith('/DELETED')) keys.push(qk.conversationListAll);
      break;
    case 'AGENT_STATUS':
    case 'AGENT_AVAILABILITY':
      keys.push(qk.agentStates, qk.presence);
      break;
    default:
      break;
  }
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = JSON.stringify(k);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
