import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { applyDecisions } from '../../src/modules/routing/apply-decisions.js';
import { decide } from '../../src/modules/routing/engine/decide.js';
import type { TOfferDecision } from '../../src/modules/routing/engine/routing-types.js';
import { insertOffersClaiming } from '../../src/modules/routing/offers.repository.js';
import { runRoutingOnce } from '../../src/modules/routing/routing-service.js';
import { loadRoutingSnapshot } from '../../src/modules/routing/snapshot.js';
import { eventsOf } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { makeAgent, makeQueued, offersOf, useRoutingWorld } from './service-fixtures.js';

// A run's offers are applied in one transaction with set-based claims: an item another transaction holds is skipped
// (never waited for), a stale agent is skipped, a claim the unique indexes refuse is skipped — and the rest apply.

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const world = useRoutingWorld(t, T0);

describe('applying a run of offers in one transaction', () => {
  it('skips a locked item, a stale agent and a lost claim, applies the rest, and tells only the winners', async () => {
    const { o, inboxId } = world;
    for (let i = 0; i < 4; i++) await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const outsider = await makeAgent(t, o, { inboxIds: [], available: ['MESSAGING'] });
    for (let i = 0; i < 4; i++) await makeQueued(t, o.org.id, { inboxId });

    const { snapshot, boostNames } = await loadRoutingSnapshot(t.db, o.org.id, T0);
    const decisions = decide(snapshot, T0.getTime()).filter((d): d is TOfferDecision => d.type === 'OFFER');
    expect(decisions).toHaveLength(4);
    const [locked, stale, lost, fine] = decisions as [TOfferDecision, TOfferDecision, TOfferDecision, TOfferDecision];

    // The world moves between decide() and apply: another transaction holds the first item's row, the second agent
    // went Away, and the third item got a pending offer elsewhere.
    await t.db
      .updateTable('agent_presence')
      .set({ status: 'AWAY' })
      .where('org_id', '=', o.org.id)
      .where('user_id', '=', stale.agentId)
      .execute();
    await insertOffersClaiming(t.db, [
      {
        org_id: o.org.id,
        id: `elsewhere-${lost.itemId}`,
        item_kind: 'CONVERSATION',
        item_id: lost.itemId,
        contact_id: null,
        agent_id: outsider.id,
        channel_group: 'MESSAGING',
        offered_at: T0,
        expires_at: new Date(T0.getTime() + 60_000),
        declinable: true,
        status: 'PENDING',
        resolved_at: null,
        points: 0,
        match_reasons: [],
      },
    ]);
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    const messages: Array<{ userId: string; message: { type: string } }> = [];
    listener.on('notification', (n) => {
      const payload = JSON.parse(n.payload ?? '{}');
      if (payload.orgId === o.org.id) messages.push(payload);
    });
    await listener.query('LISTEN hearth_user');
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM conversations WHERE org_id = $1 AND id = $2 FOR UPDATE', [
        o.org.id,
        locked.itemId,
      ]);
      const applied = await applyDecisions(
        { ctx: t.ctx, orgId: o.org.id, now: T0, items: new Map(snapshot.items.map((i) => [i.id, i])), boostNames },
        decisions,
      );
      expect(applied).toEqual([fine]);
      await holder.query('ROLLBACK');

      const pending = (await offersOf(t, o.org.id)).filter((x) => x.status === 'PENDING');
      expect(pending.map((x) => [x.item_id, x.agent_id]).sort()).toEqual(
        [
          [fine.itemId, fine.agentId],
          [lost.itemId, outsider.id],
        ].sort(),
      );
      const offered = await eventsOf(t, o.org.id, ['CONTACT/OFFERED']);
      expect(offered.map((e) => (e.content as { agentId: string }).agentId)).toEqual([fine.agentId]);
      await expect.poll(() => messages.length, { timeout: 5_000 }).toBe(1);
      expect(messages[0]).toMatchObject({ userId: fine.agentId, message: { type: 'offer' } });

      // The skipped item is routed by the next run, once its row is free.
      await runRoutingOnce(t.ctx, o.org.id);
      const after = (await offersOf(t, o.org.id)).filter((x) => x.status === 'PENDING');
      expect(after.map((x) => x.item_id)).toContain(locked.itemId);
    } finally {
      await holder.end();
      await listener.end();
    }
  });
});
