import type { TAppContext } from '../../../app-context.js';
import type { TJobOptions } from '../../../jobs/job-queue.js';
import { activeUserEmails } from './outbound.repository.js';
import { sendSystemEmail } from './system-email.js';

export const SYSTEM_EMAIL_JOB = 'email.system-notification';

/** A relay that is down for a while: pg-boss tries again with a growing delay, then gives up (the job fails). */
export const SYSTEM_EMAIL_RETRY: TJobOptions = { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true };

export interface TSystemEmailJobData {
  orgId: string;
  userIds: string[];
  /** Only users still holding this role when the job runs are written to. */
  role: string;
  subject: string;
  text: string;
}

/** Send one system notification email to the users of the job. A relay failure throws, so pg-boss retries it. */
export async function sendSystemNotification(ctx: TAppContext, data: TSystemEmailJobData): Promise<void> {
  const to = await activeUserEmails(ctx.db, data.orgId, data.userIds, data.role);
  try {
    await sendSystemEmail(ctx, data.orgId, { to, subject: data.subject, text: data.text });
  } catch (error) {
    ctx.log.error(
      { orgId: data.orgId, subject: data.subject, err: error },
      'system notification email failed; pg-boss retries it until its retry limit, then gives up',
    );
    throw error;
  }
}

/** Work `email.system-notification` jobs in this process (worker role). */
export async function registerSystemEmailWorker(ctx: TAppContext): Promise<void> {
  await ctx.jobs.work<TSystemEmailJobData>(SYSTEM_EMAIL_JOB, (data) => sendSystemNotification(ctx, data));
}
