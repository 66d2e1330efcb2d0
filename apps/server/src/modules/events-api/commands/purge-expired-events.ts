import type { TAppContext } from '../../../app-context.js';
import { deleteEventsBefore, listOrgsWithEventsBefore } from '../events-api.repository.js';

/** Events are kept at least this long, for webhooks that resume and for exports (issue: integration surface). */
export const EVENT_RETENTION_DAYS = 30;
const BATCH = 5_000;

/**
 * Delete outbox events older than the retention period, in small batches so no statement holds many row locks or
 * a long transaction. `orgId` limits the purge to one org (tests share a database).
 */
export async function purgeExpiredEvents(ctx: TAppContext, options: { orgId?: string } = {}): Promise<number> {
  const before = new Date(ctx.now().getTime() - EVENT_RETENTION_DAYS * 24 * 3600_000);
  const orgIds = options.orgId ? [options.orgId] : await listOrgsWithEventsBefore(ctx.db, before);
  let deleted = 0;
  for (const orgId of orgIds) {
    for (;;) {
      const n = await deleteEventsBefore(ctx.db, orgId, before, BATCH);
      deleted += n;
      if (n < BATCH) break;
    }
  }
  return deleted;
}
