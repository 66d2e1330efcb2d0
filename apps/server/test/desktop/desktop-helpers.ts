import { sql } from 'kysely';
import { newId } from '../../src/lib/ids.js';
import type { TTestApp } from '../helpers.js';

// Arranging the desktop tests' world: due dates, bulk timelines, emails and notes as the channels store them.

export async function setDueAt(t: TTestApp, orgId: string, conversationId: string, dueAt: Date | null) {
  await t.db
    .updateTable('conversations')
    .set({ due_at: dueAt })
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .execute();
}

/** `count` SMS items for one customer, one second apart from `start`, text "message <n>"; returns ids oldest first. */
export async function makeManyItems(
  t: TTestApp,
  orgId: string,
  options: { customerId: string; conversationId: string; count: number; start: Date },
): Promise<string[]> {
  const ids = Array.from({ length: options.count }, () => newId());
  // Every tenth pair shares a timestamp, so paging must break ties on seq.
  const rows = ids.map((id, n) => ({
    org_id: orgId,
    id,
    customer_id: options.customerId,
    conversation_id: options.conversationId,
    session_id: null,
    occurred_at: new Date(options.start.getTime() + (n % 10 === 1 ? n - 1 : n) * 1000),
    initiator_id: options.customerId,
    initiator_type: 'CUSTOMER',
    responder_id: null,
    responder_type: null,
    content_type: 'SMS',
    content: JSON.stringify({ type: 'SMS', content: `message ${n}`, from: '+14155550100', to: '+14155550199' }),
    direction: 'INBOUND' as const,
    delivery_status: null,
    redacted_at: null,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await t.db
      .insertInto('conversation_items')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return ids;
}

export async function makeItem(
  t: TTestApp,
  orgId: string,
  options: {
    customerId: string;
    conversationId: string | null;
    contentType: string;
    content: Record<string, unknown>;
    direction?: 'INBOUND' | 'OUTBOUND' | 'INTERNAL';
    at?: Date;
  },
): Promise<{ id: string }> {
  const id = newId();
  const direction = options.direction ?? 'INBOUND';
  await t.db
    .insertInto('conversation_items')
    .values({
      org_id: orgId,
      id,
      customer_id: options.customerId,
      conversation_id: options.conversationId,
      session_id: null,
      occurred_at: options.at ?? new Date(),
      initiator_id: direction === 'INBOUND' ? options.customerId : null,
      initiator_type: direction === 'INBOUND' ? 'CUSTOMER' : 'AGENT',
      responder_id: null,
      responder_type: null,
      content_type: options.contentType,
      content: JSON.stringify({ type: options.contentType, ...options.content }),
      direction,
      delivery_status: null,
      redacted_at: null,
    })
    .execute();
  return { id };
}

/** How many rows the org's items hold (sanity checks of bulk arrangements). */
export async function countItems(t: TTestApp, orgId: string, customerId: string): Promise<number> {
  const result = await sql<{ n: string }>`
    SELECT count(*) AS n FROM conversation_items WHERE org_id = ${orgId} AND customer_id = ${customerId}
  `.execute(t.db);
  return Number(result.rows[0]?.n ?? 0);
}
