import { type Compilable, CompiledQuery } from 'kysely';
import type { TTransaction } from '../../db/database.js';

/** Stored chunk size: large enough to keep the row count low, small enough to hold one in memory per export. */
export const CHUNK_BYTES = 256 * 1024;
/** Rows fetched from the cursor at a time (an email item may be large). */
export const FETCH_ROWS = 200;

/**
 * Read every row of `query` through a server-side cursor, `batchSize` rows at a time, so the result set is never
 * in memory whatever its size. Runs inside the caller's transaction (a cursor lives as long as it).
 */
export async function forEachBatch(
  trx: TTransaction,
  query: Compilable<object>,
  batchSize: number,
  onBatch: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  const compiled = query.compile();
  await trx.executeQuery(
    CompiledQuery.raw(`DECLARE hearth_export NO SCROLL CURSOR FOR ${compiled.sql}`, [...compiled.parameters]),
  );
  for (;;) {
    const { rows } = await trx.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`FETCH ${Math.max(1, Math.floor(batchSize))} FROM hearth_export`),
    );
    if (!rows.length) break;
    await onBatch(rows);
  }
  await trx.executeQuery(CompiledQuery.raw('CLOSE hearth_export'));
}

/**
 * A JSON Lines file written as numbered chunks of about `chunkBytes`: lines accumulate until the buffer is full,
 * then go to `store` as one chunk. Memory holds one chunk (plus one line) at a time.
 */
export class ChunkedLineWriter {
  private parts: string[] = [];
  private size = 0;
  private chunkNo = 0;

  constructor(
    private readonly store: (chunkNo: number, content: Buffer) => Promise<void>,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  async writeLine(value: object): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    this.parts.push(line);
    this.size += Buffer.byteLength(line);
    if (this.size >= this.chunkBytes) await this.flush();
  }

  async close(): Promise<void> {
    if (this.size > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const content = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    this.chunkNo += 1;
    await this.store(this.chunkNo, content);
  }
}
