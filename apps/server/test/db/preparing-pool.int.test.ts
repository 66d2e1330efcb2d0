import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type TDatabase, type TExecutor } from '../../src/db/database.js';
import { deferredWrite } from '../../src/db/deferred-write.js';
import { isUniqueViolation, withSavepoint } from '../../src/db/pg-errors.js';
import { newId } from '../../src/lib/ids.js';
import { countRoundTrips } from '../statement-counter.js';

// The pool under every Hearth database handle (db/preparing-pool.ts): prepared statements, and BEGIN held back and
// sent with a transaction's first statement, deferred writes sent with the next statement. `db` has one connection, so every transaction below reuses it.

let db: TDatabase;
let other: TDatabase;
beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 1 });
  other = createDatabase(inject('databaseUrl'), { max: 1 });
  await sql`CREATE TABLE IF NOT EXISTS preparing_pool_rows (id text PRIMARY KEY, note text)`.execute(db);
});
afterAll(async () => {
  await db.destroy();
  await other.destroy();
});

const insertRow = (executor: TExecutor, id: string) =>
  sql`INSERT INTO preparing_pool_rows (id, note) VALUES (${id}, ${'row'})`.execute(executor);
const countRows = (executor: TExecutor, id: string) =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM preparing_pool_rows WHERE id = ${id}`.execute(executor);
/** Seen from another connection: only what is committed. */
const committed = async (id: string) => (await countRows(other, id)).rows[0]?.n === 1;

describe('BEGIN sent with the first statement', () => {
  it('saves the BEGIN round trip once the statement is prepared on the connection; commits as before', async () => {
    const [a, b, c, d] = [newId(), newId(), newId(), newId()];
    // First use of the texts on this connection: BEGIN goes on its own (the statement's Parse must come first).
    const first = await countRoundTrips(() =>
      db.transaction().execute(async (trx) => {
        await insertRow(trx, a);
        await countRows(trx, b);
      }),
    );
    expect(first).toBe(4);
    const prepared = await countRoundTrips(() =>
      db.transaction().execute(async (trx) => {
        await insertRow(trx, c);
        expect((await countRows(trx, c)).rows[0]?.n).toBe(1);
        await insertRow(trx, d);
      }),
    );
    expect(prepared).toBe(4); // insert (carrying the BEGIN), count, insert, COMMIT
    expect(await Promise.all([a, c, d].map(committed))).toEqual([true, true, true]);
    // Uncommitted work stays invisible to others until COMMIT.
    const e = newId();
    await db.transaction().execute(async (trx) => {
      await insertRow(trx, e);
      expect(await committed(e)).toBe(false);
    });
    expect(await committed(e)).toBe(true);
  });

  it('rolls back the statement that carried the BEGIN: it ran inside the transaction', async () => {
    const id = newId();
    await insertRow(db, newId()); // prepared on the connection
    await expect(
      db.transaction().execute(async (trx) => {
        await insertRow(trx, id);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await committed(id)).toBe(false);
  });

  it('answers a failing first statement with its own error; the connection goes on', async () => {
    const taken = newId();
    await insertRow(db, taken);
    const error = await db
      .transaction()
      .execute((trx) => insertRow(trx, taken))
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error, 'preparing_pool_rows_pkey')).toBe(true);
    const next = newId();
    await db.transaction().execute((trx) => insertRow(trx, next));
    expect(await committed(next)).toBe(true);
  });

  it('keeps the isolation level and access mode of START TRANSACTION', async () => {
    const level = () =>
      sql<{ level: string; readOnly: string }>`SELECT current_setting('transaction_isolation') AS level,
        current_setting('transaction_read_only') AS "readOnly", ${1}::int AS one`;
    const read = () =>
      db
        .transaction()
        .setIsolationLevel('serializable')
        .setAccessMode('read only')
        .execute(async (trx) => (await level().execute(trx)).rows[0]);
    await read(); // prepares the statement
    expect(await read()).toMatchObject({ level: 'serializable', readOnly: 'on' });
    expect((await level().execute(db)).rows[0]).toMatchObject({ level: 'read committed', readOnly: 'off' });
  });

  it('sends BEGIN first when the first statement has no parameters, and nothing at all for an empty transaction', async () => {
    const id = newId();
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        await insertRow(trx, id);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await committed(id)).toBe(false);
    expect(await countRoundTrips(() => db.transaction().execute(async () => 'nothing to do'))).toBe(0);
    await expect(
      db.transaction().execute(async () => {
        throw new Error('refused before any statement');
      }),
    ).rejects.toThrow('refused before any statement');
    // The connection is not left inside a transaction: this insert commits on its own.
    const after = newId();
    await insertRow(db, after);
    expect(await committed(after)).toBe(true);
  });
});

describe('deferred writes travel with the next statement', () => {
  const deferInsert = (executor: TExecutor, id: string, note: unknown = 'row') =>
    deferredWrite(executor, sql`INSERT INTO preparing_pool_rows (id, note) VALUES (${id}, ${note})`);
  // Each text's first use on the connection goes with its own Parse, on its own: prepare them all first.
  beforeAll(async () => {
    await db.transaction().execute(async (trx) => {
      await deferInsert(trx, newId());
      await countRows(trx, newId());
      await insertRow(trx, newId());
    });
  });

  it('sends a held write with the next statement, in order (a read after it sees it), and the last with COMMIT', async () => {
    const [a, b] = [newId(), newId()];
    let seen: number | undefined;
    const trips = await countRoundTrips(() =>
      db.transaction().execute(async (trx) => {
        await deferInsert(trx, a);
        seen = (await countRows(trx, a)).rows[0]?.n;
        await deferInsert(trx, b);
      }),
    );
    expect(seen).toBe(1);
    expect(trips).toBe(2); // the count (carrying BEGIN and the first insert), COMMIT (carrying the second)
    expect(await Promise.all([a, b].map(committed))).toEqual([true, true]);
  });

  it("answers the next statement with a failed write's own error; nothing after it ran; the connection goes on", async () => {
    const taken = newId();
    await insertRow(db, taken);
    const [after, earlier] = [newId(), newId()];
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await deferInsert(trx, earlier);
        await deferInsert(trx, taken);
        await insertRow(trx, after);
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error, 'preparing_pool_rows_pkey')).toBe(true);
    expect(await Promise.all([earlier, after].map(committed))).toEqual([false, false]);
    const next = newId();
    await db.transaction().execute((trx) => deferInsert(trx, next));
    expect(await committed(next)).toBe(true);
  });

  it('fails the COMMIT a failed write travelled with: the transaction is rolled back, not committed', async () => {
    const taken = newId();
    await insertRow(db, taken);
    const earlier = newId();
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await insertRow(trx, newId());
        await deferInsert(trx, earlier);
        await deferInsert(trx, taken);
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error, 'preparing_pool_rows_pkey')).toBe(true);
    expect(await committed(earlier)).toBe(false);
  });

  it('drops held writes unsent on ROLLBACK', async () => {
    const id = newId();
    const trips = await countRoundTrips(() =>
      db
        .transaction()
        .execute(async (trx) => {
          await deferInsert(trx, id);
          throw new Error('refused');
        })
        .catch(() => undefined),
    );
    expect(trips).toBe(0);
    expect(await committed(id)).toBe(false);
  });

  it('keeps savepoints: a rolled-back savepoint drops its held writes; a failure inside one is recovered from', async () => {
    const [kept, dropped, taken, last] = [newId(), newId(), newId(), newId()];
    await insertRow(db, taken);
    await db.transaction().execute(async (trx) => {
      await deferInsert(trx, kept);
      await withSavepoint(trx, async () => {
        await deferInsert(trx, dropped);
        throw new Error('inner refusal');
      }).catch(() => undefined);
      // A held write that fails inside a savepoint surfaces at RELEASE, still inside it, and is rolled back to it.
      const error = await withSavepoint(trx, () => deferInsert(trx, taken)).catch((e: unknown) => e);
      expect(isUniqueViolation(error, 'preparing_pool_rows_pkey')).toBe(true);
      await deferInsert(trx, last);
    });
    expect(await Promise.all([kept, dropped, last].map(committed))).toEqual([true, false, true]);
  });

  it('sends a deferred write at once outside a transaction', async () => {
    const id = newId();
    expect(await countRoundTrips(() => deferInsert(db, id))).toBe(1);
    expect(await committed(id)).toBe(true);
  });

  it('sends held writes in turn while a text is new on the connection, with the same outcome', async () => {
    const fresh = createDatabase(inject('databaseUrl'), { max: 1 });
    try {
      const [a, b] = [newId(), newId()];
      const trips = await countRoundTrips(() =>
        fresh.transaction().execute(async (trx) => {
          await deferInsert(trx, a);
          await countRows(trx, a);
          await deferInsert(trx, b);
        }),
      );
      // BEGIN, the first insert, the count (each text's first use goes alone), then COMMIT carrying the second insert,
      // whose text is prepared by then.
      expect(trips).toBe(4);
      expect(await Promise.all([a, b].map(committed))).toEqual([true, true]);
    } finally {
      await fresh.destroy();
    }
  });

  it('ignores the rows a held statement returns; the next statement gets its own', async () => {
    const id = newId();
    await insertRow(db, id);
    const rows = await db.transaction().execute(async (trx) => {
      await deferredWrite(trx, sql`SELECT g FROM generate_series(1, ${3}::int) AS g`);
      await deferredWrite(trx, sql`SELECT g FROM generate_series(1, ${3}::int) AS g`);
      return (await countRows(trx, id)).rows;
    });
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('refuses a held value that cannot be sent before writing anything; the connection goes on', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const [a, b] = [newId(), newId()];
    await expect(
      db.transaction().execute(async (trx) => {
        await deferInsert(trx, a);
        await deferInsert(trx, newId(), circular);
        await countRows(trx, a);
      }),
    ).rejects.toThrow(/circular/i);
    expect(await committed(a)).toBe(false);
    await db.transaction().execute((trx) => deferInsert(trx, b));
    expect(await committed(b)).toBe(true);
  });
});
