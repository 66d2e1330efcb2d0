import { type Compilable, sql } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import { EXPOSED_ITEM_TYPES } from '../items/item-types.js';
import { presentAgentLine, presentCustomerLine, presentItemLine, presentTopicLine } from './exports.presenter.js';

/** What one export file is: the rows (one query, read through a cursor) and how each row becomes a line. */
export interface TExportFile {
  filename: string;
  query(db: TExecutor, orgId: string, window: { startAt: Date; endAt: Date }): Compilable<object>;
  line(row: object): object;
}

const EXPOSED = [...EXPOSED_ITEM_TYPES] as string[];

/**
 * Every agent, deactivated ones included, so each agent id an exported item names can be resolved.
 */
const agents: TExportFile = {
  filename: 'agents.jsonl',
  query: (db, orgId) =>
    db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('org_id', '=', orgId)
      .where((eb) => eb(eb.val('AGENT'), '=', eb.fn.any('roles')))
      .orderBy('id'),
  line: (row) => presentAgentLine(row as { id: string; name: string; email: string }),
};

/** Items whose timestamp falls in [startAt, endAt), of the types the public API shows, oldest first. */
const conversationItems: TExportFile = {
  filename: 'conversation_items.jsonl',
  query: (db, orgId, window) =>
    db
      .selectFrom('conversation_items')
      .select([
        'id',
        'customer_id',
        'conversation_id',
        'session_id',
        'occurred_at',
        'initiator_id',
        'initiator_type',
        'responder_id',
        'responder_type',
        'content_type',
        'content',
      ])
      .where('org_id', '=', orgId)
      .where('occurred_at', '>=', window.startAt)
      .where('occurred_at', '<', window.endAt)
      .where('content_type', 'in', EXPOSED)
      .orderBy('occurred_at')
      .orderBy('seq'),
  line: (row) => presentItemLine(row as Parameters<typeof presentItemLine>[0]),
};

/** The customers whose timeline has an exported item, so every item's customerId resolves. */
const customers: TExportFile = {
  filename: 'customers.jsonl',
  query: (db, orgId, window) =>
    db
      .selectFrom('customers as c')
      .select(['c.id', 'c.name', 'c.address', 'c.external_customer_id', 'c.external_customer_ids'])
      .select([
        sql<string[]>`coalesce((SELECT array_agg(e.original ORDER BY e.position) FROM customer_emails e
          WHERE e.org_id = c.org_id AND e.customer_id = c.id), '{}')`.as('emails'),
        sql<string[]>`coalesce((SELECT array_agg(p.normalized ORDER BY p.position) FROM customer_phones p
          WHERE p.org_id = c.org_id AND p.customer_id = c.id), '{}')`.as('phones'),
      ])
      .where('c.org_id', '=', orgId)
      .where('c.id', 'in', (eb) =>
        eb
          .selectFrom('conversation_items')
          .select('customer_id')
          .where('org_id', '=', orgId)
          .where('occurred_at', '>=', window.startAt)
          .where('occurred_at', '<', window.endAt)
          .where('content_type', 'in', EXPOSED),
      )
      .orderBy('c.id'),
  line: (row) => presentCustomerLine(row as Parameters<typeof presentCustomerLine>[0]),
};

/** Every topic, disabled ones included (items and conversations may still name them). */
const topics: TExportFile = {
  filename: 'topics.jsonl',
  query: (db, orgId) =>
    db.selectFrom('topics').select(['id', 'name', 'disabled', 'parent_id']).where('org_id', '=', orgId).orderBy('id'),
  line: (row) => presentTopicLine(row as Parameters<typeof presentTopicLine>[0]),
};

/** The files of a CONVERSATIONS export, in the order they are written. */
export const CONVERSATION_EXPORT_FILES: readonly TExportFile[] = [agents, conversationItems, customers, topics];
