import type { TInitiator } from '@hearth/shared';
import { sql } from 'kysely';
import type { TAppContext } from '../../../app-context.js';
import { appendStatusUpdated } from '../../conversations/commands/conversation-timeline.js';
import { endContact } from '../contact-lifecycle.js';
import { lockConversation, updateConversationState } from '../contacts.repository.js';

const SYSTEM: TInitiator = { id: '', type: 'SYSTEM' };
const BATCH = 200;

/**
 * Same-agent assignment time limit for email (product spec 2.2): an email conversation the agent replied to stays
 * OPEN with the agent until routing_settings.same_agent_time_limit_minutes (default 1440) pass after the agent's last
 * reply without a customer reply; then it goes WAITING (keeping its agent) and the live contact ends
 * CUSTOMER_NO_REPLY, status ANSWERED. Returns the conversations moved; `orgId` limits the sweep to one org.
 */
export async function expireSameAgentHolds(
  ctx: TAppContext,
  now: Date,
  options: { orgId?: string } = {},
): Promise<number> {
  let moved = 0;
  for (;;) {
    const due = await findExpiredHolds(ctx, now, options.orgId);
    for (const row of due) {
      if (await expireOne(ctx, row.org_id, row.id, row.limit_minutes, now)) moved++;
    }
    if (due.length < BATCH) return moved;
  }
}

async function findExpiredHolds(ctx: TAppContext, now: Date, orgId: string | undefined) {
  const result = await sql<{ org_id: string; id: string; limit_minutes: number }>`
    SELECT c.org_id, c.id, coalesce(rs.same_agent_time_limit_minutes, 1440) AS limit_minutes
    FROM conversations c
    LEFT JOIN routing_settings rs ON rs.org_id = c.org_id
    WHERE ${orgId === undefined ? sql`true` : sql`c.org_id = ${orgId}`} AND c.status = 'OPEN' AND c.agent_id IS NOT NULL AND c.customer_waiting_since IS NULL AND c.channel = 'EMAIL'
      AND (SELECT max(i.occurred_at) FROM conversation_items i
           WHERE i.org_id = c.org_id AND i.conversation_id = c.id AND i.direction = 'OUTBOUND')
          <= ${now}::timestamptz - make_interval(mins => coalesce(rs.same_agent_time_limit_minutes, 1440))
    ORDER BY c.org_id, c.id
    LIMIT ${BATCH}`.execute(ctx.db);
  return result.rows;
}

/** Re-checked under the row lock: a customer reply or a reassignment that raced the sweep wins. */
async function expireOne(
  ctx: TAppContext,
  orgId: string,
  conversationId: string,
  limitMinutes: number,
  now: Date,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lockConversation(trx, orgId, conversationId);
    if (before?.status !== 'OPEN' || !before.agent_id || before.customer_waiting_since) return false;
    const last = await trx
      .selectFrom('conversation_items')
      .select((eb) => eb.fn.max('occurred_at').as('at'))
      .where('org_id', '=', orgId)
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'OUTBOUND')
      .executeTakeFirst();
    const lastReplyAt = last?.at ? new Date(last.at).getTime() : null;
    if (lastReplyAt === null || now.getTime() - lastReplyAt < limitMinutes * 60_000) return false;
    const after = await updateConversationState(trx, orgId, conversationId, { status: 'WAITING', updated_at: now });
    await appendStatusUpdated(trx, after, SYSTEM, now);
    await endContact(trx, {
      orgId,
      conversationId,
      reason: 'CUSTOMER_NO_REPLY',
      status: 'ANSWERED',
      at: now,
      initiator: SYSTEM,
      before,
    });
    return true;
  });
}
