import { afterEach, describe, expect, it } from 'vitest';
import type { TJobOptions } from '../../../src/jobs/job-queue.js';
import {
  clearDeliveryAdapters,
  DELIVER_JOB,
  registerDeliveryAdapter,
  TemporaryDeliveryError,
} from '../../../src/modules/channels/delivery-registry.js';
import { deliverItem, TEMPORARY_FAILURE_RETRY } from '../../../src/modules/channels/delivery-worker.js';
import { classifySmtpError } from '../../../src/modules/email/outbound/smtp-sender.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../../helpers.js';
import { arrangeConversation, insertItem, itemRow } from '../../items/arrange.js';

const t = useTestApp();

// The job handler alone (no pg-boss worker): how it tells a temporary failure from a permanent one. The type used
// is one no other test file registers, and jobs are captured rather than queued.

const TYPE = 'TWITTER';
afterEach(() => clearDeliveryAdapters());

async function pending(o: TTestOrg) {
  const { customer, conversation } = await arrangeConversation(t, o);
  const item = await insertItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    type: TYPE,
    content: { content: 'hello' },
    direction: 'OUTBOUND',
    initiator: { id: o.apiUser.user.id, type: 'API' },
  });
  await t.db
    .updateTable('conversation_items')
    .set({ delivery_status: 'PENDING' })
    .where('org_id', '=', o.org.id)
    .where('id', '=', item.id)
    .execute();
  return item;
}

function captureJobs() {
  const sent: { name: string; data: object; options?: TJobOptions }[] = [];
  const real = t.ctx.jobs.send;
  t.ctx.jobs.send = async (_trx, name, data, options) => {
    sent.push({ name, data, options });
    return 'captured';
  };
  return { sent, restore: () => (t.ctx.jobs.send = real) };
}

describe('temporary and permanent delivery failures', () => {
  it('a TemporaryDeliveryError leaves the item PENDING and schedules the next attempt after a back-off', async () => {
    const o = await createTestOrg(t);
    const item = await pending(o);
    registerDeliveryAdapter(TYPE, {
      deliver: async () => {
        throw new TemporaryDeliveryError('relay 451 try later');
      },
    });
    const jobs = captureJobs();
    try {
      const before = Date.now();
      await deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id, attempt: 3, replyToItemId: 'r1' });
      const after = Date.now();
      expect(jobs.sent).toHaveLength(1);
      const [job] = jobs.sent;
      expect(job?.name).toBe(DELIVER_JOB);
      expect(job?.data).toEqual({ orgId: o.org.id, itemId: item.id, attempt: 4, replyToItemId: 'r1' });
      // Attempt 3 failed: the wait doubles from 2 s, so 8 s after the failure.
      const startAfter = (job?.options?.startAfter as Date | undefined)?.getTime() ?? 0;
      expect(startAfter).toBeGreaterThanOrEqual(before + 8000);
      expect(startAfter).toBeLessThanOrEqual(after + 8000);
    } finally {
      jobs.restore();
    }
    const row = await itemRow(t, o.org.id, item.id);
    expect(row?.delivery_status).toBe('PENDING');
    expect(row?.content.deliveryError).toBeUndefined();
  });

  it('the last attempt failing temporarily settles FAILED with the reason', async () => {
    const o = await createTestOrg(t);
    const item = await pending(o);
    registerDeliveryAdapter(TYPE, {
      deliver: async () => {
        throw new TemporaryDeliveryError('relay 421 closing');
      },
    });
    const jobs = captureJobs();
    try {
      await deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id, attempt: TEMPORARY_FAILURE_RETRY.maxAttempts });
    } finally {
      jobs.restore();
    }
    expect(jobs.sent).toEqual([]);
    const row = await itemRow(t, o.org.id, item.id);
    expect(row?.delivery_status).toBe('FAILED');
    expect(row?.content).toMatchObject({ content: 'hello', deliveryError: { detail: 'relay 421 closing' } });
  });

  it('any other error settles FAILED at once with its message', async () => {
    const o = await createTestOrg(t);
    const item = await pending(o);
    registerDeliveryAdapter(TYPE, {
      deliver: async () => {
        throw new Error('relay 550 no such user');
      },
    });
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: item.id });
    const row = await itemRow(t, o.org.id, item.id);
    expect(row?.delivery_status).toBe('FAILED');
    expect(row?.content.deliveryError).toEqual({ detail: 'relay 550 no such user', failedAt: expect.any(String) });
  });
});

describe('classifySmtpError', () => {
  it('4xx and network failures are temporary; 5xx and the rest are permanent', () => {
    const temporary = [
      { responseCode: 451, response: '451 4.3.0 try later' },
      { responseCode: 421, response: '421 closing' },
      { code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:9' },
      { code: 'ETIMEDOUT', message: 'Greeting never received' },
      { code: 'ESOCKET', message: 'socket hang up' },
    ];
    for (const e of temporary) expect(classifySmtpError(e), JSON.stringify(e)).toBeInstanceOf(TemporaryDeliveryError);
    const permanent = [
      { responseCode: 550, response: '550 5.1.1 unknown user' },
      { responseCode: 535, code: 'EAUTH', response: '535 bad credentials' },
      { code: 'EMESSAGE', message: 'bad message' },
    ];
    for (const e of permanent) {
      const classified = classifySmtpError(e);
      expect(classified).not.toBeInstanceOf(TemporaryDeliveryError);
      expect(classified.message).toMatch(/^relay /);
    }
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 unknown user' }).message).toBe(
      'relay 550 5.1.1 unknown user',
    );
  });
});
