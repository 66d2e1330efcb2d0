import { afterEach, describe, expect, it } from 'vitest';
import {
  clearDeliveryAdapters,
  getDeliveryAdapter,
  registerDeliveryAdapter,
  type TDeliveryJob,
} from '../../src/modules/channels/delivery-registry.js';
import { deliverItem } from '../../src/modules/channels/delivery-worker.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, insertItem, itemRow } from './arrange.js';

const t = useTestApp();

// The job handler on its own (no pg-boss worker in this file): what it does with each state an item can be in.

afterEach(() => clearDeliveryAdapters());

async function outbound(o: TTestOrg, deliveryStatus: string | null, type = 'WHATSAPP') {
  const { customer, conversation } = await arrangeConversation(t, o);
  const item = await insertItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    type,
    content: { content: 'hello' },
    direction: 'OUTBOUND',
    initiator: { id: o.apiUser.user.id, type: 'API' },
  });
  await t.db
    .updateTable('conversation_items')
    .set({ delivery_status: deliveryStatus })
    .where('org_id', '=', o.org.id)
    .where('id', '=', item.id)
    .execute();
  return item;
}

describe('delivery registry', () => {
  it('registers, finds and clears adapters by content type', () => {
    const adapter = { deliver: async () => {} };
    registerDeliveryAdapter('SMS', adapter);
    expect(getDeliveryAdapter('SMS')).toBe(adapter);
    expect(getDeliveryAdapter('FACEBOOK_MESSAGE')).toBeUndefined();
    clearDeliveryAdapters();
    expect(getDeliveryAdapter('SMS')).toBeUndefined();
  });
});

describe('deliverItem', () => {
  it('hands a PENDING item to its adapter and settles SENT', async () => {
    const o = await createTestOrg(t);
    const item = await outbound(o, 'PENDING');
    const jobs: TDeliveryJob[] = [];
    registerDeliveryAdapter('WHATSAPP', { deliver: async (_ctx, job) => void jobs.push(job) });
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ orgId: o.org.id, itemId: item.id, item: { id: item.id, direction: 'OUTBOUND' } });
    expect((await itemRow(t, o.org.id, item.id))?.delivery_status).toBe('SENT');
  });

  it('settles FAILED when the adapter throws, without throwing itself', async () => {
    const o = await createTestOrg(t);
    const item = await outbound(o, 'PENDING');
    registerDeliveryAdapter('WHATSAPP', {
      deliver: async () => {
        throw new Error('provider down');
      },
    });
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id });
    expect((await itemRow(t, o.org.id, item.id))?.delivery_status).toBe('FAILED');
  });

  it.each(['SENT', 'FAILED'])('does not send a %s item again (a repeated job)', async (status) => {
    const o = await createTestOrg(t);
    const item = await outbound(o, status);
    let calls = 0;
    registerDeliveryAdapter('WHATSAPP', { deliver: async () => void calls++ });
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id });
    expect(calls).toBe(0);
    expect((await itemRow(t, o.org.id, item.id))?.delivery_status).toBe(status);
  });

  it('does nothing for an item that is gone or belongs to another org', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const item = await outbound(o, 'PENDING');
    let calls = 0;
    registerDeliveryAdapter('WHATSAPP', { deliver: async () => void calls++ });
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: 'gone' });
    await deliverItem(t.ctx, { orgId: other.org.id, itemId: item.id });
    expect(calls).toBe(0);
    expect((await itemRow(t, o.org.id, item.id))?.delivery_status).toBe('PENDING');
  });

  it('throws (so pg-boss retries) when this process has no adapter, leaving the item PENDING', async () => {
    const o = await createTestOrg(t);
    const item = await outbound(o, 'PENDING', 'SMS');
    await expect(deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id })).rejects.toThrow(/no delivery adapter/);
    expect((await itemRow(t, o.org.id, item.id))?.delivery_status).toBe('PENDING');
  });
});
