import type { TExecutor } from '../../db/database.js';

export function listAudiences(db: TExecutor, orgId: string) {
  return db
    .selectFrom('audiences')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
