import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withSavepoint } from '../../src/db/pg-errors.js';
import {
  appendEvent,
  appendEvents,
  notifyInTransaction,
  OUTBOX_CHANNEL,
  readEventsAfter,
  withEventBatch,
} from '../../src/events/outbox.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { countingStatements } from '../statement-counter.js';

const t = useTestApp();
const listener = new pg.Client({ connectionString: inject('databaseUrl') });
const notifications: string[] = [];
// A channel of this file's own for notifyInTransaction, its payloads in arrival order.
const TEST_CHANNEL = 'hearth_outbox_test';
const testNotifications: string[] = [];

beforeAll(async () => {
  await listener.connect();
  listener.on('notification', (n) =>
    (n.channel === TEST_CHANNEL ? testNotifications : notifications).push(n.payload ?? ''),
  );
  await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
  await listener.query(`LISTEN ${TEST_CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
});

describe('the transactional outbox', () => {
  it('stores a committed event with its initiator and notifies listeners after commit', async () => {
    const o = await createTestOrg(t);
    await t.db.transaction().execute(async (trx) => {
      await appendEvent(trx, o.org.id, {
        type: 'CUSTOMER_PROFILE/CREATED',
        initiator: { id: 'u1', type: 'API' },
        content: { customerId: 'c1' },
      });
      // Inside the transaction nothing is visible or announced yet.
      expect(await readEventsAfter(t.db, o.org.id)).toEqual([]);
    });
    const events = await readEventsAfter(t.db, o.org.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CUSTOMER_PROFILE/CREATED',
      initiator: { id: 'u1', type: 'API' },
      content: { customerId: 'c1' },
    });
    expect(events[0]?.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await expect.poll(() => notifications.includes(o.org.id)).toBe(true);
  });

  it('keeps nothing and announces nothing when the transaction rolls back', async () => {
    const o = await createTestOrg(t);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await appendEvent(trx, o.org.id, {
          type: 'CUSTOMER_PROFILE/DELETED',
          initiator: { id: 'u1', type: 'API' },
          content: { customerId: 'c1' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // A later committed event for another org proves the listener is live before we check for absence.
    const witness = await createTestOrg(t);
    await t.db
      .transaction()
      .execute((trx) =>
        appendEvent(trx, witness.org.id, { type: 'PING', initiator: { id: 'x', type: 'SYSTEM' }, content: {} }),
      );
    await expect.poll(() => notifications.includes(witness.org.id)).toBe(true);
    expect(notifications).not.toContain(o.org.id);
    expect(await readEventsAfter(t.db, o.org.id)).toEqual([]);
  });

  it('reads events in the order they were written, after a given sequence', async () => {
    const o = await createTestOrg(t);
    for (const customerId of ['a', 'b', 'c']) {
      await t.db.transaction().execute((trx) =>
        appendEvent(trx, o.org.id, {
          type: 'CUSTOMER_PROFILE/UPDATED',
          initiator: { id: 'u1', type: 'API' },
          content: { customerId },
        }),
      );
    }
    const all = await readEventsAfter(t.db, o.org.id);
    expect(all.map((e) => e.content.customerId)).toEqual(['a', 'b', 'c']);
    const rest = await readEventsAfter(t.db, o.org.id, all[0]?.seq);
    expect(rest.map((e) => e.content.customerId)).toEqual(['b', 'c']);
  });

  it('appends several events in one statement, in the order given, announced once at commit', async () => {
    const o = await createTestOrg(t);
    const ids = await t.db.transaction().execute(async (trx) => {
      const written = await appendEvents(
        trx,
        o.org.id,
        ['z', 'a', 'm'].map((customerId) => ({
          type: 'CUSTOMER_PROFILE/UPDATED' as const,
          initiator: { id: 'u1', type: 'API' as const },
          content: { customerId },
        })),
      );
      expect(await readEventsAfter(t.db, o.org.id)).toEqual([]);
      return written;
    });
    const all = await readEventsAfter(t.db, o.org.id);
    expect(all.map((e) => e.content.customerId)).toEqual(['z', 'a', 'm']);
    expect(all.map((e) => e.id)).toEqual(ids);
    await expect.poll(() => notifications.includes(o.org.id)).toBe(true);
    expect(await t.db.transaction().execute((trx) => appendEvents(trx, o.org.id, []))).toEqual([]);
  });
});

describe('an event batch (withEventBatch)', () => {
  const event = (customerId: string) => ({
    type: 'CUSTOMER_PROFILE/UPDATED' as const,
    initiator: { id: 'u1', type: 'API' as const },
    content: { customerId },
  });
  const customersOf = (events: { content: Record<string, unknown> }[]) => events.map((e) => e.content.customerId);

  it('holds the events back until the work returns, then writes them in the order appended, before commit', async () => {
    const o = await createTestOrg(t);
    await t.db.transaction().execute(async (trx) => {
      const ids = await withEventBatch(trx, async () => {
        const first = await appendEvent(trx, o.org.id, event('a'));
        const more = await appendEvents(trx, o.org.id, [event('b'), event('c')]);
        // Nested batches join the outer one.
        const nested = await withEventBatch(trx, () => appendEvent(trx, o.org.id, event('d')));
        // Not even this transaction sees them yet: nothing has been written.
        expect(await readEventsAfter(trx, o.org.id)).toEqual([]);
        return [first, ...more, nested];
      });
      const written = await readEventsAfter(trx, o.org.id);
      expect(customersOf(written)).toEqual(['a', 'b', 'c', 'd']);
      expect(written.map((e) => e.id)).toEqual(ids);
      // After the batch, events are written as they are appended again.
      await appendEvent(trx, o.org.id, event('e'));
      expect(customersOf(await readEventsAfter(trx, o.org.id))).toEqual(['a', 'b', 'c', 'd', 'e']);
    });
    expect(customersOf(await readEventsAfter(t.db, o.org.id))).toEqual(['a', 'b', 'c', 'd', 'e']);
    await expect.poll(() => notifications.includes(o.org.id)).toBe(true);
  });

  it('forgets the events of statements rolled back to a savepoint, as the database forgets their rows', async () => {
    const o = await createTestOrg(t);
    await t.db.transaction().execute((trx) =>
      withEventBatch(trx, async () => {
        await appendEvent(trx, o.org.id, event('kept-before'));
        await expect(
          withSavepoint(trx, async () => {
            await appendEvent(trx, o.org.id, event('rolled-back'));
            throw new Error('lost a race');
          }),
        ).rejects.toThrow('lost a race');
        await withSavepoint(trx, () => appendEvent(trx, o.org.id, event('kept-inside')));
        await appendEvent(trx, o.org.id, event('kept-after'));
      }),
    );
    expect(customersOf(await readEventsAfter(t.db, o.org.id))).toEqual(['kept-before', 'kept-inside', 'kept-after']);
  });

  it('writes nothing when the work throws', async () => {
    const o = await createTestOrg(t);
    await t.db.transaction().execute(async (trx) => {
      await expect(
        withEventBatch(trx, async () => {
          await appendEvent(trx, o.org.id, event('never'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await readEventsAfter(trx, o.org.id)).toEqual([]);
      // The transaction goes on; its later events are written as usual.
      await appendEvent(trx, o.org.id, event('later'));
    });
    expect(customersOf(await readEventsAfter(t.db, o.org.id))).toEqual(['later']);
  });
});

describe('notifications in a transaction (notifyInTransaction)', () => {
  const event = { type: 'PING' as const, initiator: { id: 'x', type: 'SYSTEM' as const }, content: {} };
  const tagged = (tag: string) => testNotifications.filter((p) => p.startsWith(`${tag}:`));

  it('in a batch: held back, then sent in order with the events in one statement; delivered at commit', async () => {
    const o = await createTestOrg(t);
    const counted = countingStatements(t.db);
    await counted.db.transaction().execute((trx) =>
      withEventBatch(trx, async () => {
        await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:1`);
        await appendEvent(trx, o.org.id, event);
        await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:2`);
        await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:3`);
        expect(counted.count()).toBe(0);
      }),
    );
    expect(counted.count()).toBe(1);
    await expect.poll(() => tagged(o.org.id)).toEqual([`${o.org.id}:1`, `${o.org.id}:2`, `${o.org.id}:3`]);
    await expect.poll(() => notifications.includes(o.org.id)).toBe(true);
    expect(await readEventsAfter(t.db, o.org.id)).toHaveLength(1);
  });

  it('in a batch without events, and outside a batch: sent at once, delivered only at commit', async () => {
    const o = await createTestOrg(t);
    const counted = countingStatements(t.db);
    await counted.db.transaction().execute(async (trx) => {
      await withEventBatch(trx, () => notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:batch`));
      await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:direct`);
      expect(counted.count()).toBe(2);
    });
    await expect.poll(() => tagged(o.org.id)).toEqual([`${o.org.id}:batch`, `${o.org.id}:direct`]);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:rolled-back`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // A later notification proves the listener is live before we check for absence.
    await t.db.transaction().execute((trx) => notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:witness`));
    await expect
      .poll(() => tagged(o.org.id))
      .toEqual([`${o.org.id}:batch`, `${o.org.id}:direct`, `${o.org.id}:witness`]);
  });

  it('forgets the notifications of statements rolled back to a savepoint', async () => {
    const o = await createTestOrg(t);
    await t.db.transaction().execute((trx) =>
      withEventBatch(trx, async () => {
        await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:before`);
        await expect(
          withSavepoint(trx, async () => {
            await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:rolled-back`);
            throw new Error('lost a race');
          }),
        ).rejects.toThrow('lost a race');
        await notifyInTransaction(trx, TEST_CHANNEL, `${o.org.id}:after`);
      }),
    );
    await expect.poll(() => tagged(o.org.id)).toEqual([`${o.org.id}:before`, `${o.org.id}:after`]);
  });
});
