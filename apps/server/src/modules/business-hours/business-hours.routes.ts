import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { notFound } from '../../http/errors.js';
import { presentBusinessHours } from './business-hours.presenter.js';
import { findBusinessHours, listBusinessHours } from './business-hours.repository.js';
import {
  ZBusinessHours,
  ZBusinessHoursCreate,
  ZBusinessHoursParams,
  ZBusinessHoursReplace,
} from './business-hours.schemas.js';
import { createBusinessHours } from './commands/create-business-hours.js';
import { deleteBusinessHours } from './commands/delete-business-hours.js';
import { BUSINESS_HOURS_NOT_FOUND, replaceBusinessHours } from './commands/replace-business-hours.js';

const tags = ['Business Hours'];

export const businessHoursRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/business-hours',
    { schema: { tags, summary: 'List business hours', response: { 200: z.array(ZBusinessHours) } } },
    async (request) => (await listBusinessHours(ctx.db, request.org.id)).map(presentBusinessHours),
  );

  api.post(
    '/business-hours',
    {
      schema: {
        tags,
        summary: 'Create business hours',
        body: ZBusinessHoursCreate,
        response: { 201: ZBusinessHours },
      },
    },
    async (request, reply) => {
      const row = await createBusinessHours(ctx, request.org.id, request.body);
      return reply.code(201).header('Location', `/api/v1/business-hours/${row.id}`).send(presentBusinessHours(row));
    },
  );

  api.get(
    '/business-hours/:businessHoursId',
    {
      schema: { tags, summary: 'Get business hours', params: ZBusinessHoursParams, response: { 200: ZBusinessHours } },
    },
    async (request) => {
      const row = await findBusinessHours(ctx.db, request.org.id, request.params.businessHoursId);
      if (!row) throw notFound(BUSINESS_HOURS_NOT_FOUND);
      return presentBusinessHours(row);
    },
  );

  api.put(
    '/business-hours/:businessHoursId',
    {
      schema: {
        tags,
        summary: 'Replace business hours (optimistic locking on version)',
        params: ZBusinessHoursParams,
        body: ZBusinessHoursReplace,
        response: { 200: ZBusinessHours },
      },
    },
    async (request) => {
      const row = await replaceBusinessHours(ctx, request.org.id, request.params.businessHoursId, request.body);
      return presentBusinessHours(row);
    },
  );

  api.delete(
    '/business-hours/:businessHoursId',
    { schema: { tags, summary: 'Delete business hours', params: ZBusinessHoursParams } },
    async (request, reply) => {
      await deleteBusinessHours(ctx, request.org.id, request.params.businessHoursId);
      return reply.code(204).send();
    },
  );
};
