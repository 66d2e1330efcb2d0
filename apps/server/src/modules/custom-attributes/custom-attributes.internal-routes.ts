import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { defineCustomAttribute, updateCustomAttributeDefinition } from './commands/define-custom-attribute.js';
import { presentCustomAttribute } from './custom-attributes.presenter.js';
import { findCustomAttribute, listCustomAttributes } from './custom-attributes.repository.js';
import {
  ZCreateCustomAttributeBody,
  ZCustomAttribute,
  ZCustomAttributeParams,
  ZUpdateCustomAttributeBody,
} from './custom-attributes.schemas.js';

const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;

/** Freeform topic definitions: listed for every signed-in user, defined by admins and team managers. */
export const customAttributesInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const load = async (orgId: string, id: string) => {
    const definition = await findCustomAttribute(ctx.db, orgId, id);
    if (!definition) throw notFound(`custom attribute ${id} does not exist`);
    return presentCustomAttribute(definition);
  };

  api.get(
    '/custom-attributes',
    { schema: { hide: true, response: { 200: z.array(ZCustomAttribute) } } },
    async (request) => (await listCustomAttributes(ctx.db, request.org.id)).map(presentCustomAttribute),
  );

  api.post(
    '/custom-attributes',
    { schema: { hide: true, body: ZCreateCustomAttributeBody, response: { 201: ZCustomAttribute } } },
    async (request, reply) => {
      requireAnyRole(request.principal, MANAGERS);
      const id = await defineCustomAttribute(ctx, request.org.id, {
        ...request.body,
        createdBy: request.principal.userId,
      });
      return reply
        .code(201)
        .header('Location', `/api/internal/custom-attributes/${id}`)
        .send(await load(request.org.id, id));
    },
  );

  api.patch(
    '/custom-attributes/:customAttributeId',
    {
      schema: {
        hide: true,
        params: ZCustomAttributeParams,
        body: ZUpdateCustomAttributeBody,
        response: { 200: ZCustomAttribute },
      },
    },
    async (request) => {
      requireAnyRole(request.principal, MANAGERS);
      await updateCustomAttributeDefinition(ctx, request.org.id, request.params.customAttributeId, request.body);
      return load(request.org.id, request.params.customAttributeId);
    },
  );
};
