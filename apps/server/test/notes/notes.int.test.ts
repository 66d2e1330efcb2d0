import { describe, expect, it } from 'vitest';
import { eventsOf } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, conversationRow, insertItem, itemRow, itemsOfOrg } from '../items/arrange.js';

const t = useTestApp();

function postNote(o: TTestOrg, conversationId: string, body: unknown) {
  return o.request({ method: 'POST', url: `/api/v1/conversations/${conversationId}/notes`, body });
}

describe('POST /conversations/{conversationId}/notes', () => {
  it.each([
    ['{body}', (text: string) => ({ body: text })],
    ['{content:{body}}', (text: string) => ({ content: { body: text } })],
  ])('creates a note from %s: 201 with Location, an INTERNAL item and NOTE_CREATED', async (_shape, make) => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const res = await postNote(o, conversation.id, make('Called the <b>carrier</b>'));
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const location = res.headers.location as string;
    const prefix = `/api/v1/conversations/${conversation.id}/notes/`;
    expect(location.startsWith(prefix)).toBe(true);
    const noteId = location.slice(prefix.length);

    const row = await itemRow(t, o.org.id, noteId);
    expect(row).toMatchObject({
      customer_id: customer.id,
      conversation_id: conversation.id,
      content_type: 'CONVERSATION_NOTE',
      direction: 'INTERNAL',
      initiator_id: o.apiUser.user.id,
      initiator_type: 'API',
      content: { type: 'CONVERSATION_NOTE', body: 'Called the <b>carrier</b>', attachments: [] },
    });
    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION/NOTE_CREATED',
        initiator: { id: o.apiUser.user.id, type: 'API' },
        content: { noteId, customerId: customer.id, conversationId: conversation.id },
      },
    ]);
  });

  it('sanitizes the body: scripts, event handlers and javascript: URLs are stripped', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const res = await postNote(o, conversation.id, {
      body:
        '<p onclick="steal()">Refund approved</p><script>alert(1)</script>' +
        '<img src="https://x.test/p.png" onerror="alert(1)"><a href="javascript:alert(1)">link</a>',
    });
    expect(res.statusCode).toBe(201);
    const read = await o.request({ method: 'GET', url: res.headers.location as string });
    expect((read.data as { content: { body: string } }).content.body).toBe(
      '<p>Refund approved</p><img src="https://x.test/p.png" /><a>link</a>',
    );
  });

  it('does not clear "customer waiting" and does not assign the conversation', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o, { customerWaiting: true });
    const before = await conversationRow(t, o.org.id, conversation.id);
    const res = await postNote(o, conversation.id, { body: 'Looking into it' });
    expect(res.statusCode).toBe(201);
    const after = await conversationRow(t, o.org.id, conversation.id);
    expect(after.customer_waiting_since).toEqual(before.customer_waiting_since);
    expect(after.customer_waiting_since).not.toBeNull();
    expect(after.agent_id).toBeNull();
    expect(after.status).toBe(before.status);
  });

  it.each([
    ['no body at all', {}, 'body'],
    ['an empty body', { body: '' }, 'body'],
    ['a whitespace body', { body: '   ' }, 'body'],
    ['only a script', { body: '<script>alert(1)</script>' }, 'body'],
    ['an empty content.body', { content: { body: '' } }, 'content.body'],
    ['content without body', { content: {} }, 'content.body'],
  ])('400 blank for %s, storing nothing', async (_name, body, attr) => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const res = await postNote(o, conversation.id, body);
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr, code: 'blank', detail: `${attr} cannot be blank` }] });
    expect(await itemsOfOrg(t, o.org.id)).toEqual([]);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('400 too_long over 25000 characters', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const res = await postNote(o, conversation.id, { content: { body: 'x'.repeat(25_001) } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        { attr: 'content.body', code: 'too_long', detail: 'content.body cannot be larger than 25000 characters' },
      ],
    });
    expect(await itemsOfOrg(t, o.org.id)).toEqual([]);
  });

  it('404 for an unknown conversation', async () => {
    const o = await createTestOrg(t);
    const res = await postNote(o, 'nope', { body: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });
});

describe('GET /conversations/{conversationId}/notes/{noteId}', () => {
  it('answers the note', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    t.clock.set(new Date('2025-02-03T04:05:06.789Z'));
    let location: string;
    try {
      location = (await postNote(o, conversation.id, { content: { body: 'Customer prefers email' } })).headers
        .location as string;
    } finally {
      t.clock.reset();
    }
    const noteId = location.split('/').pop();
    const res = await o.request({ method: 'GET', url: location });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id: noteId,
      customerId: customer.id,
      conversationId: conversation.id,
      timestamp: '2025-02-03T04:05:06.789Z',
      initiator: { id: o.apiUser.user.id, type: 'API' },
      content: { type: 'CONVERSATION_NOTE', body: 'Customer prefers email', attachments: [] },
    });
    // The same item through the items API.
    const item = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${noteId}` });
    expect(item.data).toEqual(res.data);
  });

  it('404 for an unknown note, a note of another conversation, and an item that is not a note', async () => {
    const o = await createTestOrg(t);
    const a = await arrangeConversation(t, o);
    const b = await arrangeConversation(t, o);
    const location = (await postNote(o, a.conversation.id, { body: 'x' })).headers.location as string;
    const noteId = location.split('/').pop() as string;
    const sms = await insertItem(t, o.org.id, {
      customerId: a.customer.id,
      conversationId: a.conversation.id,
      type: 'SMS',
    });
    for (const [conversationId, id] of [
      [a.conversation.id, 'nope'],
      [b.conversation.id, noteId],
      [a.conversation.id, sms.id],
    ]) {
      const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}/notes/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `note ${id} does not exist` }] });
    }
  });
});
