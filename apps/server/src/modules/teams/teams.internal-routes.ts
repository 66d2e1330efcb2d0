import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { createTeam } from './commands/create-team.js';
import { updateTeamSettings } from './commands/update-team.js';
import { presentTeam } from './teams.presenter.js';
import { loadTeam } from './teams.queries.js';
import { listTeamAgentIds, listTeams } from './teams.repository.js';
import { ZCreateTeamBody, ZTeam, ZTeamParams, ZUpdateTeamBody } from './teams.schemas.js';

const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;

/** Teams for the web app's filters (every signed-in user) and their management (admins and team managers). */
export const teamsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/teams', { schema: { hide: true, response: { 200: z.array(ZTeam) } } }, async (request) => {
    const [teams, members] = await Promise.all([
      listTeams(ctx.db, request.org.id),
      listTeamAgentIds(ctx.db, request.org.id),
    ]);
    return teams.map((team) => presentTeam(team, members.get(team.id) ?? []));
  });

  api.post(
    '/teams',
    { schema: { hide: true, body: ZCreateTeamBody, response: { 201: ZTeam } } },
    async (request, reply) => {
      requireAnyRole(request.principal, MANAGERS);
      const id = await createTeam(ctx, request.org.id, request.body);
      const team = await loadTeam(ctx.db, request.org.id, id);
      return reply.code(201).header('Location', `/api/internal/teams/${id}`).send(team);
    },
  );

  api.patch(
    '/teams/:teamId',
    { schema: { hide: true, params: ZTeamParams, body: ZUpdateTeamBody, response: { 200: ZTeam } } },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      await updateTeamSettings(ctx, request.org.id, request.params.teamId, request.body);
      return loadTeam(ctx.db, request.org.id, request.params.teamId);
    },
  );
};
