import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExportJob } from '../../src/modules/exports/commands/run-export-job.js';
import { CONVERSATION_EXPORT_FILES } from '../../src/modules/exports/export-files.js';
import { forEachBatch } from '../../src/modules/exports/export-writer.js';
import { makeConversation, makeCustomer, makeInboundItem, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { linesOf, makePendingExportJob } from './arrange.js';

const t = useTestApp();
let baseUrl = '';

beforeAll(async () => {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.clock.reset());

const START = new Date('2031-02-03T00:00:00.000Z');
const END = new Date('2031-02-04T00:00:00.000Z');

describe('export files', () => {
  it('writes each file in the exact line shapes of the Export API', async () => {
    t.clock.set(new Date('2031-02-04T01:00:00.000Z'));
    const o = await createTestOrg(t);
    const orgId = o.org.id;
    const gone = await o.addUser(['AGENT'], { name: 'Gone Agent' });
    await t.db.updateTable('users').set({ active: false }).where('id', '=', gone.user.id).execute();
    await o.addUser(['ANALYST'], { name: 'Not An Agent' });

    const parent = await makeTopic(t, orgId, { name: 'Billing' });
    const child = await makeTopic(t, orgId, { name: 'Refunds', parentId: parent.id, disabled: true });

    const inbox = await makeInbox(t, orgId);
    const ann = await makeCustomer(t, orgId, { name: 'Ann', email: 'Ann@Example.com', mobile: '+14155550123' });
    await t.db
      .updateTable('customers')
      .set({ address: '1 Main St', external_customer_id: 'ext-1', external_customer_ids: '{"shop":"S-1"}' })
      .where('id', '=', ann.id)
      .execute();
    await t.db
      .insertInto('customer_emails')
      .values({
        org_id: orgId,
        customer_id: ann.id,
        position: 1,
        original: 'ann@work.example',
        normalized: 'ann@work.example',
        is_primary: false,
      })
      .execute();
    const bob = await makeCustomer(t, orgId, { name: 'Bob' });
    const quiet = await makeCustomer(t, orgId, { name: 'Quiet' });
    const annConv = await makeConversation(t, orgId, { customerId: ann.id, inboxId: inbox.id });
    const bobConv = await makeConversation(t, orgId, { customerId: bob.id, inboxId: inbox.id });
    const quietConv = await makeConversation(t, orgId, { customerId: quiet.id, inboxId: inbox.id });

    const atStart = await makeInboundItem(t, orgId, { customerId: ann.id, conversationId: annConv.id, at: START });
    const inside = await makeInboundItem(t, orgId, {
      customerId: bob.id,
      conversationId: bobConv.id,
      at: new Date('2031-02-03T12:00:00.123Z'),
      contentType: 'CHAT_MESSAGE',
      content: { content: 'hi there', from: undefined, to: undefined, sessionId: 's1' },
    });
    await makeInboundItem(t, orgId, { customerId: quiet.id, conversationId: quietConv.id, at: END });
    await makeInboundItem(t, orgId, {
      customerId: quiet.id,
      conversationId: quietConv.id,
      at: new Date(START.getTime() - 1),
    });
    await makeInboundItem(t, orgId, {
      customerId: quiet.id,
      conversationId: quietConv.id,
      at: new Date('2031-02-03T13:00:00.000Z'),
      contentType: 'HEARTH_INTERNAL_BOOKKEEPING',
    });

    const job = await makePendingExportJob(t, orgId, { startAt: START, endAt: END });
    expect(await runExportJob(t.ctx, orgId, job.id)).toBe('COMPLETED');
    const file = async (name: string) => {
      const res = await o.request({ method: 'GET', url: `/api/v1/export/jobs/${job.id}/files/${name}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson');
      return linesOf(res.body);
    };

    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(await file('agents.jsonl')).toEqual(
      [
        { id: o.apiUser.user.id, name: 'Integration User', emailAddress: o.apiUser.user.email },
        { id: gone.user.id, name: 'Gone Agent', emailAddress: gone.user.email },
      ].sort(byId),
    );
    expect(await file('topics.jsonl')).toEqual(
      [
        { id: parent.id, name: 'Billing', disabled: false },
        { id: child.id, name: 'Refunds', disabled: true, parentId: parent.id },
      ].sort(byId),
    );
    expect(await file('customers.jsonl')).toEqual(
      [
        {
          id: ann.id,
          name: 'Ann',
          address: '1 Main St',
          emailAddresses: ['Ann@Example.com', 'ann@work.example'],
          phoneNumbers: ['+14155550123'],
          externalCustomerId: 'ext-1',
          externalCustomerIds: { shop: 'S-1' },
        },
        { id: bob.id, name: 'Bob', address: '', emailAddresses: [], phoneNumbers: [] },
      ].sort(byId),
    );
    const items = await file('conversation_items.jsonl');
    const viaApi = [];
    for (const item of [atStart, inside]) {
      viaApi.push((await o.request({ method: 'GET', url: `/api/v1/conversation-items/${item.id}` })).data);
    }
    expect(items).toEqual(viaApi);
    expect(items[0]).toEqual({
      id: atStart.id,
      customerId: ann.id,
      conversationId: annConv.id,
      timestamp: '2031-02-03T00:00:00.000Z',
      initiator: { id: ann.id, type: 'CUSTOMER' },
      content: { type: 'SMS', content: 'Hello, I need help', from: '+14155550100', to: '+14155550199' },
    });
  });

  it('streams a large export through a cursor into many chunks and back out in several HTTP chunks', async () => {
    t.clock.set(new Date('2031-03-02T01:00:00.000Z'));
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const customer = await makeCustomer(t, o.org.id);
    const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
    const start = new Date('2031-03-01T00:00:00.000Z');
    await t.db
      .insertInto('conversation_items')
      .values(
        Array.from({ length: 1500 }, (_, i) => ({
          org_id: o.org.id,
          id: `item-${String(i).padStart(5, '0')}`,
          customer_id: customer.id,
          conversation_id: conversation.id,
          session_id: null,
          occurred_at: new Date(start.getTime() + i * 1000),
          initiator_id: customer.id,
          initiator_type: 'CUSTOMER',
          responder_id: null,
          responder_type: null,
          content_type: 'SMS',
          content: JSON.stringify({ type: 'SMS', content: `message ${i} ${'x'.repeat(100)}`, from: '+1', to: '+2' }),
          direction: 'INBOUND' as const,
          delivery_status: null,
          redacted_at: null,
        })),
      )
      .execute();
    const job = await makePendingExportJob(t, o.org.id, { startAt: start, endAt: new Date('2031-03-02T00:00:00Z') });
    expect(await runExportJob(t.ctx, o.org.id, job.id, { fetchRows: 100, chunkBytes: 16 * 1024 })).toBe('COMPLETED');
    const chunks = await t.db
      .selectFrom('export_file_chunks')
      .select(['chunk_no'])
      .where('org_id', '=', o.org.id)
      .where('job_id', '=', job.id)
      .where('filename', '=', 'conversation_items.jsonl')
      .orderBy('chunk_no')
      .execute();
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.map((c) => c.chunk_no)).toEqual(chunks.map((_, i) => i + 1));

    const received = await new Promise<{ headers: http.IncomingHttpHeaders; parts: number; body: string }>(
      (resolve, reject) => {
        const req = http.get(
          `${baseUrl}/api/v1/export/jobs/${job.id}/files/conversation_items.jsonl`,
          { headers: { host: o.host, authorization: o.apiUser.authorization } },
          (res) => {
            let parts = 0;
            const buffers: Buffer[] = [];
            res.on('data', (b: Buffer) => {
              parts += 1;
              buffers.push(b);
            });
            res.on('end', () => resolve({ headers: res.headers, parts, body: Buffer.concat(buffers).toString() }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
      },
    );
    expect(received.headers['transfer-encoding']).toBe('chunked');
    expect(received.headers['content-length']).toBeUndefined();
    expect(received.parts).toBeGreaterThan(1);
    const lines = linesOf(received.body) as { id: string }[];
    expect(lines).toHaveLength(1500);
    expect(lines.map((l) => l.id)).toEqual(
      Array.from({ length: 1500 }, (_, i) => `item-${String(i).padStart(5, '0')}`),
    );
  });

  it('reads a file query through the cursor in batches no larger than asked', async () => {
    const o = await createTestOrg(t);
    for (let i = 0; i < 23; i += 1) await makeTopic(t, o.org.id);
    const topics = CONVERSATION_EXPORT_FILES.find((f) => f.filename === 'topics.jsonl');
    const sizes: number[] = [];
    await t.db.transaction().execute(async (trx) => {
      const query = topics?.query(trx, o.org.id, { startAt: START, endAt: END });
      if (!query) throw new Error('no topics file');
      await forEachBatch(trx, query, 5, async (rows) => {
        sizes.push(rows.length);
      });
    });
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
  });
});
