import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type TDatabase = Kysely<DB>;
export type TTransaction = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both so commands can compose them. */
export type TExecutor = Kysely<DB> | Transaction<DB>;

// timestamptz → Date is pg's default; bigint (bigserial seq) stays a string so no precision is lost.
export function createDatabase(connectionString: string, options: { max?: number } = {}): TDatabase {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
}

/** Run `work` in one transaction; events appended inside it commit or roll back with the change. */
export function inTransaction<T>(db: TDatabase, work: (trx: TTransaction) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

// Kysely's queries are a fixed set of SQL texts, so each is parsed and planned once per connection as a named
// prepared statement instead of on every call: measured here, that doubles PostgreSQL's point-lookup throughput
// (bench/api, docs/PERFORMANCE.md). Statements without parameters (BEGIN, COMMIT, migrations with several
// statements) stay unnamed. Past MAX_NAMED texts (a runaway of generated IN-lists) new texts stay unnamed too.
const MAX_NAMED = 5000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED) {
    name = `k${createHash('sha1').update(text).digest('base64url')}`;
    statementNames.set(text, name);
  }
  return name;
}

class PreparingPool implements PostgresPool {
  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    return {
      query: ((textOrConfig: unknown, values?: unknown[]) => {
        const name = typeof textOrConfig === 'string' && values?.length ? statementName(textOrConfig) : undefined;
        if (name) return client.query({ name, text: textOrConfig as string, values });
        // Cursors (streaming) and parameterless statements go through untouched.
        return client.query(textOrConfig as string, values);
      }) as unknown as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
