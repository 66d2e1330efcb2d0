import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { createWebhook } from './commands/create-webhook.js';
import { deleteWebhookById } from './commands/delete-webhook.js';
import { redeliver } from './commands/redeliver.js';
import { updateWebhookById } from './commands/update-webhook.js';
import { webhookNotFound } from './commands/webhook-rules.js';
import { presentAttempt, presentWebhook } from './webhooks.presenter.js';
import { findWebhook, listAttempts, listWebhooks } from './webhooks.repository.js';
import {
  ZCreateWebhookBody,
  ZDeliveryAttempt,
  ZDeliveryParams,
  ZUpdateWebhookBody,
  ZWebhook,
  ZWebhookParams,
} from './webhooks.schemas.js';

const tags = ['Webhooks'];

export const webhooksRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/webhooks',
    { schema: { tags, summary: 'List webhooks', response: { 200: z.array(ZWebhook) } } },
    async (request) => (await listWebhooks(ctx.db, request.org.id)).map(presentWebhook),
  );
  api.get(
    '/webhooks/:webhookId',
    { schema: { tags, summary: 'Get a webhook', params: ZWebhookParams, response: { 200: ZWebhook } } },
    async (request) => {
      const webhook = await findWebhook(ctx.db, request.org.id, request.params.webhookId);
      if (!webhook) throw webhookNotFound();
      return presentWebhook(webhook);
    },
  );
  api.post(
    '/webhooks',
    { schema: { tags, summary: 'Create a webhook', body: ZCreateWebhookBody } },
    async (request, reply) => {
      const id = await createWebhook(ctx, request.org.id, request.body);
      return reply.code(201).header('Location', `/api/v1/webhooks/${id}`).send();
    },
  );
  api.patch(
    '/webhooks/:webhookId',
    { schema: { tags, summary: 'Update a webhook', params: ZWebhookParams, body: ZUpdateWebhookBody } },
    async (request, reply) => {
      await updateWebhookById(ctx, request.org.id, request.params.webhookId, request.body);
      return reply.code(204).send();
    },
  );
  api.delete(
    '/webhooks/:webhookId',
    { schema: { tags, summary: 'Delete a disabled webhook', params: ZWebhookParams } },
    async (request, reply) => {
      await deleteWebhookById(ctx, request.org.id, request.params.webhookId);
      return reply.code(204).send();
    },
  );
  api.get(
    '/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags,
        summary: 'The last 100 delivery attempts, newest first (Hearth extension)',
        params: ZWebhookParams,
        response: { 200: z.array(ZDeliveryAttempt) },
      },
    },
    async (request) => {
      const { webhookId } = request.params;
      if (!(await findWebhook(ctx.db, request.org.id, webhookId))) throw webhookNotFound();
      return (await listAttempts(ctx.db, request.org.id, webhookId)).map(presentAttempt);
    },
  );
  api.post(
    '/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    { schema: { tags, summary: 'Send a delivery again (Hearth extension)', params: ZDeliveryParams } },
    async (request, reply) => {
      await redeliver(ctx, request.org.id, request.params.webhookId, request.params.deliveryId);
      return reply.code(202).send();
    },
  );
};
