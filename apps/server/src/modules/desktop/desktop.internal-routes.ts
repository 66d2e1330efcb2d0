import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { initiatorOf } from '../../http/request-context.js';
import { sendComposerMessage } from './commands/send-composer-message.js';
import {
  ZComposerBody,
  ZComposerParams,
  ZComposerResult,
  ZConversationList,
  ZConversationListQuery,
  ZInboxViews,
  ZSearchQuery,
  ZSearchResult,
  ZTimeline,
  ZTimelineParams,
  ZTimelineQuery,
} from './desktop.schemas.js';
import { getConversationList, getInboxViews, getTimeline } from './desktop-reads.js';
import { search } from './desktop-search.js';
import { draftAttachmentRoutes } from './draft-attachments.routes.js';

/** Web-app routes for the agent desktop's reads: inbox views and counts, conversation lists, the timeline, search (issue 4). */
export const desktopInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  await app.register(draftAttachmentRoutes, { ctx });

  api.get('/inbox-views', { schema: { response: { 200: ZInboxViews } } }, async (request) =>
    getInboxViews(ctx, request.org.id, request.principal),
  );

  api.get(
    '/conversation-list',
    { schema: { querystring: ZConversationListQuery, response: { 200: ZConversationList } } },
    async (request) => getConversationList(ctx, request.org.id, request.principal, request.query),
  );

  api.get(
    '/customers/:customerId/timeline',
    { schema: { params: ZTimelineParams, querystring: ZTimelineQuery, response: { 200: ZTimeline } } },
    async (request) => getTimeline(ctx, request.org.id, request.params.customerId, request.query),
  );

  api.get('/search', { schema: { querystring: ZSearchQuery, response: { 200: ZSearchResult } } }, async (request) =>
    search(ctx, request.org.id, request.query.q, request.query.limit),
  );

  api.post(
    '/conversations/:conversationId/messages',
    { schema: { params: ZComposerParams, body: ZComposerBody, response: { 201: ZComposerResult } } },
    async (request, reply) => {
      const result = await sendComposerMessage(ctx, {
        orgId: request.org.id,
        conversationId: request.params.conversationId,
        principal: request.principal,
        initiator: initiatorOf(request.principal),
        channel: request.body.channel,
        body: request.body.body,
        attachmentIds: request.body.attachmentIds,
      });
      return reply.code(201).send(result);
    },
  );
};
