import { afterEach, describe, expect, it } from 'vitest';
import { runExportTick } from '../../src/modules/exports/commands/run-export-tick.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import { makeCompletedExportJob, makePendingExportJob } from './arrange.js';

const t = useTestApp();
afterEach(() => t.clock.reset());

const notFound = (detail: string, attr?: string) => ({
  errors: [{ ...(attr ? { attr } : {}), code: 'not_exist', detail }],
});

describe('GET /export/jobs', () => {
  it('lists jobs updated in the last 14 days by default, newest first, filtered by status and updatedAt', async () => {
    t.clock.set(new Date('2032-01-01T00:00:00.000Z'));
    const o = await createTestOrg(t);
    const ancient = await makeCompletedExportJob(t, o.org.id);
    t.clock.set(new Date('2032-01-20T00:00:00.000Z'));
    const older = await makeCompletedExportJob(t, o.org.id);
    t.clock.set(new Date('2032-01-21T00:00:00.000Z'));
    const pending = await makePendingExportJob(t, o.org.id);
    t.clock.set(new Date('2032-01-22T00:00:00.000Z'));

    const ids = async (query: string) => {
      const res = await o.request({ method: 'GET', url: `/api/v1/export/jobs${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.data as { id: string }[]).map((j) => j.id);
    };
    expect(await ids('')).toEqual([pending.id, older.id]);
    expect(await ids('?status=COMPLETED')).toEqual([older.id]);
    expect(await ids('?status=PENDING')).toEqual([pending.id]);
    expect(await ids('?status=FAILED')).toEqual([]);
    expect(await ids('?startAt=2031-12-31T00:00:00Z')).toEqual([pending.id, older.id, ancient.id]);
    expect(await ids('?startAt=2031-12-31T00:00:00Z&endAt=2032-01-20T00:00:00.001Z')).toEqual([older.id, ancient.id]);
    // A `+01:00` offset whose plus became a space in the query string.
    expect(await ids('?startAt=2032-01-20T01:00:00.001+01:00')).toEqual([pending.id]);
  });

  it.each([
    ['?status=DONE', 'status', 'invalid'],
    ['?startAt=yesterday', 'startAt', 'invalid'],
    ['?endAt=2032-13-01T00:00:00Z', 'endAt', 'invalid'],
  ])('refuses %s with 400 on %s', async (query, attr, code) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: `/api/v1/export/jobs${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr, code }] });
  });

  it('refuses an endAt that is not after startAt', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'GET',
      url: '/api/v1/export/jobs?startAt=2032-01-02T00:00:00Z&endAt=2032-01-01T00:00:00Z',
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ attr: 'startAt', code: 'invalid', detail: 'endAt must occur after startAt' }],
    });
  });
});

describe('jobs and files that do not exist', () => {
  it('answers 404 for an unknown job, an unknown file, and another org’s job', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const job = await makeCompletedExportJob(t, o.org.id);
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await o.request({ method, url: '/api/v1/export/jobs/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual(notFound('export job nope does not exist'));
    }
    const noJob = await o.request({ method: 'GET', url: '/api/v1/export/jobs/nope/files/agents.jsonl' });
    expect(noJob.data).toEqual(notFound('export job nope does not exist'));
    const noFile = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}/files/passwords.jsonl` });
    expect(noFile.statusCode).toBe(404);
    expect(noFile.headers['content-type']).toMatch(/^application\/json/);
    expect(noFile.data).toEqual(notFound('file passwords.jsonl does not exist', 'filename'));

    for (const url of [`/api/v1/export/jobs/${job.id}`, `/api/v1/export/jobs/${job.id}/files/agents.jsonl`]) {
      expect((await other.request({ method: 'GET', url })).statusCode).toBe(404);
    }
    expect((await other.request({ method: 'DELETE', url: `/api/v1/export/jobs/${job.id}` })).statusCode).toBe(404);
    expect((await other.request({ method: 'GET', url: '/api/v1/export/jobs' })).data).toEqual([]);
    const theirs = (await other.request({ method: 'GET', url: '/api/v1/export/schedules' })).data as { id: string }[];
    expect(theirs[0]?.id).not.toBe(job.scheduleId);
    expect((await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}` })).statusCode).toBe(200);
  });

  it('deletes a COMPLETED job with its files', async () => {
    const o = await createTestOrg(t);
    const job = await makeCompletedExportJob(t, o.org.id);
    const res = await o.request({ method: 'DELETE', url: `/api/v1/export/jobs/${job.id}` });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}` })).statusCode).toBe(404);
    const chunks = await t.db.selectFrom('export_file_chunks').select('job_id').where('job_id', '=', job.id).execute();
    expect(chunks).toEqual([]);
  });

  it('answers 401 in the JSON envelope without credentials', async () => {
    const o = await createTestOrg(t);
    const job = await makeCompletedExportJob(t, o.org.id);
    const res = await o.request({
      method: 'GET',
      url: `/api/v1/export/jobs/${job.id}/files/agents.jsonl`,
      authorization: null,
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.data).toMatchObject({ errors: [{ code: 'unauthorized' }] });
  });
});

describe('the export frequency (internal admin endpoint)', () => {
  it('lets an administrator switch to HOURLY; the scheduler then produces hourly jobs', async () => {
    t.clock.set(new Date('2032-03-03T10:30:00.000Z'));
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR', 'AGENT']);
    const res = await admin.request({
      method: 'PATCH',
      url: '/api/internal/export/schedule',
      body: { frequency: 'HOURLY' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ frequency: 'HOURLY', nextStartAt: '2032-03-03T00:00:00.000Z' });
    const pub = await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    expect(pub.data).toMatchObject([{ frequency: 'HOURLY', updatedAt: '2032-03-03T10:30:00.000Z' }]);

    const tick = await runExportTick(t.ctx, { orgId: o.org.id });
    // 00:00 to 10:00: ten whole hours are over (10:00–11:00 is not).
    expect(tick.produced).toHaveLength(10);
    const jobs = (await o.request({ method: 'GET', url: '/api/v1/export/jobs' })).data as {
      status: string;
      parameters: { startAt: string; endAt: string };
    }[];
    expect(jobs.every((j) => j.status === 'COMPLETED')).toBe(true);
    expect(jobs.map((j) => j.parameters.startAt).sort()).toEqual(
      Array.from({ length: 10 }, (_, h) => `2032-03-03T${String(h).padStart(2, '0')}:00:00.000Z`),
    );
    expect(jobs.find((j) => j.parameters.startAt === '2032-03-03T09:00:00.000Z')?.parameters.endAt).toBe(
      '2032-03-03T10:00:00.000Z',
    );

    // Back to DAILY at 10:30: one short window realigns the schedule to midnight, with no hour skipped.
    const daily = await admin.request({
      method: 'PATCH',
      url: '/api/internal/export/schedule',
      body: { frequency: 'DAILY' },
    });
    expect(daily.data).toMatchObject({ frequency: 'DAILY', nextStartAt: '2032-03-03T10:00:00.000Z' });
    t.clock.set(new Date('2032-03-04T00:15:00.000Z'));
    const next = await runExportTick(t.ctx, { orgId: o.org.id });
    expect(next.produced).toHaveLength(1);
    const realigned = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${next.produced[0]}` });
    expect(realigned.data).toMatchObject({
      parameters: { startAt: '2032-03-03T10:00:00.000Z', endAt: '2032-03-04T00:00:00.000Z' },
    });
  });

  it('is refused to non-administrators and for an unknown frequency', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const refused = await agent.request({
      method: 'PATCH',
      url: '/api/internal/export/schedule',
      body: { frequency: 'HOURLY' },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const bad = await admin.request({
      method: 'PATCH',
      url: '/api/internal/export/schedule',
      body: { frequency: 'WEEKLY' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toMatchObject({ errors: [{ attr: 'frequency', code: 'invalid' }] });
    const schedules = await o.request({ method: 'GET', url: '/api/v1/export/schedules' });
    expect(schedules.data).toMatchObject([{ frequency: 'DAILY' }]);
  });
});
