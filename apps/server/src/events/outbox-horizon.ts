import { sql } from 'kysely';
import type { TExecutor } from '../db/database.js';

/**
 * Outbox `seq` numbers are taken at insert but transactions commit out of order, so "seq > the last one read" can
 * skip a row whose transaction commits later. Readers that must not miss an event (webhook fan-out, realtime) walk
 * the outbox in (xid, seq) order and read only rows below the horizon: every transaction with an xid below it has
 * ended, so those rows are final and no new one can appear behind the reader's cursor.
 *
 * Take it as a transaction's first statement, before the transaction holds an xid of its own; under READ COMMITTED
 * the statements that follow see every row below it.
 */
export async function readOutboxHorizon(db: TExecutor): Promise<bigint> {
  const { rows } = await sql<{ horizon: string }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`.execute(db);
  return BigInt(rows[0]?.horizon ?? '0');
}

/** A place in the outbox's (xid, seq) order; `{xid:'0', seq:'0'}` is before every event. */
export interface TOutboxPosition {
  xid: string;
  seq: string;
}

export const OUTBOX_START: TOutboxPosition = { xid: '0', seq: '0' };

/** Negative, zero or positive as `a` comes before, at or after `b` in (xid, seq) order. */
export function compareOutboxPositions(a: TOutboxPosition, b: TOutboxPosition): number {
  return compareDecimal(a.xid, b.xid) || compareDecimal(a.seq, b.seq);
}

/**
 * Two non-negative integers as PostgreSQL prints them (no sign, no leading zeros): the longer is larger, equal lengths
 * compare as text. The realtime hub compares positions once per event and socket, so this avoids four BigInts each.
 */
function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
