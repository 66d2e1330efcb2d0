import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/events/outbox.js';
import { OUTBOX_START } from '../../src/events/outbox-horizon.js';
import { readFinalEventsAfter } from '../../src/realtime/realtime.repository.js';
import { createTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

const event = (customerId: string) => ({
  type: 'CUSTOMER_PROFILE/UPDATED' as const,
  initiator: { id: 'u1', type: 'API' as const },
  content: { customerId },
});

describe('readFinalEventsAfter: the realtime feed read', () => {
  it('holds back an event committed while an older transaction still runs, and never skips the older one', async () => {
    const o = await createTestOrg(t);
    await t.db.transaction().execute((trx) => appendEvent(trx, o.org.id, event('first')));
    // Other tests on the shared server may hold the horizon for a moment; once "first" is final it stays so.
    await expect
      .poll(async () => (await readFinalEventsAfter(t.db, o.org.id, OUTBOX_START, 100)).events.length)
      .toBe(1);
    // The older transaction takes its xid (by writing its event) and stays open. The event's write is deferred (sent
    // with the transaction's next statement, db/deferred-write.ts): a read sends it.
    const older = await t.db.startTransaction().execute();
    try {
      await appendEvent(older, o.org.id, event('older'));
      await sql`SELECT pg_current_xact_id()`.execute(older);
      await t.db.transaction().execute((trx) => appendEvent(trx, o.org.id, event('newer')));

      const whileOpen = await readFinalEventsAfter(t.db, o.org.id, OUTBOX_START, 100);
      // "newer" is committed and visible, but a transaction below it is still open: not final yet.
      expect(whileOpen.events.map((e) => e.content.customerId)).toEqual(['first']);
      expect(whileOpen.heldBack).toBe(true);
      const after = whileOpen.events.at(-1);
      if (!after) throw new Error('no event read');

      await older.commit().execute();
      // Other transactions of the shared test server may hold the horizon for a moment; it passes.
      await expect
        .poll(async () => {
          const read = await readFinalEventsAfter(t.db, o.org.id, { xid: after.xid, seq: after.seq }, 100);
          return { customers: read.events.map((e) => e.content.customerId), heldBack: read.heldBack };
        })
        .toEqual({ customers: ['older', 'newer'], heldBack: false });
    } finally {
      if (!older.isCommitted) await older.rollback().execute();
    }
  });

  it('reads at most `limit` events, in (xid, seq) order, after the position given', async () => {
    const o = await createTestOrg(t);
    for (const customerId of ['a', 'b', 'c', 'd']) {
      await t.db.transaction().execute((trx) => appendEvent(trx, o.org.id, event(customerId)));
    }
    const read = async (after = OUTBOX_START) => {
      let result = await readFinalEventsAfter(t.db, o.org.id, after, 3);
      for (let i = 0; i < 50 && result.heldBack; i++) {
        await new Promise((r) => setTimeout(r, 50));
        result = await readFinalEventsAfter(t.db, o.org.id, after, 3);
      }
      return result.events;
    };
    const page = await read();
    expect(page.map((e) => e.content.customerId)).toEqual(['a', 'b', 'c']);
    const last = page.at(-1);
    if (!last) throw new Error('no event read');
    expect((await read({ xid: last.xid, seq: last.seq })).map((e) => e.content.customerId)).toEqual(['d']);
  });
});
