import type { TExecutor } from '../../db/database.js';
import { presentStatusReason } from './presence.presenter.js';
import { ensureStatusReasons, listStatusReasons } from './status-reasons.repository.js';

/** The org's status reasons as the API shows them (seeded on first read). */
export async function loadStatusReasons(db: TExecutor, orgId: string) {
  await ensureStatusReasons(db, orgId);
  return (await listStatusReasons(db, orgId)).map(presentStatusReason);
}
