import type { FastifyInstance } from 'fastify';
import type { TAppContext } from '../app-context.js';
import { agentsRoutes } from '../modules/agents/agents.routes.js';
import { attachmentsRoutes } from '../modules/attachments/attachments.routes.js';
import { audiencesRoutes } from '../modules/audiences/audiences.routes.js';
import { businessHoursRoutes } from '../modules/business-hours/business-hours.routes.js';
import { conversationsRoutes } from '../modules/conversations/conversations.routes.js';
import { customAttributesRoutes } from '../modules/custom-attributes/custom-attributes.routes.js';
import { customChannelsRoutes } from '../modules/custom-channels/custom-channels.routes.js';
import { customersRoutes } from '../modules/customers/customers.routes.js';
import { communicationsEmailRoutes } from '../modules/email/outbound/communications-email.routes.js';
import { eventsApiRoutes } from '../modules/events-api/events-api.routes.js';
import { exportsRoutes } from '../modules/exports/exports.routes.js';
import { inboxesRoutes } from '../modules/inboxes/inboxes.routes.js';
import { itemsRoutes } from '../modules/items/items.routes.js';
import { notesRoutes } from '../modules/notes/notes.routes.js';
import { organizationRoutes } from '../modules/orgs/organization.routes.js';
import { tasksRoutes } from '../modules/tasks/tasks.routes.js';
import { teamsRoutes } from '../modules/teams/teams.routes.js';
import { topicsRoutes } from '../modules/topics/topics.routes.js';
import { webhooksRoutes } from '../modules/webhooks/webhooks.routes.js';
import { authenticateApiRequest, authenticateSessionApiRequest } from './api-auth.js';
import { AppError } from './errors.js';
import { RateLimiter } from './rate-limit.js';

/** Requests per second per signed-in user and HTTP method when the web app calls /api/v1 with its session. */
export const SESSION_RATE_LIMIT_PER_SECOND = 50;

/** The Gladly-compatible API: every request resolves its org, authenticates, then spends from the org's budget. */
export async function registerApiV1(api: FastifyInstance, ctx: TAppContext): Promise<void> {
  const limiter = new RateLimiter(ctx.env.HEARTH_API_RATE_LIMIT_PER_SECOND);

  // The web app's session requests spend from a per-user budget of their own, never the org's Gladly budget.
  const sessionLimiter = new RateLimiter(SESSION_RATE_LIMIT_PER_SECOND);

  api.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.public) return;
    const session = await authenticateSessionApiRequest(ctx.db, ctx.env.HEARTH_BASE_DOMAIN, request, ctx.now());
    if (session) {
      request.org = session.org;
      request.principal = session.principal;
      reply.header('Cache-Control', 'no-store');
      const key = `${session.org.id}:${session.principal.userId}:${request.method}`;
      if (!sessionLimiter.take(key, Date.now()).allowed) {
        throw new AppError(429, [{ code: 'rate_limited', detail: 'too many requests; the limit is per second' }]);
      }
      return;
    }
    const { org, principal } = await authenticateApiRequest(ctx.db, ctx.env.HEARTH_BASE_DOMAIN, request, ctx.now());
    request.org = org;
    request.principal = principal;
    const { allowed, remaining } = limiter.take(`${request.org.id}:${request.method}`, Date.now());
    reply.header('Ratelimit-Limit-Second', String(limiter.limit));
    reply.header('Ratelimit-Remaining-Second', String(remaining));
    if (!allowed) {
      // Gladly sends no Retry-After; clients back off on their own (API spec 3.5).
      throw new AppError(429, [{ code: 'rate_limited', detail: 'too many requests; the limit is per second' }]);
    }
  });

  const options = { ctx };
  await api.register(organizationRoutes, options);
  await api.register(agentsRoutes, options);
  await api.register(inboxesRoutes, options);
  await api.register(teamsRoutes, options);
  await api.register(audiencesRoutes, options);
  await api.register(topicsRoutes, options);
  await api.register(customAttributesRoutes, options);
  await api.register(customersRoutes, options);
  await api.register(conversationsRoutes, options);
  await api.register(itemsRoutes, options);
  await api.register(notesRoutes, options);
  await api.register(tasksRoutes, options);
  await api.register(businessHoursRoutes, options);
  await api.register(eventsApiRoutes, options);
  await api.register(exportsRoutes, options);
  await api.register(customChannelsRoutes, options);
  await api.register(attachmentsRoutes, options);
  await api.register(communicationsEmailRoutes, options);
  await api.register(webhooksRoutes, options);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes that need no credentials (the public answers API, later). */
    public?: boolean;
  }
}
