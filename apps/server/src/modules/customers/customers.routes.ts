import { LIST_CAPS } from '@hearth/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { requireRole } from '../../http/api-auth.js';
import { AppError, notFound } from '../../http/errors.js';
import { setLimitedDataHeader } from '../../http/limited-data.js';
import { initiatorOf } from '../../http/request-context.js';
import { createCustomer } from './commands/create-customer.js';
import { deleteCustomerProfile } from './commands/delete-customer.js';
import { updateCustomerProfile } from './commands/update-customer.js';
import { searchCustomers } from './customer-search.js';
import { presentCustomerProfile } from './customers.presenter.js';
import { findProfileById, loadProfiles, resolveMergedId } from './customers.repository.js';
import {
  ZCreateCustomerBody,
  ZCustomerIdParams,
  ZCustomerProfile,
  ZSearchCustomersQuery,
  ZUpdateCustomerBody,
} from './customers.schemas.js';

const TAGS = ['Customers'];
const profileUrl = (id: string) => `/api/v1/customer-profiles/${id}`;

export const customersRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/customer-profiles',
    { schema: { tags: TAGS, summary: 'Create a customer profile', body: ZCreateCustomerBody } },
    async (request, reply) => {
      const { customerId } = await createCustomer(
        ctx,
        request.org.id,
        request.body ?? {},
        initiatorOf(request.principal),
      );
      return reply.code(201).header('Location', profileUrl(customerId)).send();
    },
  );

  api.get(
    '/customer-profiles',
    {
      schema: {
        tags: TAGS,
        summary: 'Find customer profiles by email, phone number or external id',
        querystring: ZSearchCustomersQuery,
        response: { 200: z.array(ZCustomerProfile) },
      },
    },
    async (request, reply) => {
      const cap = LIST_CAPS.customerSearch;
      const rows = await searchCustomers(ctx.db, request.org.id, request.query, cap + 1);
      setLimitedDataHeader(reply, rows.length > cap);
      const profiles = await loadProfiles(ctx.db, request.org.id, rows.slice(0, cap));
      return profiles.map(presentCustomerProfile);
    },
  );

  api.get(
    '/customer-profiles/:customerId',
    {
      schema: {
        tags: TAGS,
        summary: 'Get a customer profile',
        params: ZCustomerIdParams,
        response: { 200: ZCustomerProfile },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const profile = await findProfileById(ctx.db, request.org.id, customerId);
      if (!profile) throw notFound(`customer profile ${customerId} does not exist`);
      const { merged_into_id: mergedInto } = profile.customer;
      if (mergedInto) throw moved(customerId, await resolveMergedId(ctx.db, request.org.id, mergedInto));
      return presentCustomerProfile(profile);
    },
  );

  api.patch(
    '/customer-profiles/:customerId',
    {
      schema: {
        tags: TAGS,
        summary: 'Update a customer profile',
        params: ZCustomerIdParams,
        body: ZUpdateCustomerBody,
      },
    },
    async (request, reply) => {
      await updateCustomerProfile(
        ctx,
        request.org.id,
        request.params.customerId,
        request.body ?? {},
        initiatorOf(request.principal),
      );
      return reply.code(204).send();
    },
  );

  api.delete(
    '/customer-profiles/:customerId',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a customer profile (needs the Compliance Administrator role)',
        params: ZCustomerIdParams,
      },
    },
    async (request, reply) => {
      requireRole(
        request.principal,
        'COMPLIANCE_ADMINISTRATOR',
        'deleting a customer profile needs the Compliance Administrator role',
      );
      await deleteCustomerProfile(ctx, request.org.id, request.params.customerId, initiatorOf(request.principal));
      return reply.code(204).send();
    },
  );
};

/** 301 for a merged-away profile (API spec 4.2); the Location header is an addition clients may follow. */
function moved(oldId: string, newId: string): AppError {
  return new AppError(
    301,
    [{ attr: 'customerId', code: 'moved', detail: 'customer id has changed', meta: { old: oldId, new: newId } }],
    { Location: profileUrl(newId) },
  );
}
