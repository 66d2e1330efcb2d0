import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TRoutePluginOptions } from '../../app-context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { parseTimestamp } from '../../lib/time.js';
import { keysetPages } from '../events-api/keyset-stream.js';
import { deleteExportJob } from './commands/delete-export-job.js';
import { ensureExportSchedule } from './commands/ensure-export-schedule.js';
import { EXPORT_RETENTION_MS } from './export-windows.js';
import { presentJob, presentSchedule } from './exports.presenter.js';
import { findJob, listJobs, readChunks } from './exports.repository.js';
import { ZExportJob, ZExportSchedule, ZFileParams, ZJobParams, ZListJobsQuery } from './exports.schemas.js';

const TAGS = ['Export'];
/** Chunks read per query while streaming a file (about 1 MB). */
const CHUNKS_PER_READ = 4;

export const exportsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/export/schedules',
    { schema: { tags: TAGS, summary: 'List export schedules', response: { 200: z.array(ZExportSchedule) } } },
    async (request) => [presentSchedule(await ensureExportSchedule(ctx, request.org.id))],
  );

  api.get(
    '/export/jobs',
    {
      schema: {
        tags: TAGS,
        summary: 'List export jobs (filtered on updatedAt; default the last 14 days), newest first',
        querystring: ZListJobsQuery,
        response: { 200: z.array(ZExportJob) },
      },
    },
    async (request) => {
      const { status, startAt, endAt } = request.query;
      const from =
        startAt === undefined ? new Date(ctx.now().getTime() - EXPORT_RETENTION_MS) : parseTimestamp(startAt);
      if (!from) throw badRequest('invalid', 'startAt must be an RFC 3339 timestamp', 'startAt');
      const to = endAt === undefined ? undefined : parseTimestamp(endAt);
      if (to === null) throw badRequest('invalid', 'endAt must be an RFC 3339 timestamp', 'endAt');
      if (to && to.getTime() <= from.getTime())
        throw badRequest('invalid', 'endAt must occur after startAt', 'startAt');
      const jobs = await listJobs(ctx.db, request.org.id, { status, updatedFrom: from, updatedTo: to });
      return jobs.map(presentJob);
    },
  );

  api.get(
    '/export/jobs/:jobId',
    { schema: { tags: TAGS, summary: 'Get an export job', params: ZJobParams, response: { 200: ZExportJob } } },
    async (request) => {
      const job = await findJob(ctx.db, request.org.id, request.params.jobId);
      if (!job) throw notFound(`export job ${request.params.jobId} does not exist`);
      return presentJob(job);
    },
  );

  api.delete(
    '/export/jobs/:jobId',
    { schema: { tags: TAGS, summary: 'Delete a finished export job and its files', params: ZJobParams } },
    async (request, reply) => {
      await deleteExportJob(ctx, request.org.id, request.params.jobId);
      return reply.code(204).send();
    },
  );

  api.get(
    '/export/jobs/:jobId/files/:filename',
    {
      schema: {
        tags: TAGS,
        summary: 'Download an export file, streamed as JSON Lines (application/x-ndjson)',
        params: ZFileParams,
      },
    },
    async (request, reply) => {
      const { jobId, filename } = request.params;
      const orgId = request.org.id;
      const job = await findJob(ctx.db, orgId, jobId);
      if (!job) throw notFound(`export job ${jobId} does not exist`);
      if (!job.files.includes(filename)) throw notFound(`file ${filename} does not exist`, 'filename');
      const pages = keysetPages({
        readPage: (after: number | null, limit: number) =>
          readChunks(ctx.db, { orgId, jobId, filename }, after ?? 0, limit),
        keyOf: (chunk) => chunk.chunk_no,
        render: (chunks) => Buffer.concat(chunks.map((c) => c.content)),
        pageSize: CHUNKS_PER_READ,
      });
      return reply.type('application/x-ndjson').send(Readable.from(pages, { objectMode: false }));
    },
  );
};
