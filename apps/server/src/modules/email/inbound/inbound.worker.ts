import type { TAppContext } from '../../../app-context.js';
import { PROCESS_EMAIL_JOB, type TProcessEmailJobData } from './commands/accept-inbound-email.js';
import { processInboundEmail } from './commands/process-inbound-email.js';
import { requeueStrandedEmails } from './commands/requeue-stranded-emails.js';

// Several pollers, each taking a batch: a burst of mail (a campaign's replies, a backlog after downtime) is
// parsed in parallel rather than one message per poll. Processing is idempotent, so a retried batch is harmless.
const POLLERS = 4;
const POLLING = { batchSize: 25, pollingIntervalSeconds: 0.5 };
const SWEEP_JOB = 'email.requeue-stranded';

/** Work `email.process` jobs in this process (worker role): parse each stored message into the timeline. */
export async function registerInboundEmailWorker(ctx: TAppContext): Promise<void> {
  for (let i = 0; i < POLLERS; i++) {
    await ctx.jobs.work<TProcessEmailJobData>(PROCESS_EMAIL_JOB, (data) => processInboundEmail(ctx, data), POLLING);
  }
  await ctx.jobs.work(SWEEP_JOB, async () => {
    await requeueStrandedEmails(ctx);
  });
  await ctx.jobs.schedule(SWEEP_JOB, '* * * * *');
  // A process starting after a crash picks up what the crash left half-done at once, not a minute later.
  await requeueStrandedEmails(ctx);
}
