import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { createInbox } from './commands/create-inbox.js';
import { updateInboxSettings } from './commands/update-inbox.js';
import { presentInboxDetail } from './inboxes.presenter.js';
import { findInbox, listInboxes, listInboxMemberIds } from './inboxes.repository.js';
import { ZCreateInboxBody, ZInboxDetail, ZInboxParams, ZUpdateInboxBody } from './inboxes.schemas.js';

const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;

/** The web app's inbox directory (every signed-in user) and inbox management (admins and team managers). */
export const inboxesInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const loadDetail = async (orgId: string, inboxId: string) => {
    const inbox = await findInbox(ctx.db, orgId, inboxId);
    if (!inbox) throw notFound(`inbox ${inboxId} does not exist`);
    const members = await listInboxMemberIds(ctx.db, orgId, [inboxId]);
    return presentInboxDetail(inbox, members.get(inboxId) ?? []);
  };

  api.get('/inboxes', { schema: { hide: true, response: { 200: z.array(ZInboxDetail) } } }, async (request) => {
    const [inboxes, members] = await Promise.all([
      listInboxes(ctx.db, request.org.id),
      listInboxMemberIds(ctx.db, request.org.id),
    ]);
    return inboxes.map((inbox) => presentInboxDetail(inbox, members.get(inbox.id) ?? []));
  });

  api.get(
    '/inboxes/:inboxId',
    { schema: { hide: true, params: ZInboxParams, response: { 200: ZInboxDetail } } },
    async (request) => loadDetail(request.org.id, request.params.inboxId),
  );

  api.post(
    '/inboxes',
    { schema: { hide: true, body: ZCreateInboxBody, response: { 201: ZInboxDetail } } },
    async (request, reply) => {
      requireAnyRole(request.principal, MANAGERS);
      const id = await createInbox(ctx, request.org.id, request.body);
      return reply
        .code(201)
        .header('Location', `/api/internal/inboxes/${id}`)
        .send(await loadDetail(request.org.id, id));
    },
  );

  api.patch(
    '/inboxes/:inboxId',
    { schema: { hide: true, params: ZInboxParams, body: ZUpdateInboxBody, response: { 200: ZInboxDetail } } },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      await updateInboxSettings(ctx, request.org.id, request.params.inboxId, request.body);
      return loadDetail(request.org.id, request.params.inboxId);
    },
  );
};
