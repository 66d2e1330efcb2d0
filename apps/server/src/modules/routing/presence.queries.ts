import type { TExecutor } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import { presentPresence, type TPresence } from './presence.presenter.js';
import { ensurePresenceRow, findPresence, listPresences } from './presence.repository.js';
import { ensureStatusReasons, listStatusReasons, type TStatusReasonRow } from './status-reasons.repository.js';

export type { TChannelGroup, TPresence } from './presence.presenter.js';

async function reasonMap(db: TExecutor, orgId: string): Promise<Map<string, TStatusReasonRow>> {
  await ensureStatusReasons(db, orgId);
  return new Map((await listStatusReasons(db, orgId)).map((r) => [r.id, r]));
}

/**
 * The presence of one user of the org, creating the row with its defaults when missing (and the org's default status
 * reasons when it has none). 404 when the user does not belong to the org.
 */
export async function loadPresence(db: TExecutor, orgId: string, userId: string): Promise<TPresence> {
  let row = await findPresence(db, orgId, userId);
  if (!row) {
    await ensurePresenceRow(db, orgId, userId);
    row = await findPresence(db, orgId, userId);
    if (!row) throw notFound('user does not exist', 'userId');
  }
  return presentPresence(row, await reasonMap(db, orgId));
}

/** Presences of several users of the org (rows created lazily), keyed by user id. */
export async function loadPresences(db: TExecutor, orgId: string, userIds: string[]): Promise<Map<string, TPresence>> {
  let rows = await listPresences(db, orgId, userIds);
  if (rows.length < userIds.length) {
    const have = new Set(rows.map((r) => r.user_id));
    for (const id of userIds) if (!have.has(id)) await ensurePresenceRow(db, orgId, id);
    rows = await listPresences(db, orgId, userIds);
  }
  const reasons = await reasonMap(db, orgId);
  return new Map(rows.map((r) => [r.user_id, presentPresence(r, reasons)]));
}
