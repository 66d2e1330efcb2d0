import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { presentAudience } from './audiences.presenter.js';
import { listAudiences } from './audiences.repository.js';
import { ZAudience } from './audiences.schemas.js';

export const audiencesRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/audiences',
      { schema: { tags: ['Audiences'], summary: 'List audiences', response: { 200: z.array(ZAudience) } } },
      async (request) => (await listAudiences(ctx.db, request.org.id)).map(presentAudience),
    );
};
