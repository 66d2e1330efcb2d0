import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { createCustomChannel, updateCustomChannelSettings } from './commands/create-custom-channel.js';
import { presentCustomChannel } from './custom-channels.presenter.js';
import { findCustomChannel, listCustomChannels } from './custom-channels.repository.js';
import {
  ZChannelParams,
  ZCreateCustomChannelBody,
  ZCustomChannel,
  ZUpdateCustomChannelBody,
} from './custom-channels.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;

/** Custom channel entry points, managed by administrators in the web app ("View Integration Data" shows the id). */
export const customChannelsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const load = async (orgId: string, id: string) => {
    const channel = await findCustomChannel(ctx.db, orgId, id);
    if (!channel) throw notFound(`custom channel ${id} does not exist`);
    return presentCustomChannel(channel);
  };

  api.get('/custom-channels', { schema: { response: { 200: z.array(ZCustomChannel) } } }, async (request) => {
    requireAnyRole(request.principal, ADMINS);
    return (await listCustomChannels(ctx.db, request.org.id)).map(presentCustomChannel);
  });

  api.get(
    '/custom-channels/:customChannelId',
    { schema: { params: ZChannelParams, response: { 200: ZCustomChannel } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      return load(request.org.id, request.params.customChannelId);
    },
  );

  api.post(
    '/custom-channels',
    { schema: { body: ZCreateCustomChannelBody, response: { 201: ZCustomChannel } } },
    async (request, reply) => {
      requireAnyRole(request.principal, ADMINS);
      const id = await createCustomChannel(ctx, request.org.id, request.body);
      return reply
        .code(201)
        .header('Location', `/api/internal/custom-channels/${id}`)
        .send(await load(request.org.id, id));
    },
  );

  api.patch(
    '/custom-channels/:customChannelId',
    { schema: { params: ZChannelParams, body: ZUpdateCustomChannelBody, response: { 200: ZCustomChannel } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS);
      await updateCustomChannelSettings(ctx, request.org.id, request.params.customChannelId, request.body);
      return load(request.org.id, request.params.customChannelId);
    },
  );
};
