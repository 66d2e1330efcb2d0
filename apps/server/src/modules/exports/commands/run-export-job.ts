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
 * Run one PENDING job: claim it (IN_PROGRESS, visible at once), then in one REPEATABLE READ transaction stream
 * each file from a cursor into stored chunks and mark it COMPLETED with EXPORT_JOB/COMPLETED. The files come from
 * one snapshot and commit with the status, so a COMPLETED job always has all its files and a crash leaves none.
 * The transaction holds an advisory lock on the job, which tells the stale-job sweep the job is still alive.
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
      .execute(async (trx) => {
        if (!(await tryLockJob(trx, orgId, jobId))) throw new Error('another process is running this export');
        for (const file of files) {
          const writer = new ChunkedLineWriter(
            (chunkNo, content) => insertChunk(trx, { orgId, jobId, filename: file.filename, chunkNo, content }),
            options.chunkBytes,
          );
          await forEachBatch(trx, file.query(trx, orgId, window), options.fetchRows ?? FETCH_ROWS, async (rows) => {
            for (const row of rows) await writer.writeLine(file.line(row));
          });
          await writer.close();
        }
        const now = ctx.now();
        const filenames = files.map((f) => f.filename);
        if (
          !(await transitionJob(trx, orgId, jobId, { from: 'IN_PROGRESS', to: 'COMPLETED', now, files: filenames }))
        ) {
          throw new Error('the job is no longer in progress');
        }
        await appendEvent(trx, orgId, {
          type: 'EXPORT_JOB/COMPLETED',
          initiator: exportInitiator(job.schedule_id),
          content: { jobId },
          occurredAt: now,
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
