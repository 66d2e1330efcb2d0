import { describe, expect, it } from 'vitest';
import { createRoutingEngine, type TRoutingEngine } from '../../src/modules/routing/engine/decide.js';
import { runRouting, runRoutingOnce } from '../../src/modules/routing/routing-service.js';
import { loadRoutingSnapshot } from '../../src/modules/routing/snapshot.js';
import { useTestApp } from '../helpers.js';
import { makeAgent, makeQueued, offersOf, useRoutingWorld } from './service-fixtures.js';

// The queue is the expensive part of a snapshot: it is read in full only when some agent could take work.

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const world = useRoutingWorld(t, T0);

describe('snapshot', () => {
  it('reads only the pending offers’ items while no agent could take work, and the whole queue once one can', async () => {
    const { o, inboxId } = world;
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const queued = [];
    for (let i = 0; i < 3; i++) queued.push(await makeQueued(t, o.org.id, { inboxId }));

    const before = await loadRoutingSnapshot(t.db, o.org.id, T0);
    expect(before.itemsComplete).toBe(true);
    expect(before.snapshot.items).toHaveLength(3);

    await runRoutingOnce(t.ctx, o.org.id);
    const [offer] = await offersOf(t, o.org.id);
    const busy = await loadRoutingSnapshot(t.db, o.org.id, T0);
    expect(busy.itemsComplete).toBe(false);
    expect(busy.snapshot.items.map((i) => i.id)).toEqual([offer?.item_id]);
    expect(busy.orphanOffers).toEqual([]);

    // A second agent comes in: the whole queue again.
    await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const free = await loadRoutingSnapshot(t.db, o.org.id, T0);
    expect(free.itemsComplete).toBe(true);
    expect(free.snapshot.items.map((i) => i.id).sort()).toEqual(queued.map((q) => q.id).sort());
    expect(agent.id).toBeTruthy();
  });

  it('hands only whole snapshots to the org’s engine, which keeps the queue between runs', async () => {
    const { o, inboxId } = world;
    await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    for (let i = 0; i < 3; i++) await makeQueued(t, o.org.id, { inboxId });
    const seen: number[] = [];
    const real = createRoutingEngine();
    const orgEngine: TRoutingEngine = {
      decide: (snapshot, now) => {
        seen.push(snapshot.items.length);
        return real.decide(snapshot, now);
      },
    };

    await runRouting(t.ctx, o.org.id, orgEngine); // the agent takes an offer: nobody else is free
    await runRouting(t.ctx, o.org.id, orgEngine); // a partial snapshot: a throw-away engine decides
    await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const run = await runRouting(t.ctx, o.org.id, orgEngine);

    expect(seen).toEqual([3, 3]);
    expect(run.applied.filter((d) => d.type === 'OFFER')).toHaveLength(1);
  });
});
