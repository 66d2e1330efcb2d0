import { LIST_CAPS } from '@hearth/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { badRequest } from '../../http/errors.js';
import { setLimitedDataHeader } from '../../http/limited-data.js';
import { initiatorOf } from '../../http/request-context.js';
import { addConversationTopics } from './commands/add-conversation-topics.js';
import { changeConversationCustomAttributes } from './commands/change-conversation-custom-attributes.js';
import { removeConversationTopic } from './commands/remove-conversation-topic.js';
import { updateConversation } from './commands/update-conversation.js';
import { findCustomerConversations, getConversation } from './conversations.queries.js';
import {
  ZAddTopicsBody,
  ZChangeCustomAttributesBody,
  ZConversation,
  ZConversationParams,
  ZConversationTopicParams,
  ZCustomerConversationParams,
  ZCustomerParams,
  ZUpdateConversationBody,
} from './conversations.schemas.js';

const tags = ['Conversations'];

export const conversationsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/conversations/:conversationId',
    {
      schema: { tags, summary: 'Get a conversation', params: ZConversationParams, response: { 200: ZConversation } },
    },
    async (request) => getConversation(ctx.db, request.org.id, request.params.conversationId),
  );

  api.get(
    '/customers/:customerId/conversations',
    {
      schema: {
        tags,
        summary: "List a customer's conversations (at most 100, oldest first)",
        params: ZCustomerParams,
        response: { 200: z.array(ZConversation) },
      },
    },
    async (request, reply) => {
      const { conversations, limited } = await findCustomerConversations(
        ctx.db,
        request.org.id,
        request.params.customerId,
        LIST_CAPS.customerConversations,
      );
      setLimitedDataHeader(reply, limited);
      return conversations;
    },
  );

  api.patch(
    '/conversations/:conversationId',
    {
      schema: {
        tags,
        summary: 'Reassign, close or reopen a conversation',
        params: ZConversationParams,
        body: ZUpdateConversationBody,
      },
    },
    async (request, reply) => {
      await updateConversation(ctx.db, {
        ...request.body,
        org: request.org,
        conversationId: request.params.conversationId,
        initiator: initiatorOf(request.principal),
        now: ctx.now(),
      });
      return reply.code(204).send();
    },
  );

  api.post(
    '/conversations/:conversationId/topics',
    {
      schema: { tags, summary: 'Add topics to a conversation', params: ZConversationParams, body: ZAddTopicsBody },
    },
    async (request, reply) => {
      await addConversationTopics(ctx.db, {
        orgId: request.org.id,
        conversationId: request.params.conversationId,
        topicIds: request.body.topicIds,
        initiator: initiatorOf(request.principal),
        now: ctx.now(),
      });
      return reply.code(204).send();
    },
  );

  api.delete(
    '/conversations/:conversationId/topics/:topicId',
    { schema: { tags, summary: 'Remove a topic from a conversation', params: ZConversationTopicParams } },
    async (request, reply) => {
      await removeConversationTopic(ctx.db, {
        orgId: request.org.id,
        conversationId: request.params.conversationId,
        topicId: request.params.topicId,
        initiator: initiatorOf(request.principal),
        now: ctx.now(),
      });
      return reply.code(204).send();
    },
  );

  api.post(
    '/customer-history/:customerId/conversations/:conversationId/custom-attributes',
    {
      schema: {
        tags,
        summary: 'Add or remove freeform topics (custom attribute values) of a conversation',
        params: ZCustomerConversationParams,
        body: ZChangeCustomAttributesBody,
      },
    },
    async (request, reply) => {
      const { add, remove } = request.body;
      if (add === undefined && remove === undefined) throw badRequest('blank', 'one of add, remove must be present');
      await changeConversationCustomAttributes(ctx.db, {
        orgId: request.org.id,
        customerId: request.params.customerId,
        conversationId: request.params.conversationId,
        add: add ?? [],
        remove: remove ?? [],
        initiator: initiatorOf(request.principal),
        now: ctx.now(),
      });
      return reply.code(204).send();
    },
  );
};
