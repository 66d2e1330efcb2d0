import { sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { channelsOfGroup } from './engine/routing-types.js';

export interface TAgentLoad {
  voice: number;
  messaging: number;
  mail: number;
  tasks: number;
}

const MESSAGING_CHANNELS = channelsOfGroup('MESSAGING');

export function emptyLoad(): TAgentLoad {
  return { voice: 0, messaging: 0, mail: 0, tasks: 0 };
}

/**
 * Open work assigned to agents of the org, by channel group: conversations not CLOSED grouped by their last inbound
 * channel (PHONE_CALL → voice; chat, SMS, social, custom → messaging; email, voicemail or unknown → mail) and OPEN
 * tasks. Only agents with work appear in the map; `userIds` narrows the agents (both queries use the by-agent
 * partial indexes of migration 0007).
 */
export async function loadAgentLoads(
  db: TExecutor,
  orgId: string,
  userIds?: readonly string[],
): Promise<Map<string, TAgentLoad>> {
  const loads = new Map<string, TAgentLoad>();
  if (userIds && userIds.length === 0) return loads;
  const ids = userIds ? [...userIds] : undefined;

  let conversations = db
    .selectFrom('conversations')
    .select([
      'agent_id',
      sql<string>`count(*) FILTER (WHERE channel = 'PHONE_CALL')`.as('voice'),
      sql<string>`count(*) FILTER (WHERE channel IN (${sql.join(MESSAGING_CHANNELS)}))`.as('messaging'),
      sql<string>`count(*) FILTER (WHERE channel IS NULL OR channel NOT IN ('PHONE_CALL', ${sql.join(MESSAGING_CHANNELS)}))`.as(
        'mail',
      ),
    ])
    .where('org_id', '=', orgId)
    .where('agent_id', 'is not', null)
    .where('status', '<>', 'CLOSED')
    .groupBy('agent_id');
  if (ids) conversations = conversations.where('agent_id', 'in', ids);

  let tasks = db
    .selectFrom('tasks')
    .select(['agent_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', orgId)
    .where('agent_id', 'is not', null)
    .where('status', '=', 'OPEN')
    .groupBy('agent_id');
  if (ids) tasks = tasks.where('agent_id', 'in', ids);

  const [conversationRows, taskRows] = await Promise.all([conversations.execute(), tasks.execute()]);
  const loadOf = (agentId: string) => {
    let load = loads.get(agentId);
    if (!load) {
      load = emptyLoad();
      loads.set(agentId, load);
    }
    return load;
  };
  for (const row of conversationRows) {
    if (!row.agent_id) continue;
    const load = loadOf(row.agent_id);
    load.voice = Number(row.voice);
    load.messaging = Number(row.messaging);
    load.mail = Number(row.mail);
  }
  for (const row of taskRows) {
    if (row.agent_id) loadOf(row.agent_id).tasks = Number(row.n);
  }
  return loads;
}

/** Active users of the org holding the AGENT role, by name. */
export async function listActiveAgents(db: TExecutor, orgId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where(sql<boolean>`'AGENT' = ANY(roles)`)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** An active AGENT-role user of the org, or undefined. */
export async function findActiveAgentUser(db: TExecutor, orgId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'roles'])
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .where('active', '=', true)
    .where(sql<boolean>`'AGENT' = ANY(roles)`)
    .executeTakeFirst();
}
