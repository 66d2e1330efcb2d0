import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { presentTeam } from './teams.presenter.js';
import { loadTeam } from './teams.queries.js';
import { listTeamAgentIds, listTeams } from './teams.repository.js';
import { ZTeam, ZTeamParams } from './teams.schemas.js';

export const teamsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/teams',
    { schema: { tags: ['Teams'], summary: 'List teams', response: { 200: z.array(ZTeam) } } },
    async (request) => {
      const [teams, members] = await Promise.all([
        listTeams(ctx.db, request.org.id),
        listTeamAgentIds(ctx.db, request.org.id),
      ]);
      return teams.map((team) => presentTeam(team, members.get(team.id) ?? []));
    },
  );
  api.get(
    '/teams/:teamId',
    { schema: { tags: ['Teams'], summary: 'Get a team', params: ZTeamParams, response: { 200: ZTeam } } },
    async (request) => loadTeam(ctx.db, request.org.id, request.params.teamId),
  );
};
