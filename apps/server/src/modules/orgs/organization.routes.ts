import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { presentOrganization } from './organization.presenter.js';
import { ZOrganization } from './organization.schemas.js';

export const organizationRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app) => {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/organization',
      { schema: { tags: ['Organization'], summary: 'Get the organization', response: { 200: ZOrganization } } },
      async (request) => presentOrganization(request.org, `${request.protocol}://${request.host}`),
    );
};
