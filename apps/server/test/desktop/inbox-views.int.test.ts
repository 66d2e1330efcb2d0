import { describe, expect, it } from 'vitest';
import { makeConversation, makeCustomer, makeInboundItem, makeInbox } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import { setDueAt } from './desktop-helpers.js';

const t = useTestApp();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface TRow {
  conversationId: string;
  customerName: string;
  uiStatus: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  preview: string;
  agentName: string | null;
  inboxName: string;
  topicIds: string[];
}

/** One inbox holding one conversation of each UI status, plus a stale closed one; the agent is a member. */
async function arrange(o: TTestOrg) {
  const agent = await signIn(t, o, ['AGENT'], 'Avery Agent');
  const other = await signIn(t, o, ['AGENT']);
  const inbox = await makeInbox(t, o.org.id, { name: 'Support', memberIds: [agent.user.id, other.user.id] });
  const foreign = await makeInbox(t, o.org.id, { name: 'Billing', memberIds: [other.user.id] });
  const now = Date.now();
  const conv = async (
    name: string,
    fields: { agentId?: string | null; status?: 'OPEN' | 'WAITING' | 'CLOSED'; closedAt?: Date; inboxId?: string },
    dueAt: Date | null,
  ) => {
    const customer = await makeCustomer(t, o.org.id, { name });
    const c = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: fields.inboxId ?? inbox.id,
      agentId: fields.agentId ?? null,
      status: fields.status ?? 'OPEN',
      closedAt: fields.closedAt,
    });
    await setDueAt(t, o.org.id, c.id, dueAt);
    return { ...c, customerId: customer.id };
  };
  const newLate = await conv('New Late', {}, new Date(now - 2 * HOUR));
  const newSoon = await conv('New Soon', {}, new Date(now + HOUR));
  const newNoDue = await conv('New NoDue', {}, null);
  const newLater = await conv('New Later', {}, new Date(now + 5 * HOUR));
  const newEarliest = await conv('New Earliest', {}, new Date(now - 5 * HOUR));
  const open = await conv('Open Mine', { agentId: agent.user.id }, new Date(now - HOUR));
  const openOther = await conv('Open Other', { agentId: other.user.id }, new Date(now + HOUR));
  const waiting = await conv('Waiting Mine', { agentId: agent.user.id, status: 'WAITING' }, null);
  const closed = await conv(
    'Closed Recent',
    { agentId: agent.user.id, status: 'CLOSED', closedAt: new Date(now - DAY) },
    null,
  );
  const closedNewer = await conv(
    'Closed Newer',
    { agentId: agent.user.id, status: 'CLOSED', closedAt: new Date(now - HOUR) },
    new Date(now - 3 * DAY),
  );
  await conv('Closed Old', { agentId: agent.user.id, status: 'CLOSED', closedAt: new Date(now - 10 * DAY) }, null);
  const inBilling = await conv('Billing New', { inboxId: foreign.id }, new Date(now - HOUR));
  // An open task of the agent counts as Open in "mine" (spec 2.2).
  await t.db
    .insertInto('tasks')
    .values({
      org_id: o.org.id,
      id: `task-${newLate.id}`,
      customer_id: newLate.customerId,
      inbox_id: inbox.id,
      agent_id: agent.user.id,
      body: 'call back',
      due_at: new Date(now - HOUR),
      status: 'OPEN',
      created_by_id: null,
      created_by_type: 'API',
    })
    .execute();
  return {
    agent,
    other,
    inbox,
    foreign,
    c: { newLate, newSoon, newNoDue, newLater, newEarliest, open, openOther, waiting, closed, closedNewer, inBilling },
  };
}

describe('GET /api/internal/inbox-views', () => {
  it('counts each UI status of the inboxes an agent belongs to, and the agent’s own work', async () => {
    const o = await createTestOrg(t);
    const { agent, inbox } = await arrange(o);
    const res = await agent.request({ method: 'GET', url: '/api/internal/inbox-views' });
    expect(res.statusCode).toBe(200);
    const data = res.data as {
      inboxes: { id: string; name: string; member: boolean; counts: Record<string, number>; overdue: number }[];
      mine: Record<string, number>;
      closedWindowDays: number;
    };
    // Only Support: the agent is not a member of Billing.
    expect(data.inboxes).toEqual([
      {
        id: inbox.id,
        name: 'Support',
        member: true,
        counts: { new: 5, open: 2, waiting: 1, closed: 2 },
        // New Late, New Earliest and Open Mine are past due; closed ones never count.
        overdue: 3,
      },
    ]);
    expect(data.closedWindowDays).toBe(7);
    // Open Mine + the open task; Waiting Mine; Open Mine and the task are overdue.
    expect(data.mine).toEqual({ open: 2, waiting: 1, overdue: 2 });
  });

  it('shows administrators every inbox, marking the ones they belong to', async () => {
    const o = await createTestOrg(t);
    const { inbox, foreign } = await arrange(o);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    await t.db
      .insertInto('inbox_members')
      .values({ org_id: o.org.id, inbox_id: inbox.id, user_id: admin.user.id })
      .execute();
    const res = await admin.request({ method: 'GET', url: '/api/internal/inbox-views' });
    expect(res.statusCode).toBe(200);
    const inboxes = (res.data as { inboxes: { id: string; member: boolean; counts: { new: number } }[] }).inboxes;
    expect(inboxes.map((i) => [i.id, i.member, i.counts.new])).toEqual([
      [foreign.id, false, 1],
      [inbox.id, true, 5],
    ]);
  });

  it('never counts another org’s conversations and needs a session', async () => {
    const o = await createTestOrg(t);
    const mine = await arrange(o);
    const elsewhere = await createTestOrg(t);
    await arrange(elsewhere);
    const res = await mine.agent.request({ method: 'GET', url: '/api/internal/inbox-views' });
    const counts = (res.data as { inboxes: { counts: Record<string, number> }[] }).inboxes.map((i) => i.counts);
    expect(counts).toEqual([{ new: 5, open: 2, waiting: 1, closed: 2 }]);
    const anonymous = await mine.agent.request({ method: 'GET', url: '/api/internal/inbox-views', cookie: null });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/internal/conversation-list', () => {
  const list = async (agent: Awaited<ReturnType<typeof arrange>>['agent'], query: string) => {
    const res = await agent.request({ method: 'GET', url: `/api/internal/conversation-list?${query}` });
    return res as typeof res & { data: { rows: TRow[]; nextCursor: string | null } };
  };

  it('shows a profile without a name by its email address, else its phone', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
    const byEmail = await makeCustomer(t, o.org.id, { name: '', email: 'Nameless@Example.com' });
    const byPhone = await makeCustomer(t, o.org.id, { name: '', mobile: '+14155550123' });
    for (const customer of [byEmail, byPhone]) {
      await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
    }
    const res = await list(agent, `inboxId=${inbox.id}&view=new`);
    expect(res.data.rows.map((r) => r.customerName).sort()).toEqual(['+14155550123', 'Nameless@Example.com']);
  });

  it('lists each view with its rows, New sorted by due date (most overdue first, no due date last)', async () => {
    const o = await createTestOrg(t);
    const { agent, inbox, c } = await arrange(o);
    const fresh = await list(agent, `inboxId=${inbox.id}&view=new`);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.data.rows.map((r) => r.customerName)).toEqual([
      'New Earliest',
      'New Late',
      'New Soon',
      'New Later',
      'New NoDue',
    ]);
    expect(fresh.data.rows.map((r) => r.overdue)).toEqual([true, true, false, false, false]);
    expect(fresh.data.rows.every((r) => r.uiStatus === 'NEW' && r.status === 'OPEN')).toBe(true);
    expect(fresh.data.rows[4]?.dueAt).toBeNull();
    expect(fresh.data.nextCursor).toBeNull();

    const open = await list(agent, `inboxId=${inbox.id}&view=open`);
    expect(open.data.rows.map((r) => [r.conversationId, r.uiStatus, r.overdue])).toEqual([
      [c.open.id, 'OPEN', true],
      [c.openOther.id, 'OPEN', false],
    ]);
    expect(open.data.rows[0]?.agentName).toBe('Avery Agent');
    expect(open.data.rows[0]?.inboxName).toBe('Support');

    const waiting = await list(agent, `inboxId=${inbox.id}&view=waiting`);
    expect(waiting.data.rows.map((r) => [r.conversationId, r.uiStatus, r.status])).toEqual([
      [c.waiting.id, 'WAITING', 'WAITING'],
    ]);

    // Closed: newest closed first, only the last 7 days, never overdue.
    const closed = await list(agent, `inboxId=${inbox.id}&view=closed`);
    expect(closed.data.rows.map((r) => [r.conversationId, r.uiStatus, r.overdue])).toEqual([
      [c.closedNewer.id, 'CLOSED', false],
      [c.closed.id, 'CLOSED', false],
    ]);
  });

  it('pages with a keyset cursor: same order, no duplicates, no gaps', async () => {
    const o = await createTestOrg(t);
    const { agent, inbox } = await arrange(o);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(
        agent,
        `inboxId=${inbox.id}&view=new&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...res.data.rows.map((r) => r.customerName));
      cursor = res.data.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['New Earliest', 'New Late', 'New Soon', 'New Later', 'New NoDue']);

    const closedPage = await list(agent, `inboxId=${inbox.id}&view=closed&limit=1`);
    expect(closedPage.data.rows.map((r) => r.customerName)).toEqual(['Closed Newer']);
    const next = await list(
      agent,
      `inboxId=${inbox.id}&view=closed&limit=1&cursor=${encodeURIComponent(closedPage.data.nextCursor as string)}`,
    );
    expect(next.data.rows.map((r) => r.customerName)).toEqual(['Closed Recent']);
    expect(next.data.nextCursor).toBeNull();

    const bad = await list(agent, `inboxId=${inbox.id}&view=new&cursor=not-a-cursor`);
    expect(bad.statusCode).toBe(400);
  });

  it('lists "mine" as the conversations assigned to the user', async () => {
    const o = await createTestOrg(t);
    const { agent, c } = await arrange(o);
    const open = await list(agent, 'inboxId=mine&view=open');
    expect(open.data.rows.map((r) => r.conversationId)).toEqual([c.open.id]);
    const waiting = await list(agent, 'inboxId=mine&view=waiting');
    expect(waiting.data.rows.map((r) => r.conversationId)).toEqual([c.waiting.id]);
    const fresh = await list(agent, 'inboxId=mine&view=new');
    expect(fresh.data.rows).toEqual([]);
  });

  it('gives a preview of the newest message as one line of at most 140 characters without HTML', async () => {
    const o = await createTestOrg(t);
    const { agent, inbox, c } = await arrange(o);
    await makeInboundItem(t, o.org.id, {
      customerId: c.newSoon.customerId,
      conversationId: c.newSoon.id,
      at: new Date(Date.now() - 60_000),
      content: { content: 'older message' },
    });
    await makeInboundItem(t, o.org.id, {
      customerId: c.newSoon.customerId,
      conversationId: c.newSoon.id,
      contentType: 'EMAIL',
      content: {
        subject: 'Order',
        content: '',
        body: `<p>Hello <b>there</b></p><p>${'long words '.repeat(30)}</p>`,
      },
    });
    const res = await list(agent, `inboxId=${inbox.id}&view=new`);
    const row = res.data.rows.find((r) => r.conversationId === c.newSoon.id) as TRow;
    expect(row.preview.length).toBeLessThanOrEqual(140);
    expect(row.preview.startsWith('Order Hello there long words')).toBe(true);
    expect(row.preview).not.toMatch(/[<>]/);
    const empty = res.data.rows.find((r) => r.conversationId === c.newLate.id) as TRow;
    expect(empty.preview).toBe('');
  });

  it('refuses an agent an inbox they do not belong to, and another org’s inbox', async () => {
    const o = await createTestOrg(t);
    const { agent, foreign } = await arrange(o);
    const denied = await list(agent, `inboxId=${foreign.id}&view=new`);
    expect(denied.statusCode).toBe(403);
    const manager = await signIn(t, o, ['TEAM_MANAGER']);
    const allowed = await manager.request({
      method: 'GET',
      url: `/api/internal/conversation-list?inboxId=${foreign.id}&view=new`,
    });
    expect(allowed.statusCode).toBe(200);
    expect((allowed.data as { rows: TRow[] }).rows.map((r) => r.customerName)).toEqual(['Billing New']);

    const elsewhere = await createTestOrg(t);
    const theirs = await arrange(elsewhere);
    const cross = await list(agent, `inboxId=${theirs.inbox.id}&view=new`);
    expect(cross.statusCode).toBe(404);
    const bad = await list(agent, `inboxId=${foreign.id}&view=everything`);
    expect(bad.statusCode).toBe(400);
  });
});
