import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { presentEventLines } from './events-api.presenter.js';
import { readEventPage, type TEventKey } from './events-api.repository.js';
import { ZEventsQuery } from './events-api.schemas.js';
import { parseEventsQuery } from './events-query.js';
import { keysetPages } from './keyset-stream.js';

const PAGE_SIZE = 500;

export const eventsApiRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/events',
    {
      schema: {
        tags: ['Events'],
        summary: 'Stream events of the last 24 hours as JSON Lines (application/x-jsonlines), oldest first',
        querystring: ZEventsQuery,
      },
    },
    async (request, reply) => {
      // Every refusal happens here, before the first byte, so it is still the JSON error envelope.
      const query = parseEventsQuery(request.query, ctx.now());
      const orgId = request.org.id;
      const pages = keysetPages({
        readPage: (after: TEventKey | null, limit: number) => readEventPage(ctx.db, orgId, query, after, limit),
        keyOf: (row) => ({ at: row.key_at, seq: row.seq }),
        render: presentEventLines,
        pageSize: PAGE_SIZE,
      });
      return reply.type('application/x-jsonlines').send(Readable.from(pages, { objectMode: false }));
    },
  );
};
