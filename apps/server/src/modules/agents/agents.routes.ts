import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { presentAgent } from './agents.presenter.js';
import { findAgent, listAgents } from './agents.repository.js';
import { ZAgent, ZAgentParams } from './agents.schemas.js';

export const agentsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/agents',
    { schema: { tags: ['Agents'], summary: 'List agents', response: { 200: z.array(ZAgent) } } },
    async (request) => (await listAgents(ctx.db, request.org.id)).map(presentAgent),
  );
  api.get(
    '/agents/:agentId',
    { schema: { tags: ['Agents'], summary: 'Get an agent', params: ZAgentParams, response: { 200: ZAgent } } },
    async (request) => {
      const agent = await findAgent(ctx.db, request.org.id, request.params.agentId);
      if (!agent) throw notFound(`agent ${request.params.agentId} does not exist`);
      return presentAgent(agent);
    },
  );
};
