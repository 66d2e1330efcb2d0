import { describe, expect, inject, it } from 'vitest';
import { startRoutingService } from '../../src/modules/routing/routing-service.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { makeAgent, makeQueued, makeRoutingInbox, offersOf } from './service-fixtures.js';

const t = useTestApp();

describe('routing service wake-ups', () => {
  it('runs while notifications keep coming faster than the debounce (a busy org is not starved)', async () => {
    const o = await createTestOrg(t);
    const inboxId = (await makeRoutingInbox(t, o.org.id)).id;
    const service = await startRoutingService(t.ctx, {
      databaseUrl: inject('databaseUrl'),
      orgIds: [o.org.id],
      lockRetryMs: 100,
      debounceMs: 50,
      // No deadline or safety run can stand in for the wake-ups during this test.
      tickMs: 60_000,
      idleRunMs: 600_000,
    });
    let streaming = true;
    try {
      await expect.poll(() => service.heldOrgs(), { timeout: 10_000 }).toEqual([o.org.id]);
      // Let the first run (nothing to do) finish.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
      const conversation = await makeQueued(t, o.org.id, { inboxId });
      // A steady stream of wake-ups, one every 5 ms, for as long as the test waits for the offer.
      const stream = (async () => {
        while (streaming) {
          service.wake(o.org.id);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      await expect
        .poll(async () => (await offersOf(t, o.org.id)).map((x) => x.item_id), { timeout: 5_000 })
        .toEqual([conversation.id]);
      streaming = false;
      await stream;
    } finally {
      streaming = false;
      await service.stop();
    }
  });
});
