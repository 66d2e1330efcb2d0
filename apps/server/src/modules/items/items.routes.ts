import { LIST_CAPS } from '@hearth/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { setLimitedDataHeader } from '../../http/limited-data.js';
import { initiatorOf } from '../../http/request-context.js';
import { createCustomerItem } from './commands/create-customer-item.js';
import { deleteCustomerItem } from './commands/delete-item.js';
import { redactItem } from './commands/redact-item.js';
import { replyToItem } from './commands/reply-to-item.js';
import { presentItem } from './items.presenter.js';
import { getConversationItems, getItem } from './items.queries.js';
import {
  ZConversationItemsQuery,
  ZConversationParams,
  ZCreateCustomerItemBody,
  ZCreateItemBody,
  ZCustomerItemParams,
  ZCustomerParams,
  ZItem,
  ZItemParams,
  ZReplyBody,
} from './items.schemas.js';

const tags = ['Conversation items'];

export const itemsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/conversation-items/:itemId',
    { schema: { tags, summary: 'Get a conversation item', params: ZItemParams, response: { 200: ZItem } } },
    async (request) => getItem(ctx.db, request.org.id, request.params.itemId),
  );

  api.get(
    '/conversations/:conversationId/items',
    {
      schema: {
        tags,
        summary: "List a conversation's items (at most 1000, oldest first)",
        params: ZConversationParams,
        querystring: ZConversationItemsQuery,
        response: { 200: z.array(ZItem) },
      },
    },
    async (request, reply) => {
      const { items, limited } = await getConversationItems(ctx.db, request.org.id, request.params.conversationId, {
        sessionId: request.query.sessionId,
        cap: LIST_CAPS.conversationItems,
      });
      setLimitedDataHeader(reply, limited);
      return items;
    },
  );

  api.post(
    '/conversation-items',
    {
      schema: {
        tags,
        summary: 'Add an item to a customer found or created by email or mobile phone',
        body: ZCreateItemBody,
        response: { 200: ZItem },
      },
    },
    async (request) => {
      const item = await createCustomerItem(ctx, {
        orgId: request.org.id,
        initiator: initiatorOf(request.principal),
        owner: { contact: request.body.customer },
        id: request.body.id,
        content: request.body.content,
      });
      return presentItem(item);
    },
  );

  api.post(
    '/customers/:customerId/conversation-items',
    {
      schema: {
        tags,
        summary: "Add an item to a customer's timeline",
        params: ZCustomerParams,
        body: ZCreateCustomerItemBody,
        response: { 200: ZItem },
      },
    },
    async (request) => {
      const item = await createCustomerItem(ctx, {
        orgId: request.org.id,
        initiator: initiatorOf(request.principal),
        owner: {
          customerId: request.params.customerId,
          // Absolute, on https, as Gladly's documented 301 shows it.
          movedLocation: (newId) =>
            `https://${request.host}/api/v1/customers/${encodeURIComponent(newId)}/conversation-items`,
        },
        id: request.body.id,
        content: request.body.content,
      });
      return presentItem(item);
    },
  );

  api.delete(
    '/conversation-items/:itemId',
    { schema: { tags, summary: 'Delete a CUSTOMER_ACTIVITY item', params: ZItemParams } },
    async (request, reply) => {
      await deleteCustomerItem(ctx, { orgId: request.org.id, itemId: request.params.itemId });
      return reply.code(204).send();
    },
  );

  api.delete(
    '/customers/:customerId/conversation-items/:itemId',
    { schema: { tags, summary: "Delete a customer's CUSTOMER_ACTIVITY item", params: ZCustomerItemParams } },
    async (request, reply) => {
      const { customerId, itemId } = request.params;
      await deleteCustomerItem(ctx, { orgId: request.org.id, itemId, customerId });
      return reply.code(204).send();
    },
  );

  api.post(
    '/conversation-items/:itemId/redact',
    { schema: { tags, summary: "Wipe a message's content, keeping the item", params: ZItemParams } },
    async (request, reply) => {
      const { itemId } = request.params;
      await redactItem(ctx, { orgId: request.org.id, itemId });
      return reply
        .code(201)
        .header('Location', `/api/v1/conversation-items/${encodeURIComponent(itemId)}`)
        .send();
    },
  );

  api.post(
    '/conversation-items/:itemId/reply',
    {
      schema: {
        tags,
        summary: 'Reply to a customer message on its channel (201 = queued, not delivered)',
        params: ZItemParams,
        body: ZReplyBody,
      },
    },
    async (request, reply) => {
      const { itemId } = await replyToItem(ctx, {
        orgId: request.org.id,
        itemId: request.params.itemId,
        initiator: initiatorOf(request.principal),
        content: request.body?.content,
      });
      return reply.code(201).header('Location', `/api/v1/conversation-items/${itemId}`).send();
    },
  );
};
