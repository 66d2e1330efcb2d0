import type { Compilable, CompiledQuery, RawBuilder } from 'kysely';
import type { TExecutor } from './database.js';
import { DEFERRED_MARK } from './preparing-pool.js';

/**
 * Run a write whose result the caller does not need. Inside a transaction the pool holds it back and sends it with
 * the transaction's next statement (COMMIT included): one round trip for both instead of two
 * (db/preparing-pool.ts). Outside a transaction it is sent at once.
 *
 * Use it only where a failure needs no handling of its own: an error surfaces at the next statement (whose caller
 * then fails, and the transaction rolls back), not here. So not for a write a caller catches a unique violation of,
 * nor for one whose row count or returned rows matter.
 */
export async function deferredWrite(executor: TExecutor, query: Compilable | RawBuilder<unknown>): Promise<void> {
  const compiled: CompiledQuery = 'isRawBuilder' in query ? query.compile(executor) : query.compile();
  await executor.executeQuery({ ...compiled, sql: DEFERRED_MARK + compiled.sql });
}
