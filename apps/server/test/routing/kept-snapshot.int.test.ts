import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TTransaction } from '../../src/db/database.js';
import { newId } from '../../src/lib/ids.js';
import {
  createKeptSnapshot,
  refreshKeptSnapshot,
  type TKeptSnapshot,
} from '../../src/modules/routing/kept-snapshot.js';
import { createOrgRouting, runRouting } from '../../src/modules/routing/routing-service.js';
import { loadRoutingSnapshot } from '../../src/modules/routing/snapshot.js';
import { makeCustomer, makeInboundItem, makeTopic } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { countingStatements } from '../statement-counter.js';
import { makeAgent, makeOpenTask, makeQueued, makeRoutingInbox, useRoutingWorld } from './service-fixtures.js';

// The routing snapshot kept between runs (kept-snapshot.ts): after any change, by any writer, the kept agents and
// queue, re-read from the change journal (the triggers of migrations 0010 and 0011), equal a snapshot read whole.

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

/** A pending offer of the SMS conversation to the agent; its id. */
async function offerSms(w: TCaseWorld): Promise<string> {
  const id = `offer-${newId()}`;
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
      resolved_at: null,
      match_reasons: JSON.stringify([]),
    })
    .execute();
  return id;
}

const resolveOffers = (w: TCaseWorld, status: 'ACCEPTED' | 'DECLINED' | 'MISSED') =>
  t.db
    .updateTable('routing_offers')
    .set({ status, resolved_at: t.ctx.now() })
    .where('org_id', '=', w.orgId)
    .where('status', '=', 'PENDING')
    .execute();

async function rejectOffer(w: TCaseWorld, status: 'DECLINED' | 'MISSED') {
  await offerSms(w);
  await resolveOffers(w, status);
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

const setPresence = (w: TCaseWorld, values: Record<string, unknown>) =>
  t.db
    .updateTable('agent_presence')
    .set(values)
    .where('org_id', '=', w.orgId)
    .where('user_id', '=', w.agentId)
    .execute();

/** The agent takes the SMS conversation's live contact (an accept, as plain writes). */
async function takeSms(w: TCaseWorld) {
  await setConversation(w, w.sms.id, { agent_id: w.agentId });
  await setLiveContact(w, { agent_id: w.agentId, status: 'ACTIVE' });
}

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
  // The agents' side (migration 0011).
  { name: 'an agent logs out', change: (w) => setPresence(w, { logged_in: false }) },
  { name: 'an agent goes Away', change: (w) => setPresence(w, { status: 'AWAY' }) },
  { name: 'an agent’s availability changes', change: (w) => setPresence(w, { available_for: ['VOICE'] }) },
  { name: 'an agent turns focus mode on', change: (w) => setPresence(w, { focus_mode: true }) },
  { name: 'an agent’s skills change', change: (w) => setPresence(w, { skills: ['billing'] }) },
  { name: 'an agent’s messaging capacity changes', change: (w) => setPresence(w, { messaging_capacity_standard: 1 }) },
  { name: 'an agent asks for Next', change: (w) => setPresence(w, { next_requests: 1 }) },
  { name: 'an agent was last assigned work', change: (w) => setPresence(w, { last_assigned_at: later(1) }) },
  {
    name: 'an agent’s presence row is removed',
    change: (w) => t.db.deleteFrom('agent_presence').where('user_id', '=', w.agentId).execute(),
  },
  {
    name: 'an agent joins an inbox',
    change: (w) =>
      t.db
        .insertInto('inbox_members')
        .values({ org_id: w.orgId, inbox_id: w.otherInboxId, user_id: w.agentId })
        .execute(),
  },
  {
    name: 'an agent leaves an inbox',
    change: (w) =>
      t.db.deleteFrom('inbox_members').where('org_id', '=', w.orgId).where('user_id', '=', w.agentId).execute(),
  },
  {
    name: 'an inbox is disabled',
    change: (w) => t.db.updateTable('inboxes').set({ disabled: true }).where('id', '=', world.inboxId).execute(),
  },
  {
    name: 'an agent is deactivated',
    change: (w) => t.db.updateTable('users').set({ active: false }).where('id', '=', w.agentId).execute(),
  },
  {
    name: 'an agent loses the AGENT role',
    change: (w) =>
      t.db
        .updateTable('users')
        .set({ roles: ['ADMINISTRATOR'] })
        .where('id', '=', w.agentId)
        .execute(),
  },
  { name: 'a new agent', change: () => makeAgent(t, world.o, { inboxIds: [world.inboxId] }) },
  { name: 'an agent takes a messaging contact (load and session)', change: takeSms },
  {
    name: 'the agent’s session waits on the customer',
    before: takeSms,
    change: (w) => setLiveContact(w, { awaiting_customer_since: later(3) }),
  },
  { name: 'the agent’s session ends', before: takeSms, change: (w) => setLiveContact(w, { ended_at: later(3) }) },
  {
    name: 'an open mail conversation is assigned',
    change: (w) => setConversation(w, w.email.id, { agent_id: w.agentId }),
  },
  {
    name: 'the agent’s mail conversation is closed',
    before: (w) => setConversation(w, w.email.id, { agent_id: w.agentId }),
    change: (w) => setConversation(w, w.email.id, { status: 'CLOSED' }),
  },
  { name: 'a task is assigned (the agent’s load)', change: (w) => setTask(w, { agent_id: w.agentId }) },
  { name: 'an offer becomes pending', change: offerSms },
  {
    name: 'the pending offer is accepted',
    before: offerSms,
    change: (w) => resolveOffers(w, 'ACCEPTED'),
  },
  {
    name: 'an agent with a pending offer is deactivated (the offer stays known, an orphan)',
    before: offerSms,
    change: (w) => t.db.updateTable('users').set({ active: false }).where('id', '=', w.agentId).execute(),
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

const byId = <T extends { id: string }>(list: Iterable<T>) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** Everything kept, in a stable order: items, agents, sessions, pending offers. */
const viewOf = (kept: TKeptSnapshot) => ({
  items: byId(kept.queue.items.values()),
  agents: byId(kept.agents.agents.values()),
  sessions: [...kept.agents.sessions.values()].flat().sort((a, b) => a.conversationId.localeCompare(b.conversationId)),
  pending: byId(kept.agents.pending.values()),
});

let w: TCaseWorld;
const refresh = (kept: TKeptSnapshot, grace = 30, db = t.db) =>
  refreshKeptSnapshot(db, w.orgId, kept, t.ctx.now(), grace);

async function wholeRead() {
  const kept = createKeptSnapshot();
  await refresh(kept);
  return viewOf(kept);
}

describe('the routing snapshot kept between runs', () => {
  beforeEach(async () => {
    w = await arrange();
  });

  it.each(CASES)('$name: the kept snapshot equals a whole read', async ({ before, change }) => {
    await before?.(w);
    const kept = createKeptSnapshot();
    expect(await refresh(kept)).toEqual({ whole: true, changes: 0 });
    const was = viewOf(kept);

    await change(w);
    const read = await refresh(kept);

    expect(read.whole).toBe(false);
    expect(read.changes).toBeGreaterThan(0);
    const whole = await wholeRead();
    expect(whole).not.toEqual(was); // the change matters to routing
    expect(viewOf(kept)).toEqual(whole);
  });

  it('misses no change of a transaction that commits after a later one (xid order is not commit order)', async () => {
    const kept = createKeptSnapshot();
    await refresh(kept);
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
    await refresh(kept);
    expect(kept.queue.items.has(w.email.id)).toBe(false);
    expect(kept.queue.items.has(w.sms.id)).toBe(true); // not committed yet

    await first.commit();
    await refresh(kept);
    expect(kept.queue.items.has(w.sms.id)).toBe(false);
    expect(viewOf(kept)).toEqual(await wholeRead());
  });

  it('costs one statement when nothing changed, and keeps unchanged items and agents as the same objects', async () => {
    const kept = createKeptSnapshot();
    await refresh(kept);
    const task = kept.queue.items.get(w.task.id);
    const agent = kept.agents.agents.get(w.agentId);
    const counted = countingStatements(t.db);
    await refresh(kept, 30, counted.db);
    expect(counted.count()).toBe(1); // the horizon and the journal's entries together
    // A whole run's snapshot with nothing changed: settings, boosts and their names, the journal.
    const run = countingStatements(t.db);
    await loadRoutingSnapshot(run.db, w.orgId, t.ctx.now(), kept);
    expect(run.count()).toBe(4);

    await setConversation(w, w.sms.id, { due_at: later(900) });
    await refresh(kept);
    expect(kept.queue.items.get(w.task.id)).toBe(task);
    expect(kept.agents.agents.get(w.agentId)).toBe(agent);
  });

  it('takes an item outside any conversation (the customer’s timeline) without a journal entry', async () => {
    const kept = createKeptSnapshot();
    await refresh(kept);
    await t.db
      .updateTable('conversation_items')
      .set({ conversation_id: null })
      .where('org_id', '=', w.orgId)
      .where('conversation_id', '=', w.email.id)
      .execute();
    await t.db
      .deleteFrom('conversation_items')
      .where('org_id', '=', w.orgId)
      .where('conversation_id', 'is', null)
      .execute();
    await refresh(kept);
    expect(viewOf(kept)).toEqual(await wholeRead());
  });

  it('reads a failed refresh’s changes again on the next one (the cursor moves only when every read succeeded)', async () => {
    const kept = createKeptSnapshot();
    await refresh(kept);
    const cursor = kept.cursor;
    await takeSms(w);
    // The agents' read fails; the queue's succeeds.
    const failing = t.db.withPlugin({
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes('LEFT JOIN agent_presence')) throw new Error('connection lost');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    await expect(refresh(kept, 30, failing)).rejects.toThrow('connection lost');
    expect(kept.cursor).toBe(cursor);

    expect((await refresh(kept)).changes).toBeGreaterThan(0);
    expect(viewOf(kept)).toEqual(await wholeRead());
  });

  it('reads whole again when an inbox’s decline grace grows past what the kept rejections were read for', async () => {
    const kept = createKeptSnapshot();
    await refresh(kept);
    expect((await refresh(kept, 10)).whole).toBe(false);
    expect((await refresh(kept, 60)).whole).toBe(true);
  });

  it('prunes the org’s journal below what it has read, at most every 10 s', async () => {
    const kept = createKeptSnapshot();
    await refresh(kept);
    await setConversation(w, w.sms.id, { due_at: later(900) });
    const below = async () => {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM routing_changes
        WHERE org_id = ${w.orgId} AND xid < ${(kept.cursor as bigint).toString()}::xid8`.execute(t.db);
      return rows[0]?.n;
    };
    await refresh(kept);
    expect(await below()).toBeGreaterThan(0); // read, not yet pruned

    t.clock.advance(10_000);
    await refresh(kept);
    expect(await below()).toBe(0);
  });

  it('lets the service’s runs read only changes: a new agent is offered work without a whole read', async () => {
    const kept = createOrgRouting();
    const first = await runRouting(t.ctx, w.orgId, kept);
    expect(first.keptRead.whole).toBe(true);
    expect(first.applied.filter((d) => d.type === 'OFFER')).toHaveLength(1);

    // The next run reads back what the first one wrote (the offer, the agent's presence): that agent alone.
    const after = await runRouting(t.ctx, w.orgId, kept);
    expect(after.keptRead).toEqual({ whole: false, changes: 1 });
    const idle = await runRouting(t.ctx, w.orgId, kept);
    expect(idle.keptRead).toEqual({ whole: false, changes: 0 });
    expect(idle.applied).toEqual([]);

    // Mail & tasks are left: an agent who just became available gets one pushed.
    await makeAgent(t, world.o, { inboxIds: [world.inboxId], autoPush: true });
    const next = await runRouting(t.ctx, w.orgId, kept);
    expect(next.keptRead.whole).toBe(false);
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
