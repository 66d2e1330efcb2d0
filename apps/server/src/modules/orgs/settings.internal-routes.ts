import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { requireAnyRole } from '../../http/session-auth.js';
import { changeOrgSettings } from './commands/update-org-settings.js';
import { presentOrgSettings } from './settings.presenter.js';
import { ZOrgSettings, ZUpdateOrgSettingsBody } from './settings.schemas.js';

const ADMINS = ['ADMINISTRATOR'] as const;
const ADMIN_ONLY = 'only administrators can change organization settings';

/** Organization settings: administrators only. */
export const settingsInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/settings', { schema: { hide: true, response: { 200: ZOrgSettings } } }, async (request) => {
    requireAnyRole(request.principal, ADMINS, ADMIN_ONLY);
    return presentOrgSettings(request.org);
  });

  api.patch(
    '/settings',
    { schema: { hide: true, body: ZUpdateOrgSettingsBody, response: { 200: ZOrgSettings } } },
    async (request) => {
      requireAnyRole(request.principal, ADMINS, ADMIN_ONLY);
      return presentOrgSettings(await changeOrgSettings(ctx, request.org.id, request.body));
    },
  );
};
