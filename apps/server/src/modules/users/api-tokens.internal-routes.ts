import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { createApiToken } from './commands/create-api-token.js';
import { revokeOwnApiToken } from './commands/revoke-api-token.js';
import { presentApiToken } from './users.presenter.js';
import { listLiveApiTokensOfUser } from './users.repository.js';
import { ZApiToken, ZApiTokenParams, ZCreateApiTokenBody, ZCreatedApiToken } from './users.schemas.js';

/** The signed-in user's own API tokens (product spec 11.3): listed without secrets, created once, revoked. */
export const apiTokensInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api-tokens', { schema: { hide: true, response: { 200: z.array(ZApiToken) } } }, async (request) =>
    (await listLiveApiTokensOfUser(ctx.db, request.org.id, request.principal.userId)).map(presentApiToken),
  );

  api.post(
    '/api-tokens',
    { schema: { hide: true, body: ZCreateApiTokenBody, response: { 201: ZCreatedApiToken } } },
    async (request, reply) => {
      const { id, token } = await createApiToken(ctx.db, {
        orgId: request.org.id,
        userId: request.principal.userId,
        name: request.body.name,
      });
      return reply.code(201).send({ id, name: request.body.name, token });
    },
  );

  api.delete('/api-tokens/:tokenId', { schema: { hide: true, params: ZApiTokenParams } }, async (request, reply) => {
    await revokeOwnApiToken(ctx, {
      orgId: request.org.id,
      userId: request.principal.userId,
      tokenId: request.params.tokenId,
    });
    return reply.code(204).send();
  });
};
