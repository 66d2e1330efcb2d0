import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { createUser } from './commands/create-user.js';
import { updateUser } from './commands/update-user.js';
import { presentUser } from './users.presenter.js';
import { listUsers } from './users.repository.js';
import { ZCreateUserBody, ZUpdateUserBody, ZUser, ZUserParams } from './users.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;
const ADMIN_ONLY = 'only administrators can manage users';

/** User administration for the web app: administrators only. */
export const usersInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/users', { schema: { hide: true, response: { 200: z.array(ZUser) } } }, async (request) => {
    requireAnyRole(request.principal, ADMINS, ADMIN_ONLY);
    return (await listUsers(ctx.db, request.org.id)).map(presentUser);
  });

  api.post(
    '/users',
    { schema: { hide: true, body: ZCreateUserBody, response: { 201: ZUser } } },
    async (request, reply) => {
      requireAnyRole(request.principal, ADMINS, ADMIN_ONLY);
      const user = await createUser(ctx.db, { orgId: request.org.id, ...request.body });
      return reply.code(201).header('Location', `/api/internal/users/${user.id}`).send(presentUser(user));
    },
  );

  api.patch(
    '/users/:userId',
    { schema: { hide: true, params: ZUserParams, body: ZUpdateUserBody, response: { 200: ZUser } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS, ADMIN_ONLY);
      return presentUser(await updateUser(ctx, request.org.id, request.params.userId, request.body));
    },
  );
};
