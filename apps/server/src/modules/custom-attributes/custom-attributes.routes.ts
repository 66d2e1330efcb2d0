import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { presentCustomAttribute } from './custom-attributes.presenter.js';
import { findCustomAttribute } from './custom-attributes.repository.js';
import { ZCustomAttribute, ZCustomAttributeParams } from './custom-attributes.schemas.js';

export const customAttributesRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/custom-attributes/:customAttributeId',
    {
      schema: {
        tags: ['Custom Attributes'],
        summary: 'Get a custom attribute definition',
        params: ZCustomAttributeParams,
        response: { 200: ZCustomAttribute },
      },
    },
    async (request) => {
      const { customAttributeId } = request.params;
      const definition = await findCustomAttribute(ctx.db, request.org.id, customAttributeId);
      if (!definition) throw notFound(`custom attribute ${customAttributeId} does not exist`);
      return presentCustomAttribute(definition);
    },
  );
};
