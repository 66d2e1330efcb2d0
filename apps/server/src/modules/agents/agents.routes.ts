import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { presentAgent, presentIdleCallRecorder } from './agents.presenter.js';
import { findAgent, listAgents } from './agents.repository.js';
import { ZAgent, ZAgentParams, ZCallRecorder, ZCallRecorderParams, ZCallRecorderPatch } from './agents.schemas.js';

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

  const findAgentOrFail = async (orgId: string, agentIdOrEmail: string) => {
    const agent = await findAgent(ctx.db, orgId, agentIdOrEmail, { orEmail: true });
    if (!agent) throw notFound(`agent ${agentIdOrEmail} does not exist`);
    return agent;
  };
  api.get(
    '/agents/:agentIdOrEmail/call-recorder',
    {
      schema: {
        tags: ['Agents'],
        summary: "Get an agent's call recorder (agent id or email)",
        params: ZCallRecorderParams,
        response: { 200: ZCallRecorder },
      },
    },
    async (request) => presentIdleCallRecorder(await findAgentOrFail(request.org.id, request.params.agentIdOrEmail)),
  );
  api.patch(
    '/agents/:agentIdOrEmail/call-recorder',
    {
      schema: {
        tags: ['Agents'],
        summary: 'Pause or resume recording of the current call (a no-op when not on a call)',
        params: ZCallRecorderParams,
        body: ZCallRecorderPatch,
      },
    },
    async (request, reply) => {
      // Gladly documents PATCH as a no-op when the agent is not on a call; without voice, that is always the case.
      await findAgentOrFail(request.org.id, request.params.agentIdOrEmail);
      return reply.code(204).send();
    },
  );
};
