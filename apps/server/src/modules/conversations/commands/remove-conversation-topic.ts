import type { TInitiator } from '@hearth/shared';
import type { TDatabase } from '../../../db/database.js';
import { appendEvent } from '../../../events/outbox.js';
import { notFound } from '../../../http/errors.js';
import { deleteConversationTopic, findConversation } from '../conversations.repository.js';
import { contextOf, writeTopicChangeItem } from './conversation-timeline.js';

export interface TRemoveConversationTopicInput {
  orgId: string;
  conversationId: string;
  topicId: string;
  initiator: TInitiator;
  now: Date;
}

/** DELETE /conversations/{id}/topics/{topicId} (API spec 4.3): 404 unless that topic is on the conversation. */
export async function removeConversationTopic(db: TDatabase, input: TRemoveConversationTopicInput): Promise<void> {
  const { orgId, topicId, initiator, now } = input;
  await db.transaction().execute(async (trx) => {
    const conversation = await findConversation(trx, orgId, input.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('conversation does not exist');
    if (!(await deleteConversationTopic(trx, orgId, conversation.id, topicId))) {
      throw notFound(`topic ${topicId} is not on the conversation`);
    }
    await writeTopicChangeItem(trx, conversation, { addedTopicIds: [], removedTopicIds: [topicId] }, initiator, now);
    await appendEvent(trx, orgId, {
      type: 'CONVERSATION/TOPIC_REMOVED',
      initiator,
      occurredAt: now,
      content: {
        customerId: conversation.customer_id,
        conversationId: conversation.id,
        topicId,
        context: contextOf(conversation),
      },
    });
  });
}
