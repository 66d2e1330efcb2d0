import type { KyselyPlugin } from 'kysely';
import pg from 'pg';
import { vi } from 'vitest';
import type { TDatabase } from '../src/db/database.js';

/**
 * The same database handle, counting the statements sent through it (raw `sql` ones too; BEGIN and COMMIT are the
 * driver's and are not counted). Hot paths pay a round trip per statement, so tests pin their count.
 */
export function countingStatements(db: TDatabase): { db: TDatabase; count: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), count: () => statements };
}

/**
 * How many times pg's client was asked to send something while `work` ran: each one a round trip (a pipeline of
 * held-back statements, db/preparing-pool.ts, is one).
 */
export async function countRoundTrips(work: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
