import { describe, expect, inject, it } from 'vitest';
import { startRoutingService, type TRoutingService } from '../../src/modules/routing/routing-service.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { makeAgent, makeQueued, makeRoutingInbox, offersOf } from './service-fixtures.js';

const t = useTestApp();

describe('routing service ownership', () => {
  it('runs one engine per org across two instances, routes on outbox wake-ups, and fails over when the holder stops', async () => {
    const o = await createTestOrg(t);
    const inboxId = (await makeRoutingInbox(t, o.org.id)).id;
    const options = { databaseUrl: inject('databaseUrl'), orgIds: [o.org.id], lockRetryMs: 100, tickMs: 100 };
    const first = await startRoutingService(t.ctx, options);
    await expect.poll(() => first.heldOrgs(), { timeout: 10_000 }).toEqual([o.org.id]);
    const second = await startRoutingService(t.ctx, options);
    const services: TRoutingService[] = [first, second];
    try {
      // The second instance keeps trying but never gets the lock while the first holds it.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(second.heldOrgs()).toEqual([]);

      // An inbound contact (an outbox append) wakes the holder's engine, which offers the work.
      const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
      const conversation = await makeQueued(t, o.org.id, { inboxId });
      await expect
        .poll(async () => (await offersOf(t, o.org.id)).filter((x) => x.status === 'PENDING').map((x) => x.item_id), {
          timeout: 10_000,
        })
        .toEqual([conversation.id]);
      expect((await offersOf(t, o.org.id))[0]?.agent_id).toBe(agent.id);

      await first.stop();
      services.shift();
      await expect.poll(() => second.heldOrgs(), { timeout: 10_000 }).toEqual([o.org.id]);
      // Still exactly one offer: the new holder does not offer the item again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await offersOf(t, o.org.id)).toHaveLength(1);
    } finally {
      for (const service of services) await service.stop();
    }
  });

  it('expires an unanswered offer on its own timer, without any event, and re-routes it', async () => {
    t.clock.set(new Date('2026-03-02T10:00:00.000Z'));
    const o = await createTestOrg(t);
    const inboxId = (await makeRoutingInbox(t, o.org.id)).id;
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const conversation = await makeQueued(t, o.org.id, { inboxId });
    const service = await startRoutingService(t.ctx, {
      databaseUrl: inject('databaseUrl'),
      orgIds: [o.org.id],
      lockRetryMs: 100,
      tickMs: 50,
    });
    try {
      await expect
        .poll(async () => (await offersOf(t, o.org.id)).map((x) => x.status), { timeout: 10_000 })
        .toEqual(['PENDING']);
      // Let the run caused by the offer's own commit see the pending offer (it sets the next deadline).
      await new Promise((resolve) => setTimeout(resolve, 300));
      t.clock.advance(45_000);
      await expect
        .poll(async () => (await offersOf(t, o.org.id)).map((x) => x.status), { timeout: 10_000 })
        .toEqual(['MISSED']);
      // The only agent is in grace: nothing is offered until it ends, then the timer routes it again.
      t.clock.advance(30_000);
      await expect
        .poll(async () => (await offersOf(t, o.org.id)).map((x) => `${x.status}:${x.item_id}:${x.agent_id}`), {
          timeout: 10_000,
        })
        .toEqual([`MISSED:${conversation.id}:${agent.id}`, `PENDING:${conversation.id}:${agent.id}`]);
    } finally {
      await service.stop();
      t.clock.reset();
    }
  });
});
