import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { logAttempts } from '../../src/modules/webhooks/dispatch/delivery.repository.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { createWebhook } from './arrange.js';

const t = useTestApp({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true' });

describe('the delivery log', () => {
  it('keeps the last 100 attempts of a webhook, newest first', async () => {
    const o = await createTestOrg(t);
    // Created disabled, so no PING is needed and no delivery runs: the log is written directly, as the sender does.
    const webhookId = await createWebhook(o, { url: 'http://127.0.0.1:9/hook', events: ['CONVERSATION/CREATED'] });
    const attempt = (n: number) => ({
      org_id: o.org.id,
      id: newId(),
      webhook_id: webhookId,
      delivery_id: `delivery-${n}`,
      event_id: `event-${n}`,
      event_type: 'CONVERSATION/CREATED',
      attempt: 1,
      outcome: 'SUCCESS' as const,
      attempted_at: new Date(Date.UTC(2030, 0, 1, 0, 0, n)),
      request: { url: 'http://127.0.0.1:9/hook', headers: { 'content-type': 'application/json' }, body: '{}' },
      response: { status: 200, durationMs: 3 },
    });
    // Two batches that together pass the cap: the oldest 20 must go.
    for (const batch of [[...Array(60).keys()], [...Array(60).keys()].map((n) => n + 60)]) {
      await t.db.transaction().execute((trx) => logAttempts(trx, o.org.id, webhookId, batch.map(attempt)));
    }
    const res = await o.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries` });
    expect(res.statusCode).toBe(200);
    const log = res.data as { eventId: string }[];
    expect(log).toHaveLength(100);
    expect(log[0]?.eventId).toBe('event-119');
    expect(log.at(-1)?.eventId).toBe('event-20');
    // Pruned in storage, not only capped when listed.
    const stored = await t.db
      .selectFrom('webhook_attempts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', o.org.id)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(100);
  });
});
