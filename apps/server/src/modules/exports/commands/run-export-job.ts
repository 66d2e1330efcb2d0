import type { TAppContext } from '../../../app-context.js';
import type { TExportJobStatus } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { CONVERSATION_EXPORT_FILES, type TExportFile } from '../export-files.js';
import { ChunkedLineWriter, FETCH_ROWS, forEachBatch } from '../export-writer.js';
import { findJob, insertChunk, transitionJob, tryLockJob } from '../exports.repository.js';
import { exportInitiator, failExportJob } from './fail-export-job.js';

export interface TRunExportOptions {
  /** The files to write (tests pass one that fails to prove the FAILED path). */
  files?: readonly TExportFile[];
  fetchRows?: number;
  chunkBytes?: number;
}

/**
 * Run one PENDING job: claim it (IN_PROGRESS, visible at once), then read every file from one READ ONLY
 * REPEATABLE READ snapshot through cursors, storing chunks as they fill, and finally mark it COMPLETED with
 * EXPORT_JOB/COMPLETED in a short transaction of its own. The files come from one snapshot; a job's files are
 * listed (and downloadable) only once it is COMPLETED, and a failed run deletes its chunks.
 *
 * Why the reads and the writes are apart: a read-only transaction takes no transaction id, so however long an
 * export runs it never holds back the outbox horizon the webhook dispatcher reads up to (pg_snapshot_xmin). One
 * long writing transaction would delay every org's webhooks for as long as the export takes.
 * The snapshot transaction holds an advisory lock on the job, which tells the stale-job sweep it is still alive;
 * COMPLETED is committed while that lock is still held.
 * Returns the final status, or null when the job was not PENDING (another node took it).
 */
export async function runExportJob(
  ctx: TAppContext,
  orgId: string,
  jobId: string,
  options: TRunExportOptions = {},
): Promise<TExportJobStatus | null> {
  const job = await findJob(ctx.db, orgId, jobId);
  if (job?.status !== 'PENDING') return null;
  if (!(await transitionJob(ctx.db, orgId, jobId, { from: 'PENDING', to: 'IN_PROGRESS', now: ctx.now() }))) {
    return null;
  }
  const files = options.files ?? CONVERSATION_EXPORT_FILES;
  const window = { startAt: job.start_at, endAt: job.end_at };
  try {
    await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (snapshot) => {
        if (!(await tryLockJob(snapshot, orgId, jobId))) throw new Error('another process is running this export');
        for (const file of files) {
          const writer = new ChunkedLineWriter(
            (chunkNo, content) => insertChunk(ctx.db, { orgId, jobId, filename: file.filename, chunkNo, content }),
            options.chunkBytes,
          );
          const query = file.query(snapshot, orgId, window);
          await forEachBatch(snapshot, query, options.fetchRows ?? FETCH_ROWS, async (rows) => {
            for (const row of rows) await writer.writeLine(file.line(row));
          });
          await writer.close();
        }
        await ctx.db.transaction().execute(async (trx) => {
          const now = ctx.now();
          const filenames = files.map((f) => f.filename);
          const completed = await transitionJob(trx, orgId, jobId, {
            from: 'IN_PROGRESS',
            to: 'COMPLETED',
            now,
            files: filenames,
          });
          if (!completed) throw new Error('the job is no longer in progress');
          await appendEvent(trx, orgId, {
            type: 'EXPORT_JOB/COMPLETED',
            initiator: exportInitiator(job.schedule_id),
            content: { jobId },
            occurredAt: now,
          });
        });
      });
    return 'COMPLETED';
  } catch (err) {
    ctx.log.error({ err, orgId, jobId }, 'export job failed');
    const reason = err instanceof Error ? err.message : String(err);
    await ctx.db
      .transaction()
      .execute((trx) => failExportJob(trx, { orgId, id: jobId, scheduleId: job.schedule_id }, reason, ctx.now()));
    return 'FAILED';
  }
}
