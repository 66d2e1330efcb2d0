import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { requireAnyRole } from '../../../http/session-auth.js';
import { saveRelay } from './commands/save-relay.js';
import { presentRelay } from './relay.presenter.js';
import { findRelay } from './relay.repository.js';
import { ZPutRelayBody, ZRelay } from './relay.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;

/** The org's outbound SMTP relay (administrators only: it names the org's mail credentials). */
export const emailRelayInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const load = async (orgId: string) => {
    const row = await findRelay(ctx.db, orgId);
    if (!row) throw notFound('no email relay is configured');
    return presentRelay(row);
  };

  api.get('/email/relay', { schema: { response: { 200: ZRelay } } }, async (request) => {
    requireAnyRole(request.principal, ADMINS);
    return load(request.org.id);
  });

  api.put('/email/relay', { schema: { body: ZPutRelayBody, response: { 200: ZRelay } } }, async (request) => {
    requireAnyRole(request.principal, ADMINS);
    await saveRelay(ctx, request.org.id, request.body);
    return load(request.org.id);
  });
};
