import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { TAppContext, TRoutePluginOptions } from '../app-context.js';
import { contactsInternalRoutes } from '../modules/contacts/contacts.internal-routes.js';
import { customAttributesInternalRoutes } from '../modules/custom-attributes/custom-attributes.internal-routes.js';
import { customChannelsInternalRoutes } from '../modules/custom-channels/custom-channels.internal-routes.js';
import { customersInternalRoutes } from '../modules/customers/customers.internal-routes.js';
import { desktopInternalRoutes } from '../modules/desktop/desktop.internal-routes.js';
import { emailEntryPointsInternalRoutes } from '../modules/email/entry-points/entry-points.internal-routes.js';
import { inboundEmailInternalRoutes } from '../modules/email/inbound/inbound.internal-routes.js';
import { emailRelayInternalRoutes } from '../modules/email/outbound/relay.internal-routes.js';
import { exportsInternalRoutes } from '../modules/exports/exports.internal-routes.js';
import { inboxesInternalRoutes } from '../modules/inboxes/inboxes.internal-routes.js';
import { settingsInternalRoutes } from '../modules/orgs/settings.internal-routes.js';
import { offersInternalRoutes } from '../modules/routing/offers.internal-routes.js';
import { presenceInternalRoutes } from '../modules/routing/presence.internal-routes.js';
import { sessionsInternalRoutes } from '../modules/sessions/sessions.internal-routes.js';
import { teamsInternalRoutes } from '../modules/teams/teams.internal-routes.js';
import { topicsInternalRoutes } from '../modules/topics/topics.internal-routes.js';
import { apiTokensInternalRoutes } from '../modules/users/api-tokens.internal-routes.js';
import { usersInternalRoutes } from '../modules/users/users.internal-routes.js';
import { registerSessionAuth } from './session-auth.js';

/**
 * Every module's web-app routes. Each plugin runs behind session auth (request.org and request.principal are set)
 * and CSRF protection; mark a route `config: { public: true }` to skip the session, never the CSRF check.
 * A new module adds its plugin here.
 */
export const INTERNAL_ROUTES: FastifyPluginAsync<TRoutePluginOptions>[] = [
  sessionsInternalRoutes,
  apiTokensInternalRoutes,
  usersInternalRoutes,
  settingsInternalRoutes,
  inboxesInternalRoutes,
  teamsInternalRoutes,
  topicsInternalRoutes,
  customAttributesInternalRoutes,
  customersInternalRoutes,
  exportsInternalRoutes,
  customChannelsInternalRoutes,
  emailEntryPointsInternalRoutes,
  inboundEmailInternalRoutes,
  emailRelayInternalRoutes,
  presenceInternalRoutes,
  offersInternalRoutes,
  contactsInternalRoutes,
  desktopInternalRoutes,
];

/** The web app's own API under /api/internal: session cookie auth (see session-auth.ts), not Gladly-compatible. */
export async function registerInternalApi(internal: FastifyInstance, ctx: TAppContext): Promise<void> {
  registerSessionAuth(internal, ctx);
  // The internal API is the web app's, not part of the Gladly contract: keep it out of the public OpenAPI document.
  internal.addHook('onRoute', (route) => {
    route.schema = { ...(route.schema ?? {}), hide: true };
  });
  for (const routes of INTERNAL_ROUTES) await internal.register(routes, { ctx });
}
