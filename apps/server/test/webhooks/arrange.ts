import type { TEventType } from '@hearth/shared';
import { expect } from 'vitest';
import { appendEvent } from '../../src/events/outbox.js';
import type { TTestApp, TTestOrg } from '../helpers.js';

/** Append one event as a command would: in its own committed transaction. */
export async function emit(t: TTestApp, orgId: string, type: TEventType, content: Record<string, unknown> = {}) {
  return t.db
    .transaction()
    .execute((trx) => appendEvent(trx, orgId, { type, initiator: { id: 'agent-1', type: 'AGENT' }, content }));
}

export async function createWebhook(o: TTestOrg, body: Record<string, unknown>): Promise<string> {
  const res = await o.request({ method: 'POST', url: '/api/v1/webhooks', body });
  expect(res.statusCode, res.body).toBe(201);
  return String(res.headers.location).split('/').pop() as string;
}

export async function deliveriesOf(t: TTestApp, orgId: string, webhookId: string) {
  return t.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .orderBy('event_xid')
    .orderBy('event_seq')
    .execute();
}
