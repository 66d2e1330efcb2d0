import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { createTopic } from './commands/create-topic.js';
import { topicNotFound } from './commands/topic-rules.js';
import { updateTopicById } from './commands/update-topic.js';
import { presentTopic } from './topics.presenter.js';
import { findTopic, listTopics } from './topics.repository.js';
import { ZCreateTopicBody, ZTopic, ZTopicParams, ZUpdateTopicBody } from './topics.schemas.js';

const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;

/** Topics for the agent desktop's picker (every signed-in user); defining them is for admins and team managers. */
export const topicsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const load = async (orgId: string, topicId: string) => {
    const topic = await findTopic(ctx.db, orgId, topicId);
    if (!topic) throw topicNotFound(topicId);
    return presentTopic(topic);
  };

  api.get('/topics', { schema: { hide: true, response: { 200: z.array(ZTopic) } } }, async (request) =>
    (await listTopics(ctx.db, request.org.id)).map(presentTopic),
  );

  api.post(
    '/topics',
    { schema: { hide: true, body: ZCreateTopicBody, response: { 201: ZTopic } } },
    async (request, reply) => {
      requireAnyRole(request.principal, MANAGERS);
      const id = await createTopic(ctx, request.org.id, request.body);
      return reply
        .code(201)
        .header('Location', `/api/internal/topics/${id}`)
        .send(await load(request.org.id, id));
    },
  );

  api.patch(
    '/topics/:topicId',
    { schema: { hide: true, params: ZTopicParams, body: ZUpdateTopicBody, response: { 200: ZTopic } } },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      await updateTopicById(ctx, request.org.id, request.params.topicId, request.body);
      return load(request.org.id, request.params.topicId);
    },
  );
};
