import type { TExecutor } from '../../db/database.js';

// An agent is an active user holding the Agent role (API users are agents with one more permission).
export function listAgents(db: TExecutor, orgId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where((eb) => eb(eb.val('AGENT'), '=', eb.fn.any('roles')))
    .orderBy('name')
    .execute();
}

/** By id, or by login email where Gladly accepts either (the call-recorder endpoints). */
export function findAgent(db: TExecutor, orgId: string, agentId: string, options: { orEmail?: boolean } = {}) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      options.orEmail ? eb.or([eb('id', '=', agentId), eb('email', '=', agentId)]) : eb('id', '=', agentId),
    )
    .where('active', '=', true)
    .where((eb) => eb(eb.val('AGENT'), '=', eb.fn.any('roles')))
    .executeTakeFirst();
}
