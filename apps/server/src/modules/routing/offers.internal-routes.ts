import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { initiatorOf } from '../../http/request-context.js';
import { acceptOffer, declineOffer, getMyOffer, requestNext } from './offer-commands.js';

const ZOfferParams = z.object({ offerId: z.string().min(1) });

/** Web-app routes for offers (accept, decline) and Next (issue 6, spec 2.6 and 5.3). */
export const offersInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // The signed-in agent's pending offer, or null: what the banner shows after a page load.
  api.get('/me/offer', async (request) => getMyOffer(ctx.db, request.org.id, request.principal.userId, ctx.now()));

  api.post('/offers/:offerId/accept', { schema: { params: ZOfferParams } }, async (request) =>
    acceptOffer(ctx, {
      orgId: request.org.id,
      agentId: request.principal.userId,
      offerId: request.params.offerId,
      initiator: initiatorOf(request.principal),
    }),
  );

  api.post('/offers/:offerId/decline', { schema: { params: ZOfferParams } }, async (request, reply) => {
    await declineOffer(ctx, {
      orgId: request.org.id,
      agentId: request.principal.userId,
      offerId: request.params.offerId,
      initiator: initiatorOf(request.principal),
    });
    return reply.code(204).send();
  });

  api.post('/me/next', async (request, reply) => {
    await requestNext(ctx, { orgId: request.org.id, agentId: request.principal.userId });
    return reply.code(204).send();
  });
};
