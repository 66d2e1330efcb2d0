import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

// The pool Kysely draws its connections from, with two savings on the round trips to PostgreSQL (each costs a
// socket write and a wake-up on both sides, the largest single cost of a busy Hearth process; docs/PERFORMANCE.md):
//
// 1. Named prepared statements. Kysely's queries are a fixed set of SQL texts, so each is parsed and planned once per
//    connection instead of on every call: measured here, that doubles PostgreSQL's point-lookup throughput
//    (bench/api). Statements without parameters (BEGIN, COMMIT, migrations with several statements) stay unnamed.
//    Past MAX_NAMED texts (a runaway of generated IN-lists) new texts stay unnamed too.
// 2. BEGIN travels with the transaction's first statement. Kysely sends BEGIN on its own and waits for the answer;
//    here it is held back and written in the same packet as the next statement, on the extended protocol without a
//    Sync between them (PostgreSQL runs them in order and answers both before one ReadyForQuery), as libpq's pipeline
//    mode would. A transaction that sends nothing at all costs no BEGIN and no COMMIT.

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

// What Kysely's PostgresDriver sends to open and end a transaction (postgres-driver.js): `begin`, or `start
// transaction` with an isolation level or access mode; `commit`; `rollback`.
const OPENS_TRANSACTION = /^(begin|start transaction)\b/i;
const ENDS_TRANSACTION = /^(commit|rollback)$/i;

type TResult = { command: string; rowCount: number | null; rows: unknown[] };

function nothingSent(command: string): TResult {
  return { command, rowCount: null, rows: [] };
}

// pg's Query as this file uses it: its protocol steps and result handlers are not all in its type definitions.
interface TQuery {
  submit(connection: pg.Connection): void;
  handleCommandComplete(msg: unknown, connection: pg.Connection): void;
  callback?: (error: Error | null, result: TResult) => void;
}
const Query = pg.Query as unknown as new (config: pg.QueryConfig) => TQuery;

type TWireConnection = {
  stream: { cork(): void; uncork(): void };
  parse(config: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string; rows: number }): void;
  parsedStatements: Record<string, string>;
};

/**
 * A named, already prepared statement preceded by a held-back BEGIN: Parse/Bind/Execute of the BEGIN, then the
 * statement's Bind/Describe/Execute/Sync, in one write. The BEGIN's CommandComplete is not the statement's result.
 */
class QueryAfterBegin extends Query {
  #beginAnswered = false;

  constructor(
    private readonly begin: string,
    config: pg.QueryConfig,
  ) {
    super(config);
  }

  override submit(connection: pg.Connection): void {
    const wire = connection as unknown as TWireConnection;
    wire.stream.cork();
    try {
      wire.parse({ text: this.begin, name: '', types: [] });
      wire.bind({ portal: '', statement: '', values: [] });
      wire.execute({ portal: '', rows: 0 });
      super.submit(connection);
    } finally {
      wire.stream.uncork();
    }
  }

  override handleCommandComplete(msg: unknown, connection: pg.Connection): void {
    if (!this.#beginAnswered) {
      this.#beginAnswered = true;
      return;
    }
    super.handleCommandComplete(msg, connection);
  }
}

export class PreparingPool implements PostgresPool {
  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    // The BEGIN (or START TRANSACTION …) Kysely asked for and that is not sent yet: one per checkout.
    let heldBegin: string | null = null;

    const query = async (textOrConfig: unknown, values?: unknown[]): Promise<TResult> => {
      const parameterless = typeof textOrConfig === 'string' && !values?.length;
      if (parameterless && OPENS_TRANSACTION.test(textOrConfig)) {
        heldBegin = textOrConfig;
        return nothingSent('BEGIN');
      }
      const name = typeof textOrConfig === 'string' && values?.length ? statementName(textOrConfig) : undefined;
      if (heldBegin !== null) {
        const begin = heldBegin;
        heldBegin = null;
        if (parameterless && ENDS_TRANSACTION.test(textOrConfig)) return nothingSent(textOrConfig.toUpperCase());
        const wire = (client as unknown as { connection: TWireConnection }).connection;
        // Only a statement this connection has prepared already: its Parse would otherwise travel in the same
        // packet, and pg records a statement as prepared on the first ParseComplete it sees (the BEGIN's).
        if (name && wire.parsedStatements[name] === textOrConfig) {
          return new Promise<TResult>((resolve, reject) => {
            const submittable = new QueryAfterBegin(begin, { name, text: textOrConfig as string, values });
            submittable.callback = (error, result) => (error ? reject(error) : resolve(result));
            client.query(submittable as unknown as pg.Submittable);
          });
        }
        await client.query(begin);
      }
      if (name) return client.query({ name, text: textOrConfig as string, values }) as Promise<TResult>;
      // Cursors (streaming) and parameterless statements go through untouched.
      return client.query(textOrConfig as string, values) as Promise<TResult>;
    };

    return {
      query: query as unknown as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
