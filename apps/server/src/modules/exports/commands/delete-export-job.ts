import type { TAppContext } from '../../../app-context.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { deleteJob, findJobForUpdate } from '../exports.repository.js';

/** Delete a finished job and its files (API spec 4.17); a job still queued or running is refused. */
export async function deleteExportJob(ctx: TAppContext, orgId: string, jobId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const job = await findJobForUpdate(trx, orgId, jobId);
    if (!job) throw notFound(`export job ${jobId} does not exist`);
    if (job.status !== 'COMPLETED' && job.status !== 'FAILED') {
      throw badRequest(
        'temporary_failure',
        `unable to delete job with status [${job.status}]. Please try again after it has finished`,
        'status',
      );
    }
    await deleteJob(trx, orgId, jobId);
  });
}
