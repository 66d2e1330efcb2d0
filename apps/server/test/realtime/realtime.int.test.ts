import type { TRealtimeEvent, TRole, TServerMessage } from '@hearth/shared';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appendEvent, readEventsAfter } from '../../src/events/outbox.js';
import { recordInboundMessage } from '../../src/modules/conversations/commands/record-inbound-message.js';
import { notifyUser } from '../../src/modules/routing/routing-notify.js';
import { readLastFinalPosition } from '../../src/realtime/realtime.repository.js';
import { makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestApp, createTestOrg, type TTestApp, type TTestOrg, useTestApp } from '../helpers.js';
import { signIn, type TSignedIn } from '../internal/session-helpers.js';
import { browserOf, connectSocket, realtimeUrlOf, type TTestSocket, upgradeStatus } from './realtime-helpers.js';

const t = useTestApp();
const opened: TTestSocket[] = [];

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

type TOpened = TTestSocket & {
  /** Events about things that happened after the socket opened (the hello position may lag behind the newest). */
  fresh(): TRealtimeEvent[];
};

async function open(
  o: TTestOrg,
  user: TSignedIn,
  app: TTestApp = t,
  options: { resumeFrom?: string } = {},
): Promise<TOpened> {
  const before = new Set((await readEventsAfter(t.db, o.org.id, '0', 100_000)).map((e) => e.id));
  const socket = await connectSocket(await realtimeUrlOf(app), { ...browserOf(o, user.cookie), ...options });
  opened.push(socket);
  return Object.assign(socket, { fresh: () => socket.events().filter((e) => !before.has(e.id)) });
}

/** An org with an agent who belongs to one inbox, and a second inbox they do not belong to. */
async function arrange(roles: TRole[] = ['AGENT']) {
  const o = await createTestOrg(t);
  const agent = await signIn(t, o, roles, 'Agent Smith');
  const mine = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
  const other = await makeInbox(t, o.org.id);
  let n = 0;
  /** A customer's message into an inbox, through the real inbound command (new customer, conversation, events). */
  const inbound = async (inboxId: string) => {
    n++;
    return recordInboundMessage(t.db, {
      orgId: o.org.id,
      inboxId,
      contact: { emailAddress: `customer${n}-${inboxId.slice(0, 6)}@example.com` },
      channel: 'EMAIL',
      item: { contentType: 'EMAIL', content: { subject: `Help ${n}`, content: `message ${n}` } },
      now: new Date(),
    });
  };
  return { o, agent, mine, other, inbound };
}

/** Ids of the org's events after a seq about these conversations, in outbox (xid, seq) order: delivery order. */
async function eventIdsOf(orgId: string, afterSeq: string, conversationIds: string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string; conversation_id: string | null }>`
    SELECT id, content->>'conversationId' AS conversation_id FROM outbox_events o
    WHERE org_id = ${orgId} AND o.seq > ${afterSeq}::bigint ORDER BY o.xid, o.seq`.execute(t.db);
  return rows.filter((r) => r.conversation_id && conversationIds.includes(r.conversation_id)).map((r) => r.id);
}

/** Wait until every event of the org is final (no transaction older than it still runs anywhere in the cluster). */
async function untilFinal(orgId: string): Promise<string> {
  for (let i = 0; i < 1250; i++) {
    const newest = await t.db
      .selectFrom('outbox_events')
      .select(({ fn }) => fn.max('seq').as('seq'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const final = await readLastFinalPosition(t.db, orgId);
    if (final.seq === String(newest.seq ?? '0')) return final.seq;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the outbox horizon never passed the newest event');
}

const received = (conversationId: string) => (e: { type: string; content: Record<string, unknown> }) =>
  e.type === 'CONTACT/MESSAGE_RECEIVED' && e.content.conversationId === conversationId;

// Long timeouts: delivery waits for the cluster-wide outbox horizon (see docs/REALTIME.md).
describe('GET /api/realtime', { timeout: 90_000 }, () => {
  it('says hello with the user and the newest event of the org', async () => {
    const { o, agent, mine, inbound } = await arrange();
    await inbound(mine.id);
    const newest = await untilFinal(o.org.id);
    const socket = await open(o, agent);
    expect(socket.hello).toEqual({ type: 'hello', userId: agent.user.id, lastSeq: newest });
  });

  it("pushes a message in the agent's inbox to them, and not one in another inbox", async () => {
    const { o, agent, mine, other, inbound } = await arrange();
    const socket = await open(o, agent);
    const elsewhere = await inbound(other.id);
    const theirs = await inbound(mine.id);
    const event = await socket.waitForEvent('the message in their inbox', received(theirs.conversationId));
    expect(event).toMatchObject({
      type: 'CONTACT/MESSAGE_RECEIVED',
      initiator: { type: 'CUSTOMER', id: theirs.customerId },
      content: { conversationId: theirs.conversationId, context: { assignee: { inboxId: mine.id } } },
    });
    expect(BigInt(event.seq)).toBeGreaterThan(BigInt(socket.hello.lastSeq));
    // The other inbox's events were written first, so they would have arrived before this one.
    const seen = socket.fresh();
    expect(seen.some((e) => e.content.conversationId === elsewhere.conversationId)).toBe(false);
    expect(seen.some((e) => e.content.customerId === elsewhere.customerId)).toBe(false);
    expect(seen.map((e) => e.type)).toContain('CONVERSATION/CREATED');
    expect(seen.every((e) => e.content.conversationId === theirs.conversationId)).toBe(true);
  });

  it('sends what a socket gets in one pass as one `events` frame, in outbox order, and a lone event as `event`', async () => {
    const { o, agent, mine, inbound } = await arrange();
    const socket = await open(o, agent);
    const before = await untilFinal(o.org.id);
    const message = await inbound(mine.id);
    await socket.waitForEvent('the message', received(message.conversationId));
    // One commit's events (conversation created, contact started, message received …) are read in one pass.
    const batch = socket.frames.map((f) => JSON.parse(f) as TServerMessage).find((m) => m.type === 'events');
    if (batch?.type !== 'events') throw new Error(`no events frame among ${socket.frames.length}`);
    expect(batch.events.length).toBeGreaterThan(1);
    expect(batch.events.map((e) => e.id)).toEqual(await eventIdsOf(o.org.id, before, [message.conversationId]));
    expect(batch.events.at(-1)).toMatchObject({ type: 'CONTACT/MESSAGE_RECEIVED' });

    const framesBefore = socket.frames.length;
    const note = await o.request({
      method: 'POST',
      url: `/api/v1/conversations/${message.conversationId}/notes`,
      body: { body: 'a note' },
    });
    expect(note.statusCode).toBe(201);
    await socket.waitForEvent('the note', (e) => e.type === 'CONVERSATION/NOTE_CREATED');
    const lone = socket.frames.slice(framesBefore).map((f) => JSON.parse(f) as TServerMessage);
    expect(lone).toEqual([{ type: 'event', event: expect.objectContaining({ type: 'CONVERSATION/NOTE_CREATED' }) }]);
  });

  it('routes events without an assignee (a note) by the conversation’s current inbox', async () => {
    const { o, agent, mine, other } = await arrange();
    const customer = await makeCustomer(t, o.org.id);
    const inMine = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: mine.id });
    const otherCustomer = await makeCustomer(t, o.org.id);
    const inOther = await makeConversation(t, o.org.id, { customerId: otherCustomer.id, inboxId: other.id });
    const socket = await open(o, agent);
    const note = (id: string) =>
      o.request({ method: 'POST', url: `/api/v1/conversations/${id}/notes`, body: { body: 'a note' } });
    expect((await note(inOther.id)).statusCode).toBe(201);
    expect((await note(inMine.id)).statusCode).toBe(201);
    await socket.waitForEvent('the note', (e) => e.content.conversationId === inMine.id);
    expect(socket.fresh().map((e) => [e.type, e.content.conversationId])).toEqual([
      ['CONVERSATION/NOTE_CREATED', inMine.id],
    ]);
  });

  it("never sends another org's events, not even to an administrator", async () => {
    const { o, agent, mine, inbound } = await arrange();
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const b = await arrange();
    const adminSocket = await open(o, admin);
    const agentSocket = await open(o, agent);
    const bSocket = await open(b.o, b.agent);
    const inB = await b.inbound(b.mine.id);
    await bSocket.waitForEvent('org B’s message', received(inB.conversationId));
    const inA = await inbound(mine.id);
    await agentSocket.waitForEvent('org A’s message (agent)', received(inA.conversationId));
    await adminSocket.waitForEvent('org A’s message (admin)', received(inA.conversationId));
    for (const socket of [adminSocket, agentSocket]) {
      expect(socket.events().some((e) => e.content.customerId === inB.customerId)).toBe(false);
    }
    // The administrator sees the whole org, the new customer's profile included.
    expect(adminSocket.events().map((e) => e.type)).toContain('CUSTOMER_PROFILE/CREATED');
    expect(agentSocket.events().map((e) => e.type)).not.toContain('CUSTOMER_PROFILE/CREATED');
  });

  it('sends the events of a conversation and a customer the socket views, outside its inboxes', async () => {
    const { o, agent, mine, other, inbound } = await arrange();
    const first = await inbound(other.id);
    const socket = await open(o, agent);
    socket.send({ type: 'view', conversationIds: [first.conversationId], customerIds: [first.customerId] });
    await socket.roundTrip();
    const renamed = await o.request({
      method: 'PATCH',
      url: `/api/v1/customer-profiles/${first.customerId}`,
      body: { name: 'Renamed Customer' },
    });
    expect(renamed.statusCode).toBe(204);
    await o.request({
      method: 'POST',
      url: `/api/v1/conversations/${first.conversationId}/notes`,
      body: { body: 'viewed' },
    });
    await socket.waitForEvent('the viewed conversation’s note', (e) => e.type === 'CONVERSATION/NOTE_CREATED');
    expect(socket.fresh().map((e) => e.type)).toEqual(['CUSTOMER_PROFILE/UPDATED', 'CONVERSATION/NOTE_CREATED']);

    // Viewing something else replaces the list.
    socket.send({ type: 'view', conversationIds: [], customerIds: [] });
    await socket.roundTrip();
    await o.request({
      method: 'POST',
      url: `/api/v1/conversations/${first.conversationId}/notes`,
      body: { body: 'not viewed any more' },
    });
    const sentinel = await inbound(mine.id);
    await socket.waitForEvent('the sentinel', received(sentinel.conversationId));
    expect(socket.fresh().filter((e) => e.type === 'CONVERSATION/NOTE_CREATED')).toHaveLength(1);
  });

  it('sends an assignment to the agent it names and to both inboxes, and learns the new inbox', async () => {
    const { o, agent, mine, other, inbound } = await arrange();
    const watcher = await signIn(t, o, ['AGENT']);
    await t.db
      .insertInto('inbox_members')
      .values({ org_id: o.org.id, inbox_id: other.id, user_id: watcher.user.id })
      .execute();
    const conversation = await inbound(mine.id);
    const agentSocket = await open(o, agent);
    const watcherSocket = await open(o, watcher);
    const moved = await o.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${conversation.conversationId}`,
      body: { assignee: { inboxId: other.id } },
    });
    expect(moved.statusCode).toBe(204);
    for (const socket of [agentSocket, watcherSocket]) {
      await socket.waitForEvent('the reassignment', (e) => e.type === 'CONVERSATION_ASSIGNEE/UPDATED');
    }
    // A note carries no assignee: it goes by the conversation's inbox now, the watcher's.
    await o.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.conversationId}/notes`,
      body: { body: 'moved' },
    });
    await watcherSocket.waitForEvent('the note', (e) => e.type === 'CONVERSATION/NOTE_CREATED');
    const sentinel = await inbound(mine.id);
    await agentSocket.waitForEvent('the sentinel', received(sentinel.conversationId));
    expect(agentSocket.events().map((e) => e.type)).not.toContain('CONVERSATION/NOTE_CREATED');
  });

  it('sends every event to every open socket of the user', async () => {
    const { o, agent, mine, inbound } = await arrange();
    const tab1 = await open(o, agent);
    const tab2 = await open(o, agent);
    const message = await inbound(mine.id);
    for (const tab of [tab1, tab2]) await tab.waitForEvent('the message', received(message.conversationId));
    const about = (tab: TOpened) =>
      tab
        .fresh()
        .filter((e) => e.content.conversationId === message.conversationId)
        .map((e) => e.id);
    expect(about(tab1).length).toBeGreaterThanOrEqual(2);
    expect(about(tab1)).toEqual(about(tab2));
  });

  it('replays exactly the missed events on resume, in order and once, then continues live', async () => {
    const { o, agent, mine, other, inbound } = await arrange();
    const first = await open(o, agent);
    const seen = await inbound(mine.id);
    const last = await first.waitForEvent('the first message', received(seen.conversationId));
    await first.close();

    const missed1 = await inbound(mine.id);
    await inbound(other.id);
    const missed2 = await inbound(mine.id);
    const expected = await eventIdsOf(o.org.id, last.seq, [missed1.conversationId, missed2.conversationId]);
    expect(expected.length).toBeGreaterThanOrEqual(4);

    const second = await open(o, agent, t, { resumeFrom: last.seq });
    const resumed = await second.waitFor('resumed', (m) => m.type === 'resumed');
    expect(resumed).toMatchObject({ type: 'resumed', complete: true });
    // The replay stops at the outbox horizon: while another transaction on the server is still open, the newest of
    // the missed events follow live right after `resumed`. Either way they arrive all, in order, once.
    await expect.poll(() => second.events().length, { timeout: 25_000 }).toBeGreaterThanOrEqual(expected.length);
    expect(second.events().map((e) => e.id)).toEqual(expected);

    // Live again: the next event arrives once, after the replay.
    const live = await inbound(mine.id);
    await second.waitForEvent('the live message', received(live.conversationId));
    // A second resume from the same point sends nothing twice.
    second.send({ type: 'resume', afterSeq: last.seq });
    const from = second.messages.length;
    await second.waitFor('the second resumed', (m) => m.type === 'resumed', from);
    const ids = second.events().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const liveIds = await eventIdsOf(o.org.id, last.seq, [live.conversationId]);
    expect(ids).toEqual([...expected, ...liveIds]);
  });

  it('sends `resumed` after every event it replayed, even when they leave batched in one frame', async () => {
    const { o, agent, mine, inbound } = await arrange();
    const first = await open(o, agent);
    const seen = await inbound(mine.id);
    const last = await first.waitForEvent('the first message', received(seen.conversationId));
    await first.close();
    const missed = await inbound(mine.id);
    const expected = await eventIdsOf(o.org.id, last.seq, [missed.conversationId]);
    // Once final, the missed events are all in the replay (none can follow live).
    await untilFinal(o.org.id);

    const second = await open(o, agent, t, { resumeFrom: last.seq });
    const resumed = await second.waitFor('resumed', (m) => m.type === 'resumed');
    const beforeResumed = second.messages.slice(0, second.messages.indexOf(resumed));
    expect(beforeResumed.flatMap((m) => (m.type === 'event' ? [m.event.id] : []))).toEqual(expected);
  });

  it('loses nothing published while a resume replays', async () => {
    const { o, agent, mine, inbound } = await arrange();
    const start = await open(o, agent);
    const from = start.hello.lastSeq;
    await start.close();
    const before = await inbound(mine.id);
    const socket = await open(o, agent, t, { resumeFrom: from });
    const during = await Promise.all([inbound(mine.id), inbound(mine.id)]);
    await socket.waitFor('resumed', (m) => m.type === 'resumed');
    for (const m of [before, ...during]) await socket.waitForEvent('each message', received(m.conversationId));
    const all = socket.events().map((e) => e.id);
    expect(new Set(all).size).toBe(all.length);
    const conversationIds = [before, ...during].map((m) => m.conversationId);
    const ids = socket
      .events()
      .filter((e) => conversationIds.includes(e.content.conversationId as string))
      .map((e) => e.id);
    expect(ids).toEqual(await eventIdsOf(o.org.id, from, conversationIds));
  });

  it('tells the client to refetch when more than 1,000 events were missed', async () => {
    const { o, agent, mine } = await arrange(['TEAM_MANAGER']);
    const socket = await open(o, agent);
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1001; i++) {
        await appendEvent(trx, o.org.id, {
          type: 'CONVERSATION_STATUS/UPDATED',
          initiator: { id: '', type: 'SYSTEM' },
          content: { conversationId: `c${i}`, customerId: 'x', context: { assignee: { inboxId: mine.id } } },
        });
      }
    });
    // Once the first socket has them all they are final, so a replay sees all of them.
    await socket.waitForEvent('the last of them', (e) => e.content.conversationId === 'c1000');
    const other = await open(o, agent, t, { resumeFrom: socket.hello.lastSeq });
    const resumed = await other.waitFor('resumed', (m) => m.type === 'resumed');
    expect(resumed).toMatchObject({ complete: false });
    expect(other.events()).toHaveLength(1000);
    expect(BigInt((resumed as { lastSeq: string }).lastSeq)).toBeGreaterThanOrEqual(
      BigInt(other.events().at(-1)?.seq ?? '0'),
    );
  });

  it('sends a user notification to every socket of that user only, and answers pings', async () => {
    const { o, agent } = await arrange();
    const colleague = await signIn(t, o, ['AGENT']);
    const mine1 = await open(o, agent);
    const mine2 = await open(o, agent);
    const theirs = await open(o, colleague);
    const presence: TServerMessage = { type: 'presence', userId: agent.user.id };
    await notifyUser(t.db, o.org.id, agent.user.id, presence);
    await notifyUser(t.db, o.org.id, colleague.user.id, { type: 'presence', userId: colleague.user.id });
    for (const s of [mine1, mine2]) await s.waitFor('the presence message', (m) => m.type === 'presence');
    await theirs.waitFor('their own presence message', (m) => m.type === 'presence');
    expect(mine1.messages.filter((m) => m.type === 'presence')).toEqual([presence]);
    expect(theirs.messages.filter((m) => m.type === 'presence')).toEqual([
      { type: 'presence', userId: colleague.user.id },
    ]);
    await mine1.roundTrip();
  });

  it('fans out across processes: a write through one app reaches a socket on another', async () => {
    const second = await createTestApp();
    try {
      const { o, agent, mine } = await arrange();
      const socket = await open(o, agent, second);
      const customer = await makeCustomer(t, o.org.id);
      const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: mine.id });
      const res = await o.request({
        method: 'PATCH',
        url: `/api/v1/conversations/${conversation.id}`,
        body: { status: { value: 'CLOSED' } },
      });
      expect(res.statusCode).toBe(204);
      const event = await socket.waitForEvent('the close', (e) => e.type === 'CONVERSATION/CLOSED');
      expect(event.content.conversationId).toBe(conversation.id);
      await socket.close();
    } finally {
      await second.app.close();
    }
  });

  it('refuses upgrades without a session, with a bad one, from another site or for another org', async () => {
    const { o, agent } = await arrange();
    const b = await createTestOrg(t);
    const url = await realtimeUrlOf(t);
    expect(await upgradeStatus(url, { host: o.host })).toBe(401);
    expect(await upgradeStatus(url, { host: o.host, cookie: 'hearth_session=forged' })).toBe(401);
    expect(await upgradeStatus(url, { host: b.host, cookie: agent.cookie })).toBe(401);
    expect(await upgradeStatus(url, { host: o.host, cookie: agent.cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { host: o.host, cookie: agent.cookie, origin: `http://${b.host}` })).toBe(403);
    expect(await upgradeStatus(url, { host: o.host, cookie: agent.cookie })).toBe(101);
    // Non-browser clients send no Origin; they cannot be a hijacked page.
    expect(await upgradeStatus(url, { host: o.host, cookie: agent.cookie, origin: null })).toBe(101);
  });
});
