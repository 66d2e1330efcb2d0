import type { TRole } from '@hearth/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { forbidden } from '../../http/errors.js';
import { hasRole, initiatorOf } from '../../http/request-context.js';
import { mergeCustomers } from './commands/merge-customers.js';
import { ZCustomerIdParams, ZMergeCustomersBody, ZMergeCustomersResult } from './customers.schemas.js';

const MERGING_ROLES: TRole[] = ['AGENT', 'ADMINISTRATOR', 'TEAM_MANAGER'];

/** The web app's customer actions (session auth, registered under /api/internal by the internal API). */
export const customersInternalRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/customers/:customerId/merge',
    {
      schema: {
        tags: ['Customers'],
        summary: 'Merge another profile into this one',
        params: ZCustomerIdParams,
        body: ZMergeCustomersBody,
        response: { 200: ZMergeCustomersResult },
      },
    },
    async (request) => {
      // Merging is agent work (Customer Match); a Task User or an analyst cannot fold profiles together.
      const { principal } = request;
      if (!MERGING_ROLES.some((role) => hasRole(principal, role))) {
        throw forbidden('only agents can merge customer profiles');
      }
      return mergeCustomers(
        ctx,
        request.org.id,
        { destinationCustomerId: request.params.customerId, sourceCustomerId: request.body.sourceCustomerId },
        initiatorOf(principal),
      );
    },
  );
};
