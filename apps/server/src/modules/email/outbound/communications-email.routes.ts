import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../../app-context.js';
import { initiatorOf } from '../../../http/request-context.js';
import { sendStandaloneEmail } from './commands/send-standalone-email.js';
import { ZSendEmailBody, ZSendEmailResult } from './communications-email.schemas.js';

/** `POST /api/v1/communications/email` (API spec 4.8): one email, outside any conversation, never routed. */
export const communicationsEmailRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/communications/email',
    {
      schema: {
        tags: ['Communications'],
        summary: 'Send an email to one recipient, outside any conversation',
        body: ZSendEmailBody,
        response: { 200: ZSendEmailResult },
      },
    },
    async (request) =>
      sendStandaloneEmail(ctx, {
        orgId: request.org.id,
        initiator: initiatorOf(request.principal),
        body: request.body,
      }),
  );
};
