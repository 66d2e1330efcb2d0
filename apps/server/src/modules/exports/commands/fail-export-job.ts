import type { TTransaction } from '../../../db/database.js';
import { appendEvent } from '../../../events/outbox.js';
import { deleteChunksOfJob, transitionJob } from '../exports.repository.js';

/** Jobs are produced by their schedule, not by a person: events name the schedule as a SYSTEM initiator. */
export function exportInitiator(scheduleId: string) {
  return { id: scheduleId, type: 'SYSTEM' } as const;
}

/** Mark an IN_PROGRESS job FAILED with EXPORT_JOB/FAILED; false when it was not in progress any more. */
export async function failExportJob(
  trx: TTransaction,
  job: { orgId: string; id: string; scheduleId: string },
  error: string,
  now: Date,
): Promise<boolean> {
  const failed = await transitionJob(trx, job.orgId, job.id, { from: 'IN_PROGRESS', to: 'FAILED', now, error });
  if (failed) {
    // Chunks are written as the export runs, before it completes: a failed job keeps none of them.
    await deleteChunksOfJob(trx, job.orgId, job.id);
    await appendEvent(trx, job.orgId, {
      type: 'EXPORT_JOB/FAILED',
      initiator: exportInitiator(job.scheduleId),
      content: { jobId: job.id },
      occurredAt: now,
    });
  }
  return failed;
}
