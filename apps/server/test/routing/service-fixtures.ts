import { beforeEach } from 'vitest';
import { recordInboundContact } from '../../src/modules/contacts/contact-lifecycle.js';
import type { TChannelGroup } from '../../src/modules/routing/engine/routing-types.js';
import { makeConversation, makeCustomer, makeInboundItem, makeInbox } from '../factories.js';
import { createTestOrg, type TTestApp, type TTestOrg } from '../helpers.js';

// Arranging the routing service's world: logged-in agents with presence, queued conversations with a live contact,
// open tasks, and routing settings.

export interface TAgentOptions {
  inboxIds: string[];
  available?: TChannelGroup[];
  standard?: number;
  maximum?: number;
  nextRequests?: number;
  autoPush?: boolean;
  focus?: boolean;
  password?: string;
  name?: string;
}

export async function makeAgent(
  t: TTestApp,
  o: TTestOrg,
  options: TAgentOptions,
): Promise<{ id: string; email: string }> {
  const { user } = await o.addUser(['AGENT'], {
    ...(options.password ? { password: options.password } : {}),
    ...(options.name ? { name: options.name } : {}),
  });
  for (const inboxId of options.inboxIds) {
    await t.db.insertInto('inbox_members').values({ org_id: o.org.id, inbox_id: inboxId, user_id: user.id }).execute();
  }
  await t.db
    .insertInto('agent_presence')
    .values({
      org_id: o.org.id,
      user_id: user.id,
      logged_in: true,
      logged_in_at: t.ctx.now(),
      status: 'ACTIVE',
      available_for: options.available ?? ['VOICE', 'MESSAGING', 'MAIL', 'TASK'],
      focus_mode: options.focus ?? false,
      messaging_capacity_standard: options.standard ?? 3,
      messaging_capacity_maximum: options.maximum ?? 5,
      next_requests: options.nextRequests ?? 0,
      mail_task_auto_push_pending: options.autoPush ?? false,
    })
    .execute();
  return { id: user.id, email: user.email };
}

export interface TRoutingWorld {
  o: TTestOrg;
  inboxId: string;
}

/**
 * Before each test: the clock at `at`, a fresh org and one routing inbox. The returned object is refilled before each
 * test, so read it inside the test (`const { o, inboxId } = world;`), not at file level.
 */
export function useRoutingWorld(t: TTestApp, at: Date): TRoutingWorld {
  const world = {} as TRoutingWorld;
  beforeEach(async () => {
    t.clock.set(at);
    world.o = await createTestOrg(t);
    world.inboxId = (await makeRoutingInbox(t, world.o.org.id)).id;
  });
  return world;
}

export async function makeRoutingInbox(t: TTestApp, orgId: string, name?: string) {
  return makeInbox(t, orgId, { slaMinutes: 60, ...(name ? { name } : {}) });
}

/** A conversation whose customer just wrote on `channel`, queued in the inbox with its live contact. */
export async function makeQueued(
  t: TTestApp,
  orgId: string,
  options: { inboxId: string; channel?: string; at?: Date; customerName?: string },
): Promise<{ id: string; customerId: string }> {
  const at = options.at ?? t.ctx.now();
  const customer = await makeCustomer(t, orgId, { name: options.customerName ?? 'Pat Customer' });
  const conversation = await makeConversation(t, orgId, {
    customerId: customer.id,
    inboxId: options.inboxId,
    customerWaiting: true,
  });
  await t.db
    .updateTable('conversations')
    .set({ customer_waiting_since: at })
    .where('org_id', '=', orgId)
    .where('id', '=', conversation.id)
    .execute();
  const channel = options.channel ?? 'SMS';
  const item = await makeInboundItem(t, orgId, {
    customerId: customer.id,
    conversationId: conversation.id,
    contentType: channel === 'EMAIL' ? 'EMAIL' : channel === 'CHAT' ? 'CHAT_MESSAGE' : 'SMS',
    content: { content: 'Where is my order?' },
    at,
  });
  await t.db.transaction().execute((trx) =>
    recordInboundContact(trx, null, {
      orgId,
      conversationId: conversation.id,
      customerId: customer.id,
      inboxId: options.inboxId,
      channel,
      itemId: item.id,
      at,
      initiator: { id: customer.id, type: 'CUSTOMER' },
    }),
  );
  return { id: conversation.id, customerId: customer.id };
}

export async function makeOpenTask(
  t: TTestApp,
  orgId: string,
  options: { inboxId: string; dueAt: Date },
): Promise<{ id: string; customerId: string }> {
  const customer = await makeCustomer(t, orgId);
  const id = `task-${Math.random().toString(36).slice(2, 10)}`;
  await t.db
    .insertInto('tasks')
    .values({
      org_id: orgId,
      id,
      customer_id: customer.id,
      inbox_id: options.inboxId,
      agent_id: null,
      body: 'Call the customer back',
      due_at: options.dueAt,
      status: 'OPEN',
      created_by_id: null,
      created_by_type: 'API',
      closed_at: null,
    })
    .execute();
  return { id, customerId: customer.id };
}

export async function setRoutingDefaults(t: TTestApp, orgId: string, defaults: Record<string, unknown>): Promise<void> {
  await t.db
    .insertInto('routing_settings')
    .values({ org_id: orgId, defaults: JSON.stringify(defaults) })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ defaults: JSON.stringify(defaults) }))
    .execute();
}

export function offersOf(t: TTestApp, orgId: string) {
  return t.db
    .selectFrom('routing_offers')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('offered_at')
    .orderBy('id')
    .execute();
}

export async function presenceOf(t: TTestApp, orgId: string, userId: string) {
  return t.db
    .selectFrom('agent_presence')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function conversationRow(t: TTestApp, orgId: string, id: string) {
  return t.db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
