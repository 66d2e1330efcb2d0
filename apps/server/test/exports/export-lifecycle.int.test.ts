import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { produceDueExportJobs } from '../../src/modules/exports/commands/produce-due-export-jobs.js';
import { runExportTick } from '../../src/modules/exports/commands/run-export-tick.js';
import type { TExportFile } from '../../src/modules/exports/export-files.js';
import { CONVERSATION_EXPORT_FILES } from '../../src/modules/exports/export-files.js';
import { eventsOf, makeConversation, makeCustomer, makeInboundItem, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { linesOf, makeCompletedExportJob, makePendingExportJob } from './arrange.js';

const t = useTestApp();
const FILES = ['agents.jsonl', 'conversation_items.jsonl', 'customers.jsonl', 'topics.jsonl'];
const DAY = 24 * 3600_000;

describe('export schedules', () => {
  it('creates the org its DAILY schedule on first read, starting with the current UTC day', async () => {
    t.clock.set(new Date('2030-04-05T10:11:12.131Z'));
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    expect(res.statusCode).toBe(200);
    const schedules = res.data as Record<string, unknown>[];
    expect(schedules).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        frequency: 'DAILY',
        type: 'CONVERSATIONS',
        nextStartAt: '2030-04-05T00:00:00.000Z',
        updatedAt: '2030-04-05T10:11:12.131Z',
      },
    ]);
    t.clock.advance(60_000);
    const again = await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    expect(again.data).toEqual(schedules);
    t.clock.reset();
  });
});

describe('the export job lifecycle', () => {
  it('produces a job once the day is over, writes the four files and appends EXPORT_JOB/COMPLETED', async () => {
    t.clock.set(new Date('2030-05-01T09:00:00.000Z'));
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const customer = await makeCustomer(t, o.org.id, { name: 'Ann', email: 'Ann@Example.com', mobile: '+14155550123' });
    const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
    const item = await makeInboundItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      at: new Date('2030-05-01T08:00:00.000Z'),
    });
    const schedules = await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    const scheduleId = (schedules.data as { id: string }[])[0]?.id;

    t.clock.set(new Date('2030-05-02T00:14:00.000Z'));
    expect(await runExportTick(t.ctx, { orgId: o.org.id })).toMatchObject({ produced: [], ran: {} });

    t.clock.set(new Date('2030-05-02T00:20:00.000Z'));
    const tick = await runExportTick(t.ctx, { orgId: o.org.id });
    expect(tick.produced).toHaveLength(1);
    const jobId = tick.produced[0] as string;
    expect(tick.ran).toEqual({ [jobId]: 'COMPLETED' });

    const job = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${jobId}` });
    expect(job.statusCode).toBe(200);
    expect(job.data).toEqual({
      id: jobId,
      scheduleId,
      status: 'COMPLETED',
      updatedAt: '2030-05-02T00:20:00.000Z',
      parameters: { type: 'CONVERSATIONS', startAt: '2030-05-01T00:00:00.000Z', endAt: '2030-05-02T00:00:00.000Z' },
      files: FILES,
    });
    const list = await o.request({ method: 'GET', url: '/api/v1/export/jobs' });
    expect(list.data).toEqual([job.data]);

    const file = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${jobId}/files/conversation_items.jsonl` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/x-ndjson');
    const apiItem = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${item.id}` });
    expect(linesOf(file.body)).toEqual([apiItem.data]);

    expect(await eventsOf(t, o.org.id, ['EXPORT_JOB/COMPLETED'])).toEqual([
      { type: 'EXPORT_JOB/COMPLETED', initiator: { id: scheduleId, type: 'SYSTEM' }, content: { jobId } },
    ]);
    const after = await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    expect(after.data).toMatchObject([{ id: scheduleId, nextStartAt: '2030-05-02T00:00:00.000Z' }]);

    // The next tick of the same day produces nothing more.
    t.clock.advance(60_000);
    expect(await runExportTick(t.ctx, { orgId: o.org.id })).toMatchObject({ produced: [], ran: {} });
    t.clock.reset();
  });

  it('shows a produced job as PENDING and refuses to delete it, or an IN_PROGRESS one', async () => {
    t.clock.set(new Date('2030-06-10T12:00:00.000Z'));
    const o = await createTestOrg(t);
    await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    t.clock.set(new Date('2030-06-11T01:00:00.000Z'));
    const [jobId] = await produceDueExportJobs(t.ctx, { orgId: o.org.id });
    const pending = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${jobId}` });
    expect(pending.data).toMatchObject({ status: 'PENDING', files: [] });

    for (const status of ['PENDING', 'IN_PROGRESS'] as const) {
      await t.db.updateTable('export_jobs').set({ status }).where('org_id', '=', o.org.id).execute();
      const refused = await o.request({ method: 'DELETE', url: `/api/v1/export/jobs/${jobId}` });
      expect(refused.statusCode).toBe(400);
      expect(refused.data).toEqual({
        errors: [
          {
            attr: 'status',
            code: 'temporary_failure',
            detail: `unable to delete job with status [${status}]. Please try again after it has finished`,
          },
        ],
      });
      const still = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${jobId}` });
      expect(still.data).toMatchObject({ status });
    }
    t.clock.reset();
  });

  it('reads without ever holding a transaction id, so a long export never holds back the webhook outbox horizon', async () => {
    t.clock.set(new Date('2030-07-02T12:00:00.000Z'));
    const o = await createTestOrg(t);
    const job = await makePendingExportJob(t, o.org.id);
    // Each row reports whether the reading transaction holds a transaction id at the moment it is fetched; with one
    // row per fetch and a chunk flushed after every line, a chunk written inside that transaction would give it one.
    const seen: (string | null)[] = [];
    const probe: TExportFile = {
      filename: 'topics.jsonl',
      query: (db) =>
        db
          .selectFrom(sql`generate_series(1, 5)`.as('g'))
          .select(sql<string | null>`pg_current_xact_id_if_assigned()::text`.as('xid')),
      line: (row) => {
        seen.push((row as { xid: string | null }).xid);
        return { probe: true };
      },
    };
    t.clock.advance(5_000);
    const tick = await runExportTick(t.ctx, { orgId: o.org.id, files: [probe], chunkBytes: 1, fetchRows: 1 });
    expect(tick.ran).toEqual({ [job.id]: 'COMPLETED' });
    expect(seen).toEqual([null, null, null, null, null]);
    t.clock.reset();
  });

  it('marks a job FAILED with EXPORT_JOB/FAILED when writing a file fails, keeping no partial file', async () => {
    t.clock.set(new Date('2030-07-01T12:00:00.000Z'));
    const o = await createTestOrg(t);
    for (let i = 0; i < 30; i += 1) await makeTopic(t, o.org.id);
    const job = await makePendingExportJob(t, o.org.id);
    const topics = CONVERSATION_EXPORT_FILES.find((f) => f.filename === 'topics.jsonl') as TExportFile;
    let written = 0;
    const breaking: TExportFile = {
      ...topics,
      line: (row) => {
        written += 1;
        if (written > 20) throw new Error('disk on fire');
        return topics.line(row);
      },
    };
    t.clock.advance(5_000);
    const tick = await runExportTick(t.ctx, {
      orgId: o.org.id,
      files: [CONVERSATION_EXPORT_FILES[0] as TExportFile, breaking],
      chunkBytes: 200,
      fetchRows: 5,
    });
    expect(tick.ran).toEqual({ [job.id]: 'FAILED' });
    const res = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}` });
    expect(res.data).toMatchObject({ status: 'FAILED', files: [], updatedAt: '2030-07-01T12:00:05.000Z' });
    const chunks = await t.db
      .selectFrom('export_file_chunks')
      .select('filename')
      .where('org_id', '=', o.org.id)
      .execute();
    expect(chunks).toEqual([]);
    expect(await eventsOf(t, o.org.id, ['EXPORT_JOB/FAILED', 'EXPORT_JOB/COMPLETED'])).toEqual([
      { type: 'EXPORT_JOB/FAILED', initiator: { id: job.scheduleId, type: 'SYSTEM' }, content: { jobId: job.id } },
    ]);
    const file = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}/files/agents.jsonl` });
    expect(file.statusCode).toBe(404);

    const deleted = await o.request({ method: 'DELETE', url: `/api/v1/export/jobs/${job.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}` })).statusCode).toBe(404);
    t.clock.reset();
  });

  it('fails a job whose process died, but not one whose export is still running', async () => {
    t.clock.set(new Date('2030-07-05T12:00:00.000Z'));
    const o = await createTestOrg(t);
    const job = await makePendingExportJob(t, o.org.id);
    await t.db.updateTable('export_jobs').set({ status: 'IN_PROGRESS' }).where('id', '=', job.id).execute();
    t.clock.advance(9 * 60_000);
    expect((await runExportTick(t.ctx, { orgId: o.org.id })).failedStale).toBe(0);

    // Past the stale age, a job whose advisory lock is held (its export transaction is alive) is left alone.
    t.clock.advance(2 * 60_000);
    const lockKey = `hearth.export:${o.org.id}:${job.id}`;
    await t.db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]));
      // Another connection runs the tick while this transaction holds the lock.
      expect((await runExportTick(t.ctx, { orgId: o.org.id })).failedStale).toBe(0);
    });
    const tick = await runExportTick(t.ctx, { orgId: o.org.id });
    expect(tick.failedStale).toBe(1);
    const res = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}` });
    expect(res.data).toMatchObject({ status: 'FAILED', updatedAt: '2030-07-05T12:11:00.000Z' });
    expect(await eventsOf(t, o.org.id, ['EXPORT_JOB/FAILED'])).toHaveLength(1);
    t.clock.reset();
  });

  it('deletes finished jobs and their files after 14 days', async () => {
    t.clock.set(new Date('2030-08-01T12:00:00.000Z'));
    const o = await createTestOrg(t);
    const old = await makeCompletedExportJob(t, o.org.id);
    t.clock.advance(DAY);
    const recent = await makeCompletedExportJob(t, o.org.id);
    expect(
      await t.db.selectFrom('export_file_chunks').select('job_id').where('job_id', '=', old.id).execute(),
    ).not.toEqual([]);

    t.clock.set(new Date(Date.parse('2030-08-01T12:00:00.000Z') + 14 * DAY + 1));
    const tick = await runExportTick(t.ctx, { orgId: o.org.id });
    expect(tick.expired).toBe(1);
    expect((await o.request({ method: 'GET', url: `/api/v1/export/jobs/${old.id}` })).statusCode).toBe(404);
    expect((await o.request({ method: 'GET', url: `/api/v1/export/jobs/${recent.id}` })).statusCode).toBe(200);
    expect(await t.db.selectFrom('export_file_chunks').select('job_id').where('job_id', '=', old.id).execute()).toEqual(
      [],
    );
    t.clock.reset();
  });
});
