import { afterEach, describe, expect, it } from 'vitest';
import { eventsOf, makeTopic } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, itemsOf } from './arrange.js';

const t = useTestApp();
afterEach(() => t.clock.reset());

const NOW = new Date('2024-06-01T09:30:00.000Z');

function addTopics(o: TTestOrg, conversationId: string, body: unknown) {
  return o.request({ method: 'POST', url: `/api/v1/conversations/${conversationId}/topics`, body });
}

async function topicIdsOf(o: TTestOrg, conversationId: string) {
  const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}` });
  return (res.data as { topicIds: string[] }).topicIds;
}

describe('POST /conversations/{id}/topics', () => {
  it('adds topics: one TOPIC_ADDED event each and one TOPIC_CHANGE item', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation } = await arrangeConversation(t, o);
    const a = await makeTopic(t, o.org.id);
    const b = await makeTopic(t, o.org.id);
    t.clock.set(NOW);
    const res = await addTopics(o, conversation.id, { topicIds: [a.id, b.id] });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await topicIdsOf(o, conversation.id)).toEqual([a.id, b.id].sort());

    const items = await itemsOf(t, o.org.id, conversation.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      content_type: 'TOPIC_CHANGE',
      content: { type: 'TOPIC_CHANGE', addedTopicIds: [a.id, b.id], removedTopicIds: [] },
      direction: 'INTERNAL',
      initiator_id: o.apiUser.user.id,
      initiator_type: 'API',
      occurred_at: NOW,
    });
    const context = { assignee: { inboxId: inbox.id }, status: 'OPEN' };
    const initiator = { id: o.apiUser.user.id, type: 'API' };
    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION/TOPIC_ADDED',
        initiator,
        content: { customerId: customer.id, conversationId: conversation.id, topicId: a.id, context },
      },
      {
        type: 'CONVERSATION/TOPIC_ADDED',
        initiator,
        content: { customerId: customer.id, conversationId: conversation.id, topicId: b.id, context },
      },
    ]);
  });

  it('ignores topics already present: no event, not in the item; all present → nothing written', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const a = await makeTopic(t, o.org.id);
    const b = await makeTopic(t, o.org.id);
    expect((await addTopics(o, conversation.id, { topicIds: [a.id] })).statusCode).toBe(204);
    const again = await addTopics(o, conversation.id, { topicIds: [a.id, b.id, b.id] });
    expect(again.statusCode).toBe(204);
    const items = await itemsOf(t, o.org.id, conversation.id);
    expect(items.map((i) => i.content)).toEqual([
      { type: 'TOPIC_CHANGE', addedTopicIds: [a.id], removedTopicIds: [] },
      { type: 'TOPIC_CHANGE', addedTopicIds: [b.id], removedTopicIds: [] },
    ]);
    expect((await eventsOf(t, o.org.id)).map((e) => e.content.topicId)).toEqual([a.id, b.id]);

    const noop = await addTopics(o, conversation.id, { topicIds: [a.id, b.id] });
    expect(noop.statusCode).toBe(204);
    expect(await itemsOf(t, o.org.id, conversation.id)).toHaveLength(2);
    expect(await eventsOf(t, o.org.id)).toHaveLength(2);
  });

  it('adds to a closed conversation too', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o, { status: 'CLOSED' });
    const a = await makeTopic(t, o.org.id);
    expect((await addTopics(o, conversation.id, { topicIds: [a.id] })).statusCode).toBe(204);
    expect(await topicIdsOf(o, conversation.id)).toEqual([a.id]);
  });

  describe('refusals write nothing', () => {
    async function expectRefused(
      body: (topics: { ok: string; disabled: string }) => unknown,
      expected: (topics: { ok: string; disabled: string }) => unknown,
      options: { conversationId?: string; status?: number } = {},
    ) {
      const o = await createTestOrg(t);
      const { conversation } = await arrangeConversation(t, o);
      const topics = {
        ok: (await makeTopic(t, o.org.id)).id,
        disabled: (await makeTopic(t, o.org.id, { disabled: true })).id,
      };
      const res = await addTopics(o, options.conversationId ?? conversation.id, body(topics));
      expect(res.statusCode).toBe(options.status ?? 400);
      expect(res.data).toEqual(expected(topics));
      expect(await t.db.selectFrom('conversation_topics').selectAll().where('org_id', '=', o.org.id).execute()).toEqual(
        [],
      );
      expect(await itemsOf(t, o.org.id, conversation.id)).toEqual([]);
      expect(await eventsOf(t, o.org.id)).toEqual([]);
    }

    it('404 for an unknown conversation', async () => {
      await expectRefused(
        (x) => ({ topicIds: [x.ok] }),
        () => ({ errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] }),
        { conversationId: 'nope', status: 404 },
      );
    });

    it('an unknown topic among valid ones → topicIds invalid', async () => {
      await expectRefused(
        (x) => ({ topicIds: [x.ok, 'no-such-topic'] }),
        () => ({ errors: [{ attr: 'topicIds', code: 'invalid', detail: 'topic no-such-topic does not exist' }] }),
      );
    });

    it('a disabled topic → topicIds invalid', async () => {
      await expectRefused(
        (x) => ({ topicIds: [x.ok, x.disabled] }),
        (x) => ({ errors: [{ attr: 'topicIds', code: 'invalid', detail: `topic ${x.disabled} is disabled` }] }),
      );
    });

    it('an empty array → 400 invalid; a missing array → 400 blank', async () => {
      await expectRefused(
        () => ({ topicIds: [] }),
        () => ({ errors: [{ attr: 'topicIds', code: 'invalid', detail: expect.any(String) }] }),
      );
      await expectRefused(
        () => ({}),
        () => ({ errors: [{ attr: 'topicIds', code: 'blank', detail: 'topicIds cannot be blank' }] }),
      );
    });
  });
});

describe('DELETE /conversations/{id}/topics/{topicId}', () => {
  it('removes a topic: TOPIC_REMOVED event and a TOPIC_CHANGE item', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation } = await arrangeConversation(t, o, { agentId: o.apiUser.user.id });
    const a = await makeTopic(t, o.org.id);
    const b = await makeTopic(t, o.org.id);
    await addTopics(o, conversation.id, { topicIds: [a.id, b.id] });
    const res = await o.request({ method: 'DELETE', url: `/api/v1/conversations/${conversation.id}/topics/${a.id}` });
    expect(res.statusCode).toBe(204);
    expect(await topicIdsOf(o, conversation.id)).toEqual([b.id]);
    const items = await itemsOf(t, o.org.id, conversation.id);
    expect(items.at(-1)?.content).toEqual({ type: 'TOPIC_CHANGE', addedTopicIds: [], removedTopicIds: [a.id] });
    expect(items.at(-1)).toMatchObject({ direction: 'INTERNAL', initiator_type: 'API' });
    const events = await eventsOf(t, o.org.id, ['CONVERSATION/TOPIC_REMOVED']);
    expect(events).toEqual([
      {
        type: 'CONVERSATION/TOPIC_REMOVED',
        initiator: { id: o.apiUser.user.id, type: 'API' },
        content: {
          customerId: customer.id,
          conversationId: conversation.id,
          topicId: a.id,
          context: { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id }, status: 'OPEN' },
        },
      },
    ]);
  });

  it('404 when the conversation does not exist or the topic is not on it; nothing written', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const a = await makeTopic(t, o.org.id);
    const missingConversation = await o.request({ method: 'DELETE', url: `/api/v1/conversations/nope/topics/${a.id}` });
    expect(missingConversation.statusCode).toBe(404);
    expect(missingConversation.data).toEqual({
      errors: [{ code: 'not_exist', detail: 'conversation does not exist' }],
    });
    for (const topicId of [a.id, 'no-such-topic']) {
      const res = await o.request({
        method: 'DELETE',
        url: `/api/v1/conversations/${conversation.id}/topics/${topicId}`,
      });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({
        errors: [{ code: 'not_exist', detail: `topic ${topicId} is not on the conversation` }],
      });
    }
    expect(await itemsOf(t, o.org.id, conversation.id)).toEqual([]);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });
});
