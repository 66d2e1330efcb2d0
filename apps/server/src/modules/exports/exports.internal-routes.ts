import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { changeExportFrequency } from './commands/change-export-frequency.js';
import { presentSchedule } from './exports.presenter.js';
import { ZChangeScheduleBody, ZExportSchedule } from './exports.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;

/** Where an administrator changes the export frequency (Gladly leaves this to its support team). */
export const exportsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.patch(
    '/export/schedule',
    { schema: { hide: true, body: ZChangeScheduleBody, response: { 200: ZExportSchedule } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS, 'only administrators can change the export schedule');
      return presentSchedule(await changeExportFrequency(ctx, request.org.id, request.body.frequency));
    },
  );
};
