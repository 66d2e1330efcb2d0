import { readTransactionHorizon } from '../db/transaction-horizon.js';

/**
 * Outbox `seq` numbers are taken at insert but transactions commit out of order, so "seq > the last one read" can
 * skip a row whose transaction commits later. Readers that must not miss an event (webhook fan-out, realtime) walk
 * the outbox in (xid, seq) order and read only rows below the horizon (db/transaction-horizon.ts): every transaction
 * with an xid below it has ended, so those rows are final and no new one can appear behind the reader's cursor.
 */
export const readOutboxHorizon = readTransactionHorizon;

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
