import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import { makeItem, makeManyItems } from './desktop-helpers.js';

const t = useTestApp();

interface TSearch {
  customers: { id: string; name: string; emails: string[]; phones: string[]; matched: string }[];
  conversations: {
    itemId: string;
    conversationId: string | null;
    customerId: string;
    customerName: string;
    channel: string | null;
    snippet: string;
  }[];
}

async function arrange(o: TTestOrg) {
  const agent = await signIn(t, o, ['AGENT']);
  const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
  const customer = await makeCustomer(t, o.org.id, {
    name: 'Riley Refundson',
    email: 'Riley.R@Example.com',
    mobile: '+14155550123',
  });
  const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
  const refund = await makeItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    contentType: 'SMS',
    content: { content: 'I would like a refund for my broken kettle' },
  });
  const hostile = await makeItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    contentType: 'CHAT_MESSAGE',
    content: { content: 'My kettle says <script>alert("x")</script> & then "stops" heating' },
  });
  const email = await makeItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    contentType: 'EMAIL',
    content: { subject: 'Warranty question', content: '', body: '<p>Is the <b>toaster</b> covered?</p>' },
  });
  const note = await makeItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    contentType: 'CONVERSATION_NOTE',
    content: { body: '<p>Offered a voucher instead</p>' },
    direction: 'INTERNAL',
  });
  return { agent, customer, conversation, refund, hostile, email, note };
}

const searchAs = async (agent: Awaited<ReturnType<typeof arrange>>['agent'], q: string) => {
  const res = await agent.request({ method: 'GET', url: `/api/internal/search?q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return res.data as TSearch;
};

describe('GET /api/internal/search', () => {
  it('finds messages by stemmed words, with the customer and a highlighted snippet', async () => {
    const o = await createTestOrg(t);
    const w = await arrange(o);
    const found = await searchAs(w.agent, 'refunds');
    expect(found.conversations).toHaveLength(1);
    expect(found.conversations[0]).toMatchObject({
      itemId: w.refund.id,
      conversationId: w.conversation.id,
      customerId: w.customer.id,
      customerName: 'Riley Refundson',
      channel: 'SMS',
    });
    expect(found.conversations[0]?.snippet).toContain('<mark>refund</mark>');

    // Email text comes from the HTML body when there is no text part; subjects are searchable; notes too.
    expect((await searchAs(w.agent, 'toasters')).conversations.map((c) => c.itemId)).toEqual([w.email.id]);
    expect((await searchAs(w.agent, 'warranty')).conversations.map((c) => c.itemId)).toEqual([w.email.id]);
    const notes = await searchAs(w.agent, 'voucher');
    expect(notes.conversations.map((c) => [c.itemId, c.channel])).toEqual([[w.note.id, 'CONVERSATION_NOTE']]);
    // Both kettle messages match; websearch syntax works (quoted phrase, exclusion).
    expect((await searchAs(w.agent, 'kettle')).conversations.map((c) => c.itemId).sort()).toEqual(
      [w.refund.id, w.hostile.id].sort(),
    );
    expect((await searchAs(w.agent, 'kettle -refund')).conversations.map((c) => c.itemId)).toEqual([w.hostile.id]);
  });

  it('returns snippets that are HTML-safe: the message’s markup escaped, only <mark> left', async () => {
    const o = await createTestOrg(t);
    const w = await arrange(o);
    const found = await searchAs(w.agent, 'heating');
    expect(found.conversations.map((c) => c.itemId)).toEqual([w.hostile.id]);
    const snippet = found.conversations[0]?.snippet as string;
    expect(snippet).toContain('&lt;script&gt;');
    expect(snippet).toContain('&amp;');
    expect(snippet).toContain('&quot;stops&quot;');
    expect(snippet).toContain('<mark>heating</mark>');
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('finds customers by name, by email and by phone digits', async () => {
    const o = await createTestOrg(t);
    const w = await arrange(o);
    const expected = {
      id: w.customer.id,
      name: 'Riley Refundson',
      emails: ['Riley.R@Example.com'],
      phones: ['+14155550123'],
    };
    expect((await searchAs(w.agent, 'kettle')).customers).toEqual([]);
    expect((await searchAs(w.agent, 'riley')).customers).toEqual([{ ...expected, matched: 'name' }]);
    expect((await searchAs(w.agent, 'Refundson')).customers).toEqual([{ ...expected, matched: 'name' }]);
    expect((await searchAs(w.agent, 'riley.r@example.COM')).customers).toEqual([{ ...expected, matched: 'email' }]);
    expect((await searchAs(w.agent, 'riley.r@exa')).customers).toEqual([{ ...expected, matched: 'email' }]);
    expect((await searchAs(w.agent, '(415) 555-0123')).customers).toEqual([{ ...expected, matched: 'phone' }]);
    expect((await searchAs(w.agent, '5550123')).customers).toEqual([{ ...expected, matched: 'phone' }]);
    expect((await searchAs(w.agent, '5550999')).customers).toEqual([]);
    // LIKE wildcards are literal.
    expect((await searchAs(w.agent, '%')).customers).toEqual([]);
  });

  it('answers a term nobody wrote with nothing, whatever the org holds', async () => {
    const o = await createTestOrg(t);
    const w = await arrange(o);
    await makeManyItems(t, o.org.id, {
      customerId: w.customer.id,
      conversationId: w.conversation.id,
      count: 300,
      start: new Date(Date.now() - 400 * 86_400_000),
    });
    await sql`ANALYZE conversation_items`.execute(t.db);
    expect(await searchAs(w.agent, 'xylophonic')).toEqual({ customers: [], conversations: [] });
    expect(await searchAs(w.agent, 'the')).toEqual({ customers: [], conversations: [] });
    expect(await searchAs(w.agent, '')).toEqual({ customers: [], conversations: [] });
    // Items older than every recent window are still found once the search widens to all time.
    const old = await searchAs(w.agent, 'message');
    expect(old.conversations).toHaveLength(20);
    expect(old.conversations.every((c) => c.snippet.includes('<mark>message</mark>'))).toBe(true);
    const few = await w.agent.request({ method: 'GET', url: '/api/internal/search?q=message&limit=5' });
    expect((few.data as TSearch).conversations).toHaveLength(5);
  });

  it('ranks by how often the terms appear (ts_rank), newest first among equals', async () => {
    const o = await createTestOrg(t);
    const w = await arrange(o);
    const now = Date.now();
    const once = await makeItem(t, o.org.id, {
      customerId: w.customer.id,
      conversationId: w.conversation.id,
      contentType: 'SMS',
      content: { content: 'my blender is loud' },
      at: new Date(now - 3000),
    });
    const often = await makeItem(t, o.org.id, {
      customerId: w.customer.id,
      conversationId: w.conversation.id,
      contentType: 'SMS',
      content: { content: 'blender blender, the blender again' },
      at: new Date(now - 5000),
    });
    const onceNewer = await makeItem(t, o.org.id, {
      customerId: w.customer.id,
      conversationId: w.conversation.id,
      contentType: 'SMS',
      content: { content: 'my blender is loud' },
      at: new Date(now - 1000),
    });
    // Enough recent hits for the recent step to answer, and too few, so the all-time step answers.
    const two = await w.agent.request({ method: 'GET', url: '/api/internal/search?q=blenders&limit=2' });
    expect((two.data as TSearch).conversations.map((c) => c.itemId)).toEqual([often.id, onceNewer.id]);
    expect((await searchAs(w.agent, 'blender')).conversations.map((c) => c.itemId)).toEqual([
      often.id,
      onceNewer.id,
      once.id,
    ]);
  });

  it('never returns another org’s customers or messages', async () => {
    const o = await createTestOrg(t);
    const mine = await arrange(o);
    const elsewhere = await createTestOrg(t);
    const theirs = await arrange(elsewhere);
    const found = await searchAs(mine.agent, 'kettle');
    expect(found.conversations.every((c) => c.customerId === mine.customer.id)).toBe(true);
    expect(found.conversations).toHaveLength(2);
    const people = await searchAs(mine.agent, 'riley');
    expect(people.customers.map((c) => c.id)).toEqual([mine.customer.id]);
    expect(theirs.customer.id).not.toBe(mine.customer.id);
  });
});
