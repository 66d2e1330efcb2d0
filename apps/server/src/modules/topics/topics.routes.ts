import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { createTopic } from './commands/create-topic.js';
import { topicNotFound } from './commands/topic-rules.js';
import { updateTopicById } from './commands/update-topic.js';
import { presentTopic } from './topics.presenter.js';
import { findTopic, listTopics } from './topics.repository.js';
import { ZCreateTopicBody, ZTopic, ZTopicParams, ZUpdateTopicBody } from './topics.schemas.js';

export const topicsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/topics',
    { schema: { tags: ['Topics'], summary: 'List topics', response: { 200: z.array(ZTopic) } } },
    async (request) => (await listTopics(ctx.db, request.org.id)).map(presentTopic),
  );
  api.get(
    '/topics/:topicId',
    { schema: { tags: ['Topics'], summary: 'Get a topic', params: ZTopicParams, response: { 200: ZTopic } } },
    async (request) => {
      const topic = await findTopic(ctx.db, request.org.id, request.params.topicId);
      if (!topic) throw topicNotFound(request.params.topicId);
      return presentTopic(topic);
    },
  );
  api.post(
    '/topics',
    { schema: { tags: ['Topics'], summary: 'Create a topic', body: ZCreateTopicBody } },
    async (request, reply) => {
      const id = await createTopic(ctx, request.org.id, request.body);
      return reply.code(201).header('Location', `/api/v1/topics/${id}`).send();
    },
  );
  api.patch(
    '/topics/:topicId',
    { schema: { tags: ['Topics'], summary: 'Update a topic', params: ZTopicParams, body: ZUpdateTopicBody } },
    async (request, reply) => {
      await updateTopicById(ctx, request.org.id, request.params.topicId, request.body);
      return reply.code(204).send();
    },
  );
};
