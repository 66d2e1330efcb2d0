import { sql } from 'kysely';
import type { TExecutor } from './database.js';

/**
 * The transaction horizon: the oldest transaction id still running (`pg_snapshot_xmin` of a fresh snapshot). Every
 * transaction below it has ended, so rows written with an xid below it are final and visible to any statement that
 * runs after this one. Readers of a feed ordered by writing transaction (the outbox, the routing journal) read only
 * what they can no longer miss: "xid below the horizon" is complete, "xid at or past the last horizon" misses no
 * transaction however transactions commit out of order.
 *
 * Take it as a transaction's first statement, before the transaction holds an xid of its own; under READ COMMITTED
 * the statements that follow see every row below it.
 */
export async function readTransactionHorizon(db: TExecutor): Promise<bigint> {
  const { rows } = await sql<{ horizon: string }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`.execute(db);
  return BigInt(rows[0]?.horizon ?? '0');
}
