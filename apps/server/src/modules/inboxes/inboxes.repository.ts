import type { TExecutor } from '../../db/database.js';

const COLUMNS = ['id', 'name', 'disabled', 'sla_minutes'] as const;

export function listInboxes(db: TExecutor, orgId: string) {
  return db.selectFrom('inboxes').select(COLUMNS).where('org_id', '=', orgId).orderBy('name').orderBy('id').execute();
}

export function findInbox(db: TExecutor, orgId: string, inboxId: string) {
  return db
    .selectFrom('inboxes')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .executeTakeFirst();
}

/** An active user of the org, with whether they hold the Agent role and belong to `inboxId`. */
export function findActiveUserForInbox(db: TExecutor, orgId: string, userId: string, inboxId: string) {
  return db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      eb(eb.val('AGENT'), '=', eb.fn.any('u.roles')).as('isAgent'),
      eb
        .exists(
          eb
            .selectFrom('inbox_members as m')
            .select('m.user_id')
            .whereRef('m.org_id', '=', 'u.org_id')
            .whereRef('m.user_id', '=', 'u.id')
            .where('m.inbox_id', '=', inboxId),
        )
        .as('isMember'),
    ])
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', userId)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

/** Member user ids per inbox, for the given inboxes (all of the org's when omitted). */
export async function listInboxMemberIds(db: TExecutor, orgId: string, inboxIds?: string[]) {
  if (inboxIds && inboxIds.length === 0) return new Map<string, string[]>();
  let query = db.selectFrom('inbox_members').select(['inbox_id', 'user_id']).where('org_id', '=', orgId);
  if (inboxIds) query = query.where('inbox_id', 'in', inboxIds);
  const rows = await query.orderBy('inbox_id').orderBy('user_id').execute();
  const byInbox = new Map<string, string[]>();
  for (const row of rows) byInbox.set(row.inbox_id, [...(byInbox.get(row.inbox_id) ?? []), row.user_id]);
  return byInbox;
}

export async function insertInbox(
  db: TExecutor,
  inbox: { orgId: string; id: string; name: string; slaMinutes: number; disabled: boolean },
): Promise<void> {
  await db
    .insertInto('inboxes')
    .values({
      org_id: inbox.orgId,
      id: inbox.id,
      name: inbox.name,
      sla_minutes: inbox.slaMinutes,
      disabled: inbox.disabled,
    })
    .execute();
}

export async function updateInbox(
  db: TExecutor,
  orgId: string,
  inboxId: string,
  changes: { name?: string; slaMinutes?: number; disabled?: boolean },
  at: Date,
): Promise<void> {
  await db
    .updateTable('inboxes')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.slaMinutes !== undefined ? { sla_minutes: changes.slaMinutes } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
      updated_at: at,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', inboxId)
    .execute();
}

export async function replaceInboxMembers(
  db: TExecutor,
  orgId: string,
  inboxId: string,
  userIds: string[],
): Promise<void> {
  await db.deleteFrom('inbox_members').where('org_id', '=', orgId).where('inbox_id', '=', inboxId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('inbox_members')
    .values(userIds.map((userId) => ({ org_id: orgId, inbox_id: inboxId, user_id: userId })))
    .execute();
}
