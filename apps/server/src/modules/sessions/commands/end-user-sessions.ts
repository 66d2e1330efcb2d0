import type { TExecutor } from '../../../db/database.js';
import { deleteUserSessions } from '../sessions.repository.js';

/** Sign a user out everywhere (deactivation), inside the caller's transaction. */
export function endUserSessions(trx: TExecutor, orgId: string, userId: string): Promise<number> {
  return deleteUserSessions(trx, orgId, userId);
}
