import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../../app-context.js';
import { requireAnyRole } from '../../../http/session-auth.js';
import { presentInboundEmail } from './inbound.presenter.js';
import { listInboundEmails } from './inbound.repository.js';
import { ZInboundEmailListQuery, ZInboundEmailSummary } from './inbound.schemas.js';

const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;
const LIST_LIMIT = 200;

/** Received mail by processing status, for admins: where unreadable (UNPARSEABLE) messages are always visible. */
export const inboundEmailInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/email/inbound',
    { schema: { hide: true, querystring: ZInboundEmailListQuery, response: { 200: z.array(ZInboundEmailSummary) } } },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      const rows = await listInboundEmails(ctx.db, request.org.id, request.query.status, LIST_LIMIT);
      return rows.map(presentInboundEmail);
    },
  );
};
