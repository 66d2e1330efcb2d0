import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { receiveCustomChannelMessage } from './commands/receive-message.js';
import { updateMessageStatus } from './commands/update-message-status.js';
import {
  ZChannelParams,
  ZInboundMessageBody,
  ZMessageParams,
  ZMessageStatus,
  ZMessageStatusBody,
} from './custom-channels.schemas.js';

const tags = ['Communications'];

export const customChannelsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // This process accepts replies on custom channels, so it must know how they are delivered.

  api.post(
    '/communications/custom-channels/:customChannelId/messages',
    {
      schema: {
        tags,
        summary: 'Receive a customer message from a custom channel (TEXT or FILES)',
        params: ZChannelParams,
        body: ZInboundMessageBody,
      },
    },
    async (request, reply) => {
      const { itemId } = await receiveCustomChannelMessage(ctx, {
        orgId: request.org.id,
        customChannelId: request.params.customChannelId,
        body: request.body,
      });
      return reply.code(201).header('Location', `/api/v1/conversation-items/${itemId}`).send();
    },
  );

  api.put(
    '/communications/custom-channels/:customChannelId/messages/:messageId/status',
    {
      schema: {
        tags,
        summary: "Report the delivery status of an agent's custom channel message",
        params: ZMessageParams,
        body: ZMessageStatusBody,
        response: { 200: ZMessageStatus },
      },
    },
    async (request) =>
      updateMessageStatus(ctx, {
        orgId: request.org.id,
        customChannelId: request.params.customChannelId,
        messageId: request.params.messageId,
        status: request.body,
      }),
  );
};
