import { describe, expect, it } from 'vitest';
import { makeConversation, makeCustomer, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import { countItems, makeItem, makeManyItems } from './desktop-helpers.js';

const t = useTestApp();

interface TTimeline {
  customer: { id: string; name: string; emails: { original: string }[] };
  conversations: {
    id: string;
    status: string;
    uiStatus: string;
    inboxName: string;
    agentName: string | null;
    topics: { id: string; name: string }[];
    closedAt: string | null;
  }[];
  items: {
    id: string;
    timestamp: string;
    content: Record<string, unknown>;
    html?: string;
    initiator: { type: string };
  }[];
  nextCursor: string | null;
  reachableChannels: string[];
  lastUsedChannel: string | null;
}

describe('GET /api/internal/customers/:customerId/timeline', () => {
  it('pages 1,200 items newest page first, oldest → newest within a page, without duplicates or gaps', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
    const customer = await makeCustomer(t, o.org.id, { name: 'Pat Pager' });
    const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
    const ids = await makeManyItems(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      count: 1200,
      start: new Date(Date.now() - 2 * 86_400_000),
    });
    expect(await countItems(t, o.org.id, customer.id)).toBe(1200);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/internal/customers/${customer.id}/timeline?limit=500${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`;
      const res = await agent.request({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const data = res.data as TTimeline;
      const stamps = data.items.map((i) => i.timestamp);
      expect([...stamps].sort()).toEqual(stamps);
      pages.push(data.items.map((i) => i.id));
      cursor = data.nextCursor;
    } while (cursor && pages.length < 5);

    expect(pages.map((p) => p.length)).toEqual([500, 500, 200]);
    // Page 1 is the newest 500; reading pages back to front gives the whole timeline in order.
    const all = [...pages].reverse().flat();
    expect(new Set(all).size).toBe(1200);
    expect(all).toEqual(ids);

    const defaultPage = await agent.request({ method: 'GET', url: `/api/internal/customers/${customer.id}/timeline` });
    expect((defaultPage.data as TTimeline).items).toHaveLength(200);
    const tooMany = await agent.request({
      method: 'GET',
      url: `/api/internal/customers/${customer.id}/timeline?limit=1001`,
    });
    expect(tooMany.statusCode).toBe(400);
    const badCursor = await agent.request({
      method: 'GET',
      url: `/api/internal/customers/${customer.id}/timeline?before=xyz`,
    });
    expect(badCursor.statusCode).toBe(400);
  });

  it('returns the profile, the conversations with topics, and email and note HTML sanitized', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT'], 'Avery Agent');
    const inbox = await makeInbox(t, o.org.id, { name: 'Support', memberIds: [agent.user.id] });
    const customer = await makeCustomer(t, o.org.id, { name: 'Sam Sender', email: 'sam@example.com' });
    const old = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: inbox.id,
      agentId: agent.user.id,
      status: 'CLOSED',
      createdAt: new Date(Date.now() - 86_400_000),
    });
    const topic = await makeTopic(t, o.org.id, { name: 'Refunds' });
    await t.db
      .insertInto('conversation_topics')
      .values({ org_id: o.org.id, conversation_id: old.id, topic_id: topic.id })
      .execute();
    const current = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
    const hostile = [
      '<p>Hello <b>friend</b></p>',
      '<script>alert(1)</script>',
      '<style>body{display:none}</style>',
      '<img src="https://img.example.com/a.png" onerror="alert(2)">',
      '<img src="http://insecure.example.com/b.png">',
      '<img src="data:text/html;base64,PHNjcmlwdD4=">',
      '<a href="javascript:alert(3)">click</a>',
      '<a href="https://shop.example.com/order">order</a>',
      '<iframe src="https://evil.example.com"></iframe>',
      '<form action="https://evil.example.com"><input name="x"></form>',
    ].join('');
    const email = await makeItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: current.id,
      contentType: 'EMAIL',
      content: { subject: 'Help', content: 'Hello friend', body: hostile, from: 'sam@example.com', to: ['help@x.com'] },
      at: new Date(Date.now() - 3000),
    });
    const plain = await makeItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: current.id,
      contentType: 'EMAIL',
      content: { subject: 'Again', content: 'Line one <b>\nLine two', from: 'sam@example.com', to: ['help@x.com'] },
      at: new Date(Date.now() - 2000),
    });
    const note = await makeItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: current.id,
      contentType: 'CONVERSATION_NOTE',
      content: { body: '<p>Checked <a href="https://crm.example.com">CRM</a></p><script>x()</script>' },
      direction: 'INTERNAL',
      at: new Date(Date.now() - 1000),
    });

    const res = await agent.request({ method: 'GET', url: `/api/internal/customers/${customer.id}/timeline` });
    expect(res.statusCode).toBe(200);
    const data = res.data as TTimeline;
    expect(data.customer).toMatchObject({
      id: customer.id,
      name: 'Sam Sender',
      emails: [{ original: 'sam@example.com' }],
    });
    expect(data.conversations.map((c) => [c.id, c.uiStatus, c.inboxName, c.topics])).toEqual([
      [old.id, 'CLOSED', 'Support', [{ id: topic.id, name: 'Refunds' }]],
      [current.id, 'NEW', 'Support', []],
    ]);
    expect(data.items.map((i) => i.id)).toEqual([email.id, plain.id, note.id]);

    const html = data.items[0]?.html as string;
    expect(html).toContain('<p>Hello <b>friend</b></p>');
    expect(html).toContain('src="https://img.example.com/a.png"');
    expect(html).toContain('href="https://shop.example.com/order"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('>click</a>');
    for (const banned of [
      '<script',
      'alert(',
      '<style',
      'display:none',
      'onerror',
      'javascript:',
      '<iframe',
      '<form',
      'data:text',
      'http://insecure',
    ]) {
      expect(html).not.toContain(banned);
    }
    // An email without HTML is shown from its text, escaped, line breaks kept.
    expect(data.items[1]?.html).toBe('Line one &lt;b&gt;<br>Line two');
    expect(data.items[2]?.html).toContain(
      '<a href="https://crm.example.com" target="_blank" rel="noopener noreferrer">CRM</a>',
    );
    expect(data.items[2]?.html).not.toContain('<script');
    // The public item envelope is kept as the API presents it.
    expect(data.items[0]?.content).toMatchObject({ type: 'EMAIL', subject: 'Help' });
  });

  it('lists the channels the agent can reply on and the one the customer used last', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
    const customer = await makeCustomer(t, o.org.id, { email: 'kim@example.com', mobile: '+14155550123' });
    const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
    await makeItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      contentType: 'EMAIL',
      content: { subject: 'Hi', content: 'by email' },
      at: new Date(Date.now() - 5000),
    });
    await makeItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      contentType: 'CHAT_MESSAGE',
      content: { content: 'by chat' },
    });
    const res = await agent.request({ method: 'GET', url: `/api/internal/customers/${customer.id}/timeline` });
    const data = res.data as TTimeline;
    expect(data.reachableChannels).toEqual(['EMAIL', 'SMS', 'CHAT']);
    expect(data.lastUsedChannel).toBe('CHAT');

    const bare = await makeCustomer(t, o.org.id, { name: 'No Contact' });
    const none = await agent.request({ method: 'GET', url: `/api/internal/customers/${bare.id}/timeline` });
    expect((none.data as TTimeline).reachableChannels).toEqual([]);
    expect((none.data as TTimeline).lastUsedChannel).toBeNull();
  });

  it('answers 404 moved for a merged-away profile and 404 for another org’s customer', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const survivor = await makeCustomer(t, o.org.id, { name: 'Survivor' });
    const merged = await makeCustomer(t, o.org.id, { name: 'Merged' });
    await t.db
      .updateTable('customers')
      .set({ merged_into_id: survivor.id })
      .where('org_id', '=', o.org.id)
      .where('id', '=', merged.id)
      .execute();
    const moved = await agent.request({ method: 'GET', url: `/api/internal/customers/${merged.id}/timeline` });
    expect(moved.statusCode).toBe(404);
    expect(moved.data).toEqual({
      errors: [
        {
          attr: 'customerId',
          code: 'moved',
          detail: 'customer id has changed',
          meta: { old: merged.id, new: survivor.id },
        },
      ],
    });

    const elsewhere = await createTestOrg(t);
    const theirs = await makeCustomer(t, elsewhere.org.id, { name: 'Theirs' });
    const cross = await agent.request({ method: 'GET', url: `/api/internal/customers/${theirs.id}/timeline` });
    expect(cross.statusCode).toBe(404);
    expect((cross.data as { errors: { code: string }[] }).errors[0]?.code).toBe('not_exist');
  });
});
