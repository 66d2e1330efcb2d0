import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { requireAnyRole } from '../../../http/session-auth.js';
import { createEntryPoint } from './commands/create-entry-point.js';
import { removeEntryPoint } from './commands/delete-entry-point.js';
import { rotateEntryPointSecret } from './commands/rotate-entry-point-secret.js';
import { updateEntryPointSettings } from './commands/update-entry-point.js';
import { presentEntryPoint } from './entry-points.presenter.js';
import { findEntryPoint, listEntryPoints } from './entry-points.repository.js';
import {
  ZCreateEntryPointBody,
  ZEntryPoint,
  ZEntryPointParams,
  ZEntryPointWithSecret,
  ZInboundSecret,
  ZUpdateEntryPointBody,
} from './entry-points.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;
const BASE = '/email/entry-points';

/** Email entry points in the web app: every signed-in user sees them (agents pick a From), admins change them. */
export const emailEntryPointsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const load = async (orgId: string, id: string) => {
    const row = await findEntryPoint(ctx.db, orgId, id);
    if (!row) throw notFound(`email entry point ${id} does not exist`);
    return presentEntryPoint(row);
  };

  api.get(BASE, { schema: { response: { 200: z.array(ZEntryPoint) } } }, async (request) =>
    (await listEntryPoints(ctx.db, request.org.id)).map(presentEntryPoint),
  );

  api.get(
    `${BASE}/:entryPointId`,
    { schema: { params: ZEntryPointParams, response: { 200: ZEntryPoint } } },
    async (request) => load(request.org.id, request.params.entryPointId),
  );

  api.post(
    BASE,
    { schema: { body: ZCreateEntryPointBody, response: { 201: ZEntryPointWithSecret } } },
    async (request, reply) => {
      requireAnyRole(request.principal, ADMINS);
      const { id, inboundSecret } = await createEntryPoint(ctx, request.org.id, request.body);
      return reply
        .code(201)
        .header('Location', `/api/internal${BASE}/${id}`)
        .send({ ...(await load(request.org.id, id)), inboundSecret });
    },
  );

  api.patch(
    `${BASE}/:entryPointId`,
    { schema: { params: ZEntryPointParams, body: ZUpdateEntryPointBody, response: { 200: ZEntryPoint } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      await updateEntryPointSettings(ctx, request.org.id, request.params.entryPointId, request.body);
      return load(request.org.id, request.params.entryPointId);
    },
  );

  api.delete(`${BASE}/:entryPointId`, { schema: { params: ZEntryPointParams } }, async (request, reply) => {
    requireAnyRole(request.principal, ADMINS);
    await removeEntryPoint(ctx, request.org.id, request.params.entryPointId);
    return reply.code(204).send();
  });

  api.post(
    `${BASE}/:entryPointId/secret`,
    { schema: { params: ZEntryPointParams, response: { 200: ZInboundSecret } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      return { inboundSecret: await rotateEntryPointSecret(ctx, request.org.id, request.params.entryPointId) };
    },
  );
};
