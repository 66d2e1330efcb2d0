import type { TInitiator } from '@hearth/shared';
import type { TDatabase } from '../../../db/database.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { findConversation, findTopics, insertConversationTopics } from '../conversations.repository.js';
import { contextOf, writeTopicChangeItem } from './conversation-timeline.js';

export interface TAddConversationTopicsInput {
  orgId: string;
  conversationId: string;
  topicIds: string[];
  initiator: TInitiator;
  now: Date;
}

/**
 * POST /conversations/{id}/topics (API spec 4.3). Topics already on the conversation are ignored silently (API
 * spec 3.6): they get no event and no place in the TOPIC_CHANGE item, and a request adding nothing new writes nothing.
 */
export async function addConversationTopics(db: TDatabase, input: TAddConversationTopicsInput): Promise<void> {
  const { orgId, initiator, now } = input;
  const topicIds = [...new Set(input.topicIds)];
  await db.transaction().execute(async (trx) => {
    const conversation = await findConversation(trx, orgId, input.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('conversation does not exist');
    const topics = new Map((await findTopics(trx, orgId, topicIds)).map((t) => [t.id, t]));
    for (const topicId of topicIds) {
      const topic = topics.get(topicId);
      if (!topic) throw badRequest('invalid', `topic ${topicId} does not exist`, 'topicIds');
      if (topic.disabled) throw badRequest('invalid', `topic ${topicId} is disabled`, 'topicIds');
    }
    const added = await insertConversationTopics(trx, orgId, conversation.id, topicIds, now);
    if (added.length === 0) return;
    await writeTopicChangeItem(trx, conversation, { addedTopicIds: added, removedTopicIds: [] }, initiator, now);
    for (const topicId of added) {
      await appendEvent(trx, orgId, {
        type: 'CONVERSATION/TOPIC_ADDED',
        initiator,
        occurredAt: now,
        content: {
          customerId: conversation.customer_id,
          conversationId: conversation.id,
          topicId,
          context: contextOf(conversation),
        },
      });
    }
  });
}
