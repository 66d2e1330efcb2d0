import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { presentInbox } from './inboxes.presenter.js';
import { findInbox, listInboxes } from './inboxes.repository.js';
import { ZInbox, ZInboxParams } from './inboxes.schemas.js';

export const inboxesRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/inboxes',
    { schema: { tags: ['Inboxes'], summary: 'List inboxes', response: { 200: z.array(ZInbox) } } },
    async (request) => (await listInboxes(ctx.db, request.org.id)).map(presentInbox),
  );
  api.get(
    '/inboxes/:inboxId',
    { schema: { tags: ['Inboxes'], summary: 'Get an inbox', params: ZInboxParams, response: { 200: ZInbox } } },
    async (request) => {
      const inbox = await findInbox(ctx.db, request.org.id, request.params.inboxId);
      if (!inbox) throw notFound(`inbox ${request.params.inboxId} does not exist`);
      return presentInbox(inbox);
    },
  );
};
