import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TTransaction } from '../../src/db/database.js';
import { newId } from '../../src/lib/ids.js';
import {
  createRoutingQueue,
  refreshRoutingQueue,
  type TRoutingQueue,
} from '../../src/modules/routing/routing-queue.js';
import { createOrgRouting, runRouting } from '../../src/modules/routing/routing-service.js';
import { makeCustomer, makeInboundItem, makeTopic } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { countingStatements } from '../statement-counter.js';
import { makeAgent, makeOpenTask, makeQueued, makeRoutingInbox, useRoutingWorld } from './service-fixtures.js';

// The routing queue kept between runs (routing-queue.ts): after any change, by any writer, the kept queue re-read
// from the change journal (migration 0010's triggers) equals the queue read whole.

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const world = useRoutingWorld(t, T0);

interface TCaseWorld {
  orgId: string;
  agentId: string;
  otherInboxId: string;
  sms: { id: string; customerId: string };
  email: { id: string; customerId: string };
  task: { id: string; customerId: string };
}

const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function setConversation(w: TCaseWorld, id: string, values: Record<string, unknown>) {
  await t.db.updateTable('conversations').set(values).where('org_id', '=', w.orgId).where('id', '=', id).execute();
}

async function addNote(w: TCaseWorld, at: Date) {
  await makeInboundItem(t, w.orgId, {
    customerId: w.sms.customerId,
    conversationId: w.sms.id,
    contentType: 'CONVERSATION_NOTE',
    at,
  });
}

async function addTopic(w: TCaseWorld) {
  const topic = await makeTopic(t, w.orgId, { name: 'Returns' });
  await t.db
    .insertInto('conversation_topics')
    .values({ org_id: w.orgId, conversation_id: w.sms.id, topic_id: topic.id })
    .execute();
}

async function rejectOffer(w: TCaseWorld, status: 'DECLINED' | 'MISSED') {
  const id = newId();
  await t.db
    .insertInto('routing_offers')
    .values({
      org_id: w.orgId,
      id,
      item_kind: 'CONVERSATION',
      item_id: w.sms.id,
      contact_id: null,
      agent_id: w.agentId,
      channel_group: 'MESSAGING',
      offered_at: T0,
      expires_at: later(45),
      declinable: true,
      status: 'PENDING',
    })
    .execute();
  await t.db
    .updateTable('routing_offers')
    .set({ status, resolved_at: t.ctx.now() })
    .where('org_id', '=', w.orgId)
    .where('id', '=', id)
    .execute();
}

const setTask = (w: TCaseWorld, values: Record<string, unknown>) =>
  t.db.updateTable('tasks').set(values).where('org_id', '=', w.orgId).where('id', '=', w.task.id).execute();

const setLiveContact = (w: TCaseWorld, values: Record<string, unknown>) =>
  t.db
    .updateTable('contacts')
    .set(values)
    .where('org_id', '=', w.orgId)
    .where('conversation_id', '=', w.sms.id)
    .where('ended_at', 'is', null)
    .execute();

interface TCase {
  name: string;
  /** Arranged before the kept queue's first (whole) read. */
  before?: (w: TCaseWorld) => Promise<unknown>;
  change: (w: TCaseWorld) => Promise<unknown>;
}

const CASES: TCase[] = [
  { name: 'a new conversation is queued', change: (w) => makeQueued(t, w.orgId, { inboxId: world.inboxId }) },
  { name: 'a conversation is assigned', change: (w) => setConversation(w, w.sms.id, { agent_id: w.agentId }) },
  { name: 'a conversation is closed', change: (w) => setConversation(w, w.sms.id, { status: 'CLOSED' }) },
  {
    name: 'a closed conversation is reopened with its customer waiting',
    before: (w) => setConversation(w, w.sms.id, { status: 'CLOSED' }),
    change: (w) => setConversation(w, w.sms.id, { status: 'OPEN' }),
  },
  {
    name: 'No Reply Needed clears the wait',
    change: (w) => setConversation(w, w.email.id, { customer_waiting_since: null }),
  },
  { name: 'the due date moves', change: (w) => setConversation(w, w.sms.id, { due_at: later(600) }) },
  {
    name: 'a transfer to another inbox',
    change: (w) => setConversation(w, w.sms.id, { inbox_id: w.otherInboxId, transferred: true }),
  },
  { name: 'a note becomes the newest item', change: (w) => addNote(w, later(5)) },
  {
    name: 'a customer message follows the note (the conversation row untouched)',
    before: (w) => addNote(w, later(5)),
    change: (w) =>
      makeInboundItem(t, w.orgId, { customerId: w.sms.customerId, conversationId: w.sms.id, at: later(10) }),
  },
  {
    name: 'the newest note is deleted',
    before: (w) => addNote(w, later(5)),
    change: (w) =>
      t.db
        .deleteFrom('conversation_items')
        .where('org_id', '=', w.orgId)
        .where('conversation_id', '=', w.sms.id)
        .where('content_type', '=', 'CONVERSATION_NOTE')
        .execute(),
  },
  { name: 'a topic is added', change: addTopic },
  {
    name: 'a topic is removed',
    before: addTopic,
    change: (w) => t.db.deleteFrom('conversation_topics').where('org_id', '=', w.orgId).execute(),
  },
  {
    name: 'the customer’s attributes change (its conversation and its task)',
    before: (w) =>
      t.db.updateTable('tasks').set({ customer_id: w.sms.customerId }).where('id', '=', w.task.id).execute(),
    change: (w) =>
      t.db
        .updateTable('customers')
        .set({ custom_attributes: JSON.stringify({ tier: 'gold' }) })
        .where('org_id', '=', w.orgId)
        .where('id', '=', w.sms.customerId)
        .execute(),
  },
  {
    name: 'a conversation moves to another customer (a merge)',
    change: async (w) => {
      const other = await makeCustomer(t, w.orgId, { name: 'Other' });
      await t.db
        .updateTable('customers')
        .set({ custom_attributes: JSON.stringify({ tier: 'silver' }) })
        .where('id', '=', other.id)
        .execute();
      await setConversation(w, w.sms.id, { customer_id: other.id });
    },
  },
  { name: 'a task is created', change: (w) => makeOpenTask(t, w.orgId, { inboxId: world.inboxId, dueAt: later(60) }) },
  { name: 'a task is assigned', change: (w) => setTask(w, { agent_id: w.agentId }) },
  { name: 'a task is closed', change: (w) => setTask(w, { status: 'CLOSED' }) },
  { name: 'a task is deleted', change: (w) => t.db.deleteFrom('tasks').where('id', '=', w.task.id).execute() },
  { name: 'an agent declines an offer', change: (w) => rejectOffer(w, 'DECLINED') },
  { name: 'an agent misses an offer', change: (w) => rejectOffer(w, 'MISSED') },
  {
    name: 'the live contact’s channel stands in for a conversation without one',
    before: (w) => setConversation(w, w.sms.id, { channel: null }),
    change: (w) => setLiveContact(w, { channel: 'EMAIL' }),
  },
  {
    name: 'the live contact ends (the conversation has no channel of its own)',
    before: (w) => setConversation(w, w.sms.id, { channel: null }),
    change: (w) => setLiveContact(w, { ended_at: later(1) }),
  },
  {
    name: 'a conversation is deleted',
    change: (w) => t.db.deleteFrom('conversations').where('org_id', '=', w.orgId).where('id', '=', w.sms.id).execute(),
  },
];

async function arrange(): Promise<TCaseWorld> {
  const { o, inboxId } = world;
  const agent = await makeAgent(t, o, { inboxIds: [inboxId] });
  return {
    orgId: o.org.id,
    agentId: agent.id,
    otherInboxId: (await makeRoutingInbox(t, o.org.id, 'Other inbox')).id,
    sms: await makeQueued(t, o.org.id, { inboxId, customerName: 'Sam' }),
    email: await makeQueued(t, o.org.id, { inboxId, channel: 'EMAIL', customerName: 'Eve' }),
    task: await makeOpenTask(t, o.org.id, { inboxId, dueAt: later(3600) }),
  };
}

/** The queue's items, in id order. */
const itemsOf = (queue: TRoutingQueue) => [...queue.items.values()].sort((a, b) => a.id.localeCompare(b.id));

async function wholeRead(orgId: string) {
  const queue = createRoutingQueue();
  await refreshRoutingQueue(t.db, orgId, queue, t.ctx.now(), 30);
  return itemsOf(queue);
}

describe('the routing queue kept between runs', () => {
  let w: TCaseWorld;
  beforeEach(async () => {
    w = await arrange();
  });

  it.each(CASES)('$name: the kept queue equals a whole read', async ({ before, change }) => {
    await before?.(w);
    const kept = createRoutingQueue();
    expect(await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30)).toEqual({ whole: true, changes: 0 });
    const was = itemsOf(kept);

    await change(w);
    const read = await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);

    expect(read.whole).toBe(false);
    expect(read.changes).toBeGreaterThan(0);
    const whole = await wholeRead(w.orgId);
    expect(whole).not.toEqual(was); // the change matters to routing
    expect(itemsOf(kept)).toEqual(whole);
  });

  it('misses no change of a transaction that commits after a later one (xid order is not commit order)', async () => {
    const kept = createRoutingQueue();
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    // The first writer takes the lower transaction id and commits last.
    const first = await openWrite((trx) =>
      sql`UPDATE conversations SET agent_id = ${w.agentId} WHERE org_id = ${w.orgId} AND id = ${w.sms.id}`.execute(trx),
    );
    const second = await openWrite((trx) =>
      sql`UPDATE conversations SET agent_id = ${w.agentId} WHERE org_id = ${w.orgId} AND id = ${w.email.id}`.execute(
        trx,
      ),
    );
    await second.commit();
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    expect(kept.items.has(w.email.id)).toBe(false);
    expect(kept.items.has(w.sms.id)).toBe(true); // not committed yet

    await first.commit();
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    expect(kept.items.has(w.sms.id)).toBe(false);
    expect(itemsOf(kept)).toEqual(await wholeRead(w.orgId));
  });

  it('costs one statement when nothing changed, and keeps unchanged items as the same objects', async () => {
    const kept = createRoutingQueue();
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    const task = kept.items.get(w.task.id);
    const counted = countingStatements(t.db);
    await refreshRoutingQueue(counted.db, w.orgId, kept, t.ctx.now(), 30);
    expect(counted.count()).toBe(1); // the horizon and the journal's entries together

    await setConversation(w, w.sms.id, { due_at: later(900) });
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    expect(kept.items.get(w.task.id)).toBe(task);
  });

  it('reads whole again when an inbox’s decline grace grows past what the kept rejections were read for', async () => {
    const kept = createRoutingQueue();
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    expect((await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 10)).whole).toBe(false);
    expect((await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 60)).whole).toBe(true);
  });

  it('prunes the org’s journal below what it has read, at most every 10 s', async () => {
    const kept = createRoutingQueue();
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    await setConversation(w, w.sms.id, { due_at: later(900) });
    const below = async () => {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM routing_changes
        WHERE org_id = ${w.orgId} AND xid < ${(kept.cursor as bigint).toString()}::xid8`.execute(t.db);
      return rows[0]?.n;
    };
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    expect(await below()).toBeGreaterThan(0); // read, not yet pruned

    t.clock.advance(10_000);
    await refreshRoutingQueue(t.db, w.orgId, kept, t.ctx.now(), 30);
    expect(await below()).toBe(0);
  });

  it('lets the service’s runs read only changes: a new agent is offered work without a whole read', async () => {
    const kept = createOrgRouting();
    const first = await runRouting(t.ctx, w.orgId, kept);
    expect(first.queueRead.whole).toBe(true);
    expect(first.applied.filter((d) => d.type === 'OFFER')).toHaveLength(1);

    const idle = await runRouting(t.ctx, w.orgId, kept);
    expect(idle.queueRead).toEqual({ whole: false, changes: 0 });
    expect(idle.applied).toEqual([]);

    // Mail & tasks are left: an agent who just became available gets one pushed.
    await makeAgent(t, world.o, { inboxIds: [world.inboxId], autoPush: true });
    const next = await runRouting(t.ctx, w.orgId, kept);
    expect(next.queueRead.whole).toBe(false);
    expect(next.applied.filter((d) => d.type === 'OFFER')).toHaveLength(1);
  });
});

/** A transaction that has written (and so holds its transaction id) and commits when told. */
async function openWrite(work: (trx: TTransaction) => Promise<unknown>): Promise<{ commit(): Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let wrote!: () => void;
  const written = new Promise<void>((resolve) => {
    wrote = resolve;
  });
  const done = t.db.transaction().execute(async (trx) => {
    await work(trx);
    wrote();
    await gate;
  });
  await written;
  return {
    commit: async () => {
      release();
      await done;
    },
  };
}
