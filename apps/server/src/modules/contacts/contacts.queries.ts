import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { channelsOfGroup } from '../routing/engine/routing-types.js';

export const MESSAGING_CHANNELS: readonly string[] = channelsOfGroup('MESSAGING');

export function findLiveContact(db: TExecutor, orgId: string, conversationId: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .where('ended_at', 'is', null)
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

export interface TLiveMessagingSession {
  conversationId: string;
  agentId: string;
  inboxId: string;
  awaitingCustomerSince: Date | null;
}

/**
 * Live contacts with an agent on messaging channels: the routing engine's TMessagingSession. `agentIds`: only these
 * agents' (the routing service's kept snapshot re-reads the agents that changed).
 */
export async function listLiveMessagingSessions(
  db: TExecutor,
  orgId: string,
  agentIds?: readonly string[],
): Promise<TLiveMessagingSession[]> {
  if (agentIds?.length === 0) return [];
  const rows = await db
    .selectFrom('contacts')
    .select(['conversation_id', 'agent_id', 'inbox_id', 'awaiting_customer_since'])
    .where('org_id', '=', orgId)
    .where('ended_at', 'is', null)
    .where('agent_id', 'is not', null)
    .where('channel', 'in', MESSAGING_CHANNELS)
    .$if(agentIds !== undefined, (qb) => qb.where(sql<boolean>`agent_id = ANY(${[...(agentIds ?? [])]}::text[])`))
    .execute();
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    agentId: row.agent_id as string,
    inboxId: row.inbox_id,
    awaitingCustomerSince: row.awaiting_customer_since,
  }));
}
