import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { initiatorOf } from '../../http/request-context.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { emptyLoad, findActiveAgentUser, listActiveAgents, loadAgentLoads } from './agent-states.queries.js';
import { presentBoost } from './boosts.presenter.js';
import { findBoost, listBoosts } from './boosts.repository.js';
import { ZBoost, ZBoostParams, ZCreateBoostBody, ZUpdateBoostBody } from './boosts.schemas.js';
import { applyPresenceAction, changePresence } from './commands/change-presence.js';
import { createStatusReason } from './commands/create-status-reason.js';
import { createBoost, editBoost, removeBoost } from './commands/manage-boosts.js';
import { updateRoutingProfile } from './commands/update-routing-profile.js';
import { updateRoutingSettings } from './commands/update-routing-settings.js';
import { patchStatusReason } from './commands/update-status-reason.js';
import { presentStatusReason } from './presence.presenter.js';
import { loadPresence, loadPresences } from './presence.queries.js';
import {
  ZAgentState,
  ZManagerPresenceBody,
  ZPresence,
  ZRoutingProfileBody,
  ZUpdatePresenceBody,
  ZUserParams,
} from './presence.schemas.js';
import { loadRoutingSettings } from './routing-settings.queries.js';
import { ZRoutingSettings, ZUpdateRoutingSettingsBody } from './routing-settings.schemas.js';
import { loadStatusReasons } from './status-reasons.queries.js';
import {
  ZCreateStatusReasonBody,
  ZStatusReason,
  ZStatusReasonParams,
  ZUpdateStatusReasonBody,
} from './status-reasons.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;
const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;

/** Web-app routes for agent presence, status reasons, routing settings, boosts and managers' view of agent states (issue 6). */
export const presenceInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // --- The signed-in user's own presence ---------------------------------------------------------------------
  api.get('/me/presence', { schema: { response: { 200: ZPresence } } }, async (request) =>
    loadPresence(ctx.db, request.org.id, request.principal.userId),
  );

  api.put('/me/presence', { schema: { body: ZUpdatePresenceBody, response: { 200: ZPresence } } }, async (request) =>
    changePresence(
      ctx,
      request.org.id,
      request.principal.userId,
      { kind: 'UPDATE', ...request.body },
      initiatorOf(request.principal),
    ),
  );

  api.post('/me/presence/login', { schema: { response: { 200: ZPresence } } }, async (request) =>
    changePresence(ctx, request.org.id, request.principal.userId, { kind: 'LOGIN' }, initiatorOf(request.principal)),
  );

  api.post('/me/presence/logout', { schema: { response: { 200: ZPresence } } }, async (request) =>
    changePresence(ctx, request.org.id, request.principal.userId, { kind: 'LOGOUT' }, initiatorOf(request.principal)),
  );

  // --- Status reasons ---------------------------------------------------------------------------------------
  api.get('/status-reasons', { schema: { response: { 200: z.array(ZStatusReason) } } }, async (request) =>
    loadStatusReasons(ctx.db, request.org.id),
  );

  api.post(
    '/status-reasons',
    { schema: { body: ZCreateStatusReasonBody, response: { 201: ZStatusReason } } },
    async (request, reply) => {
      requireAnyRole(request.principal, ADMINS);
      const row = await createStatusReason(ctx, request.org.id, request.body);
      return reply.code(201).send(presentStatusReason(row));
    },
  );

  api.patch(
    '/status-reasons/:id',
    { schema: { params: ZStatusReasonParams, body: ZUpdateStatusReasonBody, response: { 200: ZStatusReason } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      return presentStatusReason(await patchStatusReason(ctx, request.org.id, request.params.id, request.body));
    },
  );

  // --- Agents, for managers ---------------------------------------------------------------------------------
  api.get('/agent-states', { schema: { response: { 200: z.array(ZAgentState) } } }, async (request) => {
    requireAnyRole(request.principal, MANAGERS);
    const orgId = request.org.id;
    const agents = await listActiveAgents(ctx.db, orgId);
    const ids = agents.map((a) => a.id);
    const [presences, loads] = await Promise.all([
      loadPresences(ctx.db, orgId, ids),
      loadAgentLoads(ctx.db, orgId, ids),
    ]);
    return agents.flatMap((user) => {
      const presence = presences.get(user.id);
      return presence ? [{ user, presence, load: loads.get(user.id) ?? emptyLoad() }] : [];
    });
  });

  api.put(
    '/agents/:userId/routing-profile',
    { schema: { params: ZUserParams, body: ZRoutingProfileBody, response: { 200: ZPresence } } },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      const { userId } = request.params;
      if (!(await findActiveAgentUser(ctx.db, request.org.id, userId)))
        throw notFound('agent does not exist', 'userId');
      await updateRoutingProfile(ctx, request.org.id, userId, request.body);
      return loadPresence(ctx.db, request.org.id, userId);
    },
  );

  api.post(
    '/agents/:userId/presence',
    { schema: { params: ZUserParams, body: ZManagerPresenceBody, response: { 200: ZPresence } } },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      const { userId } = request.params;
      if (!(await findActiveAgentUser(ctx.db, request.org.id, userId)))
        throw notFound('agent does not exist', 'userId');
      const action =
        request.body.action === 'AWAY'
          ? ({ kind: 'AWAY', awayReasonId: request.body.awayReasonId } as const)
          : ({ kind: 'LOGOUT' } as const);
      await applyPresenceAction(ctx, request.org.id, userId, action, initiatorOf(request.principal));
      return loadPresence(ctx.db, request.org.id, userId);
    },
  );

  // --- Routing settings -------------------------------------------------------------------------------------
  // Readable by every signed-in user (the desktop shows the idle timing); only admins change them.
  api.get('/routing-settings', { schema: { response: { 200: ZRoutingSettings } } }, async (request) =>
    loadRoutingSettings(ctx.db, request.org.id),
  );

  api.put(
    '/routing-settings',
    { schema: { body: ZUpdateRoutingSettingsBody, response: { 200: ZRoutingSettings } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      return updateRoutingSettings(ctx, request.org.id, request.body);
    },
  );

  // --- People Match boosts ----------------------------------------------------------------------------------
  api.get('/routing-boosts', { schema: { response: { 200: z.array(ZBoost) } } }, async (request) => {
    requireAnyRole(request.principal, ADMINS);
    return (await listBoosts(ctx.db, request.org.id)).map(presentBoost);
  });

  api.post(
    '/routing-boosts',
    { schema: { body: ZCreateBoostBody, response: { 201: ZBoost } } },
    async (request, reply) => {
      requireAnyRole(request.principal, ADMINS);
      const id = await createBoost(ctx, request.org.id, request.body);
      const row = await findBoost(ctx.db, request.org.id, id);
      if (!row) throw notFound('boost does not exist', 'id');
      return reply.code(201).header('Location', `/api/internal/routing-boosts/${id}`).send(presentBoost(row));
    },
  );

  api.patch(
    '/routing-boosts/:id',
    { schema: { params: ZBoostParams, body: ZUpdateBoostBody, response: { 200: ZBoost } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      await editBoost(ctx, request.org.id, request.params.id, request.body);
      const row = await findBoost(ctx.db, request.org.id, request.params.id);
      if (!row) throw notFound('boost does not exist', 'id');
      return presentBoost(row);
    },
  );

  api.delete('/routing-boosts/:id', { schema: { params: ZBoostParams } }, async (request, reply) => {
    requireAnyRole(request.principal, ADMINS);
    await removeBoost(ctx, request.org.id, request.params.id);
    return reply.code(204).send();
  });
};
