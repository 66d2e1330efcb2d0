import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PreparingPool } from './preparing-pool.js';
import type { DB } from './schema.js';

export type TDatabase = Kysely<DB>;
export type TTransaction = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both so commands can compose them. */
export type TExecutor = Kysely<DB> | Transaction<DB>;

// timestamptz → Date is pg's default; bigint (bigserial seq) stays a string so no precision is lost.
/** `options`: PostgreSQL settings for every session of the pool, as libpq's `options` (`-c name=value`). */
export function createDatabase(connectionString: string, options: { max?: number; options?: string } = {}): TDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.options ? { options: options.options } : {}),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
}

/** Run `work` in one transaction; events appended inside it commit or roll back with the change. */
export function inTransaction<T>(db: TDatabase, work: (trx: TTransaction) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
