import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { initiatorOf } from '../../http/request-context.js';
import { getConversation } from '../conversations/conversations.queries.js';
import { markNoReplyNeeded } from './commands/mark-no-reply-needed.js';

const ZConversationParams = z.object({ conversationId: z.string().min(1) });

/** Web-app routes for contact actions from the desktop such as No Reply Needed (issue 6). */
export const contactsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Any signed-in user of the org may mark a conversation (an agent working it, or a manager cleaning up a queue).
  api.post(
    '/conversations/:conversationId/no-reply-needed',
    { schema: { hide: true, params: ZConversationParams } },
    async (request) => {
      const orgId = request.org.id;
      const { conversationId } = request.params;
      await markNoReplyNeeded(ctx, { orgId, conversationId, initiator: initiatorOf(request.principal) });
      return getConversation(ctx.db, orgId, conversationId);
    },
  );
};
