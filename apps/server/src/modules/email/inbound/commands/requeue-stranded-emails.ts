import { sql } from 'kysely';
import type { TAppContext } from '../../../../app-context.js';
import { PROCESS_EMAIL_JOB, type TProcessEmailJobData } from './accept-inbound-email.js';

/**
 * A message whose job was taken by a process that then died stays RECEIVED, its job "active" until pg-boss
 * expires it (15 minutes). At start and then every minute, every RECEIVED message without a job waiting to run
 * gets a fresh one. Processing is idempotent, so a message whose job is in fact still running elsewhere is
 * processed once all the same. Reads pg-boss's own job table (schema `pgboss`).
 */
export async function requeueStrandedEmails(ctx: TAppContext): Promise<number> {
  const stranded = await sql<{ org_id: string; id: string }>`
    SELECT e.org_id, e.id FROM inbound_emails e
    WHERE e.status = 'RECEIVED'
      AND NOT EXISTS (
        SELECT 1 FROM pgboss.job j
        WHERE j.name = ${PROCESS_EMAIL_JOB} AND j.data->>'inboundEmailId' = e.id AND j.data->>'orgId' = e.org_id
          AND j.state IN ('created', 'retry')
      )
    LIMIT 10000
  `.execute(ctx.db);
  if (stranded.rows.length === 0) return 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of stranded.rows) {
      const job: TProcessEmailJobData = { orgId: row.org_id, inboundEmailId: row.id };
      await ctx.jobs.send(trx, PROCESS_EMAIL_JOB, job, { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true });
    }
  });
  ctx.log.warn({ count: stranded.rows.length }, 'requeued received emails whose processing was interrupted');
  return stranded.rows.length;
}
