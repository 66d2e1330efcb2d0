import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/events/outbox.js';
import {
  EVENT_RETENTION_DAYS,
  purgeExpiredEvents,
} from '../../src/modules/events-api/commands/purge-expired-events.js';
import { eventPageQuery } from '../../src/modules/events-api/events-api.repository.js';
import { createTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();
afterEach(() => t.clock.reset());
const DAY = 24 * 3600_000;

async function addEventAt(orgId: string, at: Date): Promise<string> {
  return t.db.transaction().execute((trx) =>
    appendEvent(trx, orgId, {
      type: 'TASK/CREATED',
      initiator: { id: 'u1', type: 'API' },
      content: {},
      occurredAt: at,
    }),
  );
}

async function idsOf(orgId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('outbox_events').select('id').where('org_id', '=', orgId).orderBy('seq').execute();
  return rows.map((r) => r.id);
}

describe('outbox retention', () => {
  it(`deletes events older than ${EVENT_RETENTION_DAYS} days and keeps younger ones`, async () => {
    const now = new Date('2034-01-31T00:00:00.000Z');
    t.clock.set(now);
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    await addEventAt(o.org.id, new Date(now.getTime() - 40 * DAY));
    await addEventAt(o.org.id, new Date(now.getTime() - 30 * DAY - 1));
    const kept = await addEventAt(o.org.id, new Date(now.getTime() - 30 * DAY));
    const young = await addEventAt(o.org.id, new Date(now.getTime() - DAY));
    const othersOld = await addEventAt(other.org.id, new Date(now.getTime() - 40 * DAY));

    expect(await purgeExpiredEvents(t.ctx, { orgId: o.org.id })).toBe(2);
    expect(await idsOf(o.org.id)).toEqual([kept, young]);
    // Scoped to the org it was given: another org's old event waits for its own purge.
    expect(await idsOf(other.org.id)).toEqual([othersOld]);
    expect(await purgeExpiredEvents(t.ctx, { orgId: o.org.id })).toBe(0);
  });
});

describe('the events query', () => {
  it('is served by the outbox_events_by_org_time index', async () => {
    const o = await createTestOrg(t);
    const compiled = eventPageQuery(
      t.db,
      o.org.id,
      { startAt: new Date('2034-01-01T00:00:00Z'), endAt: new Date('2034-01-02T00:00:00Z'), typePrefixes: ['TASK'] },
      { at: '2034-01-01 01:00:00.123456+00', seq: '5' },
      500,
    ).compile();
    const plan = await t.db.transaction().execute(async (trx) => {
      // The test tables are tiny, so the planner would rightly scan them; forbid that to see the index is usable.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]),
      );
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan using outbox_events_by_org_time/);
  });
});
