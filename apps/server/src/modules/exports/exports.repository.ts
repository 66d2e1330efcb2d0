import { sql } from 'kysely';
import type { TExecutor, TTransaction } from '../../db/database.js';
import type { TExportFrequency, TExportJobStatus } from '../../db/schema.js';

// Schedules, jobs and stored file chunks. Every query names the org, except the scheduler's sweeps over all orgs.

export function findSchedule(db: TExecutor, orgId: string) {
  return db.selectFrom('export_schedules').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** Create the org's schedule unless it has one (two racing requests create one). */
export async function insertScheduleIfMissing(
  db: TExecutor,
  row: { orgId: string; id: string; nextStartAt: Date; now: Date },
): Promise<void> {
  await db
    .insertInto('export_schedules')
    .values({
      org_id: row.orgId,
      id: row.id,
      next_start_at: row.nextStartAt,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
}

export function listOrgsWithoutSchedule(db: TExecutor) {
  return db
    .selectFrom('orgs')
    .select('id')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('export_schedules').select('id').whereRef('export_schedules.org_id', '=', 'orgs.id')),
      ),
    )
    .execute();
}

/**
 * Lock the schedules whose next window has ended at least `graceMs` ago (all orgs, or one), skipping those another
 * scheduler holds, so no window is produced twice. Windows end on UTC hour or day boundaries counted from the
 * epoch, as export-windows.ts computes them; only due schedules are locked.
 */
export function lockDueSchedules(trx: TTransaction, now: Date, graceMs: number, orgId?: string) {
  let q = trx
    .selectFrom('export_schedules')
    .selectAll()
    .where(
      sql<boolean>`date_bin(CASE frequency WHEN 'HOURLY' THEN interval '1 hour' ELSE interval '1 day' END,
        next_start_at, timestamptz '1970-01-01T00:00:00Z')
        + CASE frequency WHEN 'HOURLY' THEN interval '1 hour' ELSE interval '1 day' END
        + make_interval(secs => ${graceMs / 1000}) <= ${now}`,
    );
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.forUpdate().skipLocked().execute();
}

export async function updateSchedule(
  db: TExecutor,
  orgId: string,
  changes: { nextStartAt?: Date; frequency?: TExportFrequency; now: Date },
): Promise<void> {
  await db
    .updateTable('export_schedules')
    .set({
      ...(changes.nextStartAt ? { next_start_at: changes.nextStartAt } : {}),
      ...(changes.frequency ? { frequency: changes.frequency } : {}),
      updated_at: changes.now,
    })
    .where('org_id', '=', orgId)
    .execute();
}

export async function insertJob(
  trx: TTransaction,
  job: { orgId: string; id: string; scheduleId: string; startAt: Date; endAt: Date; now: Date },
): Promise<void> {
  await trx
    .insertInto('export_jobs')
    .values({
      org_id: job.orgId,
      id: job.id,
      schedule_id: job.scheduleId,
      start_at: job.startAt,
      end_at: job.endAt,
      error: null,
      created_at: job.now,
      updated_at: job.now,
    })
    .execute();
}

const JOB_COLUMNS = ['id', 'schedule_id', 'status', 'start_at', 'end_at', 'files', 'updated_at'] as const;

export function findJob(db: TExecutor, orgId: string, jobId: string) {
  return db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', jobId)
    .executeTakeFirst();
}

export function findJobForUpdate(trx: TTransaction, orgId: string, jobId: string) {
  return trx
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', jobId)
    .forUpdate()
    .executeTakeFirst();
}

export function listJobs(
  db: TExecutor,
  orgId: string,
  filter: { status?: TExportJobStatus; updatedFrom: Date; updatedTo?: Date },
) {
  let q = db
    .selectFrom('export_jobs')
    .select(JOB_COLUMNS)
    .where('org_id', '=', orgId)
    .where('updated_at', '>=', filter.updatedFrom);
  if (filter.updatedTo) q = q.where('updated_at', '<', filter.updatedTo);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('updated_at', 'desc').orderBy('id').execute();
}

export async function deleteJob(trx: TTransaction, orgId: string, jobId: string): Promise<void> {
  await trx.deleteFrom('export_jobs').where('org_id', '=', orgId).where('id', '=', jobId).execute();
}

/** PENDING jobs to run, oldest first (all orgs, or one). */
export function listPendingJobs(db: TExecutor, orgId?: string) {
  let q = db.selectFrom('export_jobs').select(['org_id', 'id']).where('status', '=', 'PENDING');
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('created_at').execute();
}

/** Move a job from one status to the next; false when it was not in `from` any more (another node took it). */
export async function transitionJob(
  db: TExecutor,
  orgId: string,
  jobId: string,
  change: { from: TExportJobStatus; to: TExportJobStatus; now: Date; files?: string[]; error?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('export_jobs')
    .set({
      status: change.to,
      updated_at: change.now,
      ...(change.files ? { files: change.files } : {}),
      ...(change.error !== undefined ? { error: change.error.slice(0, 2000) } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', jobId)
    .where('status', '=', change.from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** IN_PROGRESS jobs untouched since `before`: candidates for "the node running it died". */
export function listStaleJobs(db: TExecutor, before: Date, orgId?: string) {
  let q = db
    .selectFrom('export_jobs')
    .select(['org_id', 'id', 'schedule_id'])
    .where('status', '=', 'IN_PROGRESS')
    .where('updated_at', '<', before);
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.execute();
}

/** The advisory lock a running export holds for its whole transaction; free means nobody is running it. */
export async function tryLockJob(trx: TTransaction, orgId: string, jobId: string): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`hearth.export:${orgId}:${jobId}`}, 0)) AS locked`.execute(trx);
  return result.rows[0]?.locked === true;
}

export async function deleteJobsUpdatedBefore(db: TExecutor, before: Date, orgId?: string): Promise<number> {
  let q = db.deleteFrom('export_jobs').where('updated_at', '<', before).where('status', 'in', ['COMPLETED', 'FAILED']);
  if (orgId) q = q.where('org_id', '=', orgId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertChunk(
  trx: TExecutor,
  chunk: { orgId: string; jobId: string; filename: string; chunkNo: number; content: Buffer },
): Promise<void> {
  await trx
    .insertInto('export_file_chunks')
    .values({
      org_id: chunk.orgId,
      job_id: chunk.jobId,
      filename: chunk.filename,
      chunk_no: chunk.chunkNo,
      content: chunk.content,
    })
    .execute();
}

/** The chunks of a job that did not complete, so a failed or abandoned run leaves no partial file behind. */
export async function deleteChunksOfJob(db: TExecutor, orgId: string, jobId: string): Promise<void> {
  await db.deleteFrom('export_file_chunks').where('org_id', '=', orgId).where('job_id', '=', jobId).execute();
}

export function readChunks(
  db: TExecutor,
  file: { orgId: string; jobId: string; filename: string },
  afterChunkNo: number,
  limit: number,
) {
  return db
    .selectFrom('export_file_chunks')
    .select(['chunk_no', 'content'])
    .where('org_id', '=', file.orgId)
    .where('job_id', '=', file.jobId)
    .where('filename', '=', file.filename)
    .where('chunk_no', '>', afterChunkNo)
    .orderBy('chunk_no')
    .limit(limit)
    .execute();
}
