import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

// The pool Kysely draws its connections from, with three savings on the round trips to PostgreSQL (each costs a
// socket write and a wake-up on both sides; on a busy machine the woken backend takes the CPU from Hearth's main
// thread, so a statement's wall time is far more than its work; docs/PERFORMANCE.md):
//
// 1. Named prepared statements. Kysely's queries are a fixed set of SQL texts, so each is parsed and planned once per
//    connection instead of on every call: measured here, that doubles PostgreSQL's point-lookup throughput
//    (bench/api). Statements without parameters (BEGIN, COMMIT, migrations with several statements) stay unnamed.
//    Past MAX_NAMED texts (a runaway of generated IN-lists) new texts stay unnamed too.
// 2. BEGIN travels with the transaction's first statement. Kysely sends BEGIN on its own and waits for the answer;
//    here it is held back and written in the same packet as the next statement, on the extended protocol without a
//    Sync between them (PostgreSQL runs them in order and answers both before one ReadyForQuery), as libpq's pipeline
//    mode would. A transaction that sends nothing at all costs no BEGIN and no COMMIT.
// 3. Deferred writes (`deferredWrite`, db/deferred-write.ts). Inside a transaction, a write whose result its caller
//    does not need (an insert under a fresh id, the events' statement) is held back like the BEGIN and travels with
//    the transaction's next statement, COMMIT included. Order is kept, so later reads see it. If it fails, PostgreSQL
//    skips everything up to the Sync and the next statement's caller gets its error (the transaction is then rolled
//    back as for any failed statement); a ROLLBACK, or a ROLLBACK TO SAVEPOINT (every held write came after the last
//    statement sent, so after any savepoint), drops the held writes unsent. Outside a transaction a deferred write is
//    sent at once.

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
// Parameterless statements that may end a pipeline: one statement each (a parameterless text may hold several, which
// the extended protocol refuses, so others go on their own, as before). A ROLLBACK never does: it drops what is held.
const PIPELINE_CONTROL = /^(commit|savepoint|release)\b/i;
// ROLLBACK, and ROLLBACK TO SAVEPOINT (Kysely's `rollback to "x"`, withSavepoint's `ROLLBACK TO SAVEPOINT "x"`).
const ROLLS_BACK = /^rollback\b/i;

/** Put in front of a write's SQL by deferredWrite (db/deferred-write.ts): the pool may hold it back. */
export const DEFERRED_MARK = '/*deferred*/ ';

// pg's value serialisation (Date, JSON, arrays → text), as its own Query applies it when binding.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (value: unknown) => string | Buffer | null;
};

/** A statement held back to travel with the next one: a BEGIN (no values, unnamed) or a deferred write. */
type THeld = { text: string; name: string | undefined; values: unknown[] | undefined };

type TResult = { command: string; rowCount: number | null; rows: unknown[] };

function nothingSent(command: string): TResult {
  return { command, rowCount: null, rows: [] };
}

// pg's Query as this file uses it: its protocol steps and result handlers are not all in its type definitions.
interface TQuery {
  submit(connection: pg.Connection): Error | null;
  handleCommandComplete(msg: unknown, connection: pg.Connection): void;
  handleDataRow(msg: unknown): void;
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
 * A statement preceded by held-back ones (a BEGIN, deferred writes), in one write: each held one's Parse (unnamed
 * only) /Bind/Execute, then the statement's own Bind/Describe/Execute/Sync (with a Parse when it is unnamed). Only
 * the last one is described, so the held ones' CommandComplete (and any rows) come first and are not its result.
 * The last statement is unnamed or already prepared: pg marks this query's name as prepared on any ParseComplete.
 */
class PipelinedQuery extends Query {
  #heldLeft: number;

  constructor(
    private readonly held: readonly THeld[],
    config: pg.QueryConfig & { queryMode?: 'extended' },
  ) {
    super(config);
    this.#heldLeft = held.length;
  }

  override submit(connection: pg.Connection): Error | null {
    const wire = connection as unknown as TWireConnection;
    // Values are serialised before anything is written: a value that cannot be must not leave half a pipeline on
    // the wire (pg's Query sends Close and Sync in that case, after the held statements would have gone).
    let bound: Array<Array<string | Buffer | null>>;
    try {
      bound = this.held.map((statement) => (statement.values ?? []).map((v) => prepareValue(v)));
      for (const value of (this as unknown as { values?: unknown[] }).values ?? []) prepareValue(value);
    } catch (error) {
      return error as Error;
    }
    wire.stream.cork();
    try {
      this.held.forEach((statement, i) => {
        if (statement.name === undefined) wire.parse({ text: statement.text, name: '', types: [] });
        wire.bind({ portal: '', statement: statement.name ?? '', values: bound[i] ?? [] });
        wire.execute({ portal: '', rows: 0 });
      });
      return super.submit(connection);
    } finally {
      wire.stream.uncork();
    }
  }

  override handleDataRow(msg: unknown): void {
    if (this.#heldLeft > 0) return;
    super.handleDataRow(msg);
  }

  override handleCommandComplete(msg: unknown, connection: pg.Connection): void {
    if (this.#heldLeft > 0) {
      this.#heldLeft -= 1;
      return;
    }
    super.handleCommandComplete(msg, connection);
  }
}

export class PreparingPool implements PostgresPool {
  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    const wire = (client as unknown as { connection: TWireConnection }).connection;
    // Held back until the next statement: the BEGIN (or START TRANSACTION …) Kysely asked for, and deferred writes.
    let heldBegin: string | null = null;
    const held: THeld[] = [];
    let inTransaction = false;

    const send = (text: string, values: unknown[] | undefined, name: string | undefined): Promise<TResult> =>
      (name
        ? client.query({ name, text, values })
        : // Parameterless statements (and texts past MAX_NAMED) go through unnamed.
          client.query(text, values)) as Promise<TResult>;
    // What can travel in a PipelinedQuery: a named statement this connection has prepared (a connection's first use
    // of each text goes with its own Parse, on its own), or a held BEGIN.
    const isPrepared = (statement: THeld) =>
      statement.name !== undefined && wire.parsedStatements[statement.name] === statement.text;

    /** What is held, in order (the BEGIN first); emptied. */
    const takeHeld = (): THeld[] => {
      const statements: THeld[] = heldBegin === null ? [] : [{ text: heldBegin, name: undefined, values: undefined }];
      heldBegin = null;
      statements.push(...held.splice(0));
      return statements;
    };

    const query = async (textOrConfig: unknown, values?: unknown[]): Promise<TResult> => {
      if (typeof textOrConfig !== 'string') {
        // A cursor (streaming) goes through untouched, after what is held.
        for (const statement of takeHeld()) await send(statement.text, statement.values, statement.name);
        return client.query(textOrConfig as pg.QueryConfig) as Promise<TResult>;
      }
      const text = textOrConfig;
      const parameterless = !values?.length;
      if (parameterless && OPENS_TRANSACTION.test(text)) {
        heldBegin = text;
        inTransaction = true;
        return nothingSent('BEGIN');
      }
      const name = values?.length ? statementName(text) : undefined;
      if (inTransaction && !parameterless && text.startsWith(DEFERRED_MARK)) {
        held.push({ text, name, values });
        return nothingSent('DEFERRED');
      }
      if (parameterless && ROLLS_BACK.test(text)) held.length = 0;
      if (parameterless && ENDS_TRANSACTION.test(text)) {
        inTransaction = false;
        if (heldBegin !== null && held.length === 0) {
          heldBegin = null;
          return nothingSent(text.toUpperCase());
        }
      }
      const before = takeHeld();
      if (before.length === 0) return send(text, values, name);
      const statement = { text, name, values };
      const together =
        (isPrepared(statement) || (parameterless && PIPELINE_CONTROL.test(text))) &&
        before.every((s, i) => isPrepared(s) || (i === 0 && s.values === undefined));
      if (!together) return sendInTurn(before, statement);
      return new Promise<TResult>((resolve, reject) => {
        const pipelined = new PipelinedQuery(before, { name, text, values, queryMode: 'extended' });
        pipelined.callback = (error, result) => (error ? reject(error) : resolve(result));
        client.query(pipelined as unknown as pg.Submittable);
      });
    };

    const sendInTurn = async (before: THeld[], statement: THeld): Promise<TResult> => {
      for (const s of before) await send(s.text, s.values, s.name);
      return send(statement.text, statement.values, statement.name);
    };

    return {
      query: query as unknown as PostgresPoolClient['query'],
      release: () => {
        // Kysely ends every transaction before it releases the connection; nothing can be held by then.
        heldBegin = null;
        held.length = 0;
        inTransaction = false;
        client.release();
      },
    };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
