import { sql } from 'kysely';
import { dropEventsAfter, eventBatchMark } from '../events/outbox.js';
import { newId } from '../lib/ids.js';
import type { TTransaction } from './database.js';

/** PostgreSQL's unique_violation (23505), optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const violated = uniqueViolation(error);
  return violated !== null && (constraint === undefined || violated.constraint === constraint);
}

/** The unique index that refused a row, when `error` is a unique_violation. */
export function uniqueViolation(error: unknown): { constraint: string } | null {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' ? { constraint: e.constraint ?? '' } : null;
}

/**
 * Run `work` under a savepoint so a refused statement (a unique-index race lost to another transaction) can be
 * caught and recovered from without aborting the caller's whole transaction.
 */
export async function withSavepoint<T>(trx: TTransaction, work: () => Promise<T>): Promise<T> {
  const name = sql.id(`sp_${newId().replace(/[^A-Za-z0-9]/g, '')}`);
  await sql`SAVEPOINT ${name}`.execute(trx);
  const batchMark = eventBatchMark(trx);
  try {
    const result = await work();
    await sql`RELEASE SAVEPOINT ${name}`.execute(trx);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(trx);
    dropEventsAfter(trx, batchMark);
    throw error;
  }
}
