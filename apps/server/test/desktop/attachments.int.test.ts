import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverItem } from '../../src/modules/channels/delivery-worker.js';
import {
  DRAFT_ATTACHMENT_MAX_BYTES,
  DRAFT_ATTACHMENT_TTL_MS,
  pruneDraftAttachments,
} from '../../src/modules/desktop/draft-attachments.js';
import { registerEmailDelivery } from '../../src/modules/email/outbound/email-delivery-adapter.js';
import {
  arrangeEmailSetup,
  arrangeInboundEmail,
  header,
  startSmtpSink,
  TEST_SECRET_KEY,
  type TSmtpSink,
} from '../email/outbound/outbound-helpers.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { signIn, type TSignedIn } from '../internal/session-helpers.js';
import { makeItem } from './desktop-helpers.js';

const t = useTestApp({ HEARTH_SECRET_KEY: TEST_SECRET_KEY });

// Composer attachments end to end: upload a draft, send it with an email reply or a note, download it.

let sink: TSmtpSink;
beforeAll(async () => {
  registerEmailDelivery();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const PDF = Buffer.from('%PDF-1.4 shipping label for Pat');

function upload(agent: TSignedIn, file: { name: string; type: string; content: Buffer }) {
  return agent.request({
    method: 'POST',
    url: '/api/internal/attachments',
    body: file.content,
    headers: { 'content-type': file.type, 'x-filename': encodeURIComponent(file.name) },
  });
}

async function arrange(o: TTestOrg) {
  const agent = await signIn(t, o, ['ADMINISTRATOR'], 'Avery Agent');
  const setup = await arrangeEmailSetup(t, o, sink);
  const thread = await arrangeInboundEmail(t, o, setup);
  return { agent, setup, thread };
}

async function itemContent(orgId: string, itemId: string) {
  const row = await t.db
    .selectFrom('conversation_items')
    .select('content')
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  return row.content as { attachments: { id: string; filename: string; contentType: string; fileSize: number }[] };
}

async function downloaded(o: TTestOrg, itemId: string, attachmentId: string) {
  const redirect = await o.request({
    method: 'GET',
    url: `/api/v1/conversation-items/${itemId}/attachments/${attachmentId}`,
  });
  expect(redirect.statusCode).toBe(303);
  const file = await o.request({ method: 'GET', url: redirect.headers.location as string, authorization: null });
  expect(file.statusCode).toBe(200);
  return file;
}

describe('POST /api/internal/attachments', () => {
  it('stores a draft of the user: 201 with a sanitized name, the type and the size', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const res = await upload(agent, { name: '../../etc/<label>.pdf', type: 'application/pdf', content: PDF });
    expect(res.statusCode).toBe(201);
    const draft = res.data as { id: string; filename: string; contentType: string; size: number };
    expect(draft).toEqual({
      id: expect.any(String),
      filename: '_label_.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    const row = await t.db
      .selectFrom('draft_attachments')
      .select(['user_id', 'content'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBe(agent.user.id);
    expect(Buffer.from(row.content)).toEqual(PDF);
  });

  it('unsent drafts older than a day are pruned by the sweep; younger ones stay', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const old = (await upload(agent, { name: 'old.pdf', type: 'application/pdf', content: PDF })).data as {
      id: string;
    };
    const fresh = (await upload(agent, { name: 'new.pdf', type: 'application/pdf', content: PDF })).data as {
      id: string;
    };
    const now = new Date();
    // created_at is set by the database only (its column type allows no update): age the draft in plain SQL.
    await sql`UPDATE draft_attachments SET created_at = ${new Date(now.getTime() - DRAFT_ATTACHMENT_TTL_MS - 1000)}
      WHERE org_id = ${o.org.id} AND id = ${old.id}`.execute(t.db);
    expect(await pruneDraftAttachments(t.db, now)).toBeGreaterThanOrEqual(1);
    const left = await t.db.selectFrom('draft_attachments').select('id').where('org_id', '=', o.org.id).execute();
    expect(left.map((r) => r.id)).toEqual([fresh.id]);
  });

  it('413 over the size limit, 415 for a type off the allow-list, 400 for an empty file, 403 without CSRF header', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const big = await upload(agent, {
      name: 'big.pdf',
      type: 'application/pdf',
      content: Buffer.alloc(DRAFT_ATTACHMENT_MAX_BYTES + 1, 1),
    });
    expect(big.statusCode).toBe(413);
    expect((big.data as { errors: { code: string }[] }).errors[0]?.code).toBe('too_large');
    const html = await upload(agent, { name: 'x.html', type: 'text/html', content: Buffer.from('<script>') });
    expect(html.statusCode).toBe(415);
    const empty = await upload(agent, { name: 'x.txt', type: 'text/plain', content: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    const noCsrf = await agent.request({
      method: 'POST',
      url: '/api/internal/attachments',
      body: PDF,
      headers: { 'content-type': 'application/pdf' },
      noCsrfHeader: true,
    });
    expect(noCsrf.statusCode).toBe(403);
    const drafts = await t.db.selectFrom('draft_attachments').select('id').where('org_id', '=', o.org.id).execute();
    expect(drafts).toEqual([]);
  });
});

describe('sending composer attachments', () => {
  it('an email reply carries the file as a MIME attachment; the item lists it and it downloads', async () => {
    const o = await createTestOrg(t);
    const { agent, thread } = await arrange(o);
    const draft = (await upload(agent, { name: 'label.pdf', type: 'application/pdf', content: PDF })).data as {
      id: string;
    };
    const res = await agent.request({
      method: 'POST',
      url: `/api/internal/conversations/${thread.conversation.id}/messages`,
      body: { channel: 'EMAIL', body: 'Here is the label.', attachmentIds: [draft.id] },
    });
    expect(res.statusCode).toBe(201);
    const { itemId } = res.data as { itemId: string };

    const content = await itemContent(o.org.id, itemId);
    expect(content.attachments).toEqual([
      { id: draft.id, filename: 'label.pdf', contentType: 'application/pdf', fileSize: PDF.length },
    ]);
    const file = await downloaded(o, itemId, draft.id);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload).toEqual(PDF);
    const drafts = await t.db.selectFrom('draft_attachments').select('id').where('org_id', '=', o.org.id).execute();
    expect(drafts).toEqual([]);

    await deliverItem(t.ctx, { orgId: o.org.id, itemId, replyToItemId: thread.itemId });
    const row = await t.db
      .selectFrom('email_message_ids')
      .select('message_id')
      .where('org_id', '=', o.org.id)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    const raw = sink.received.find((m) => header(m.raw, 'Message-ID') === `<${row.message_id}>`)?.raw as string;
    expect(header(raw, 'Content-Type')).toMatch(/^multipart\/mixed/);
    expect(raw).toContain('Content-Disposition: attachment; filename=label.pdf');
    expect(raw).toContain(PDF.toString('base64'));

    // A sent draft cannot be sent again.
    const again = await agent.request({
      method: 'POST',
      url: `/api/internal/conversations/${thread.conversation.id}/messages`,
      body: { channel: 'EMAIL', body: 'Again', attachmentIds: [draft.id] },
    });
    expect(again.statusCode).toBe(400);
  });

  it('a note carries files; the note lists them and they download', async () => {
    const o = await createTestOrg(t);
    const { agent, thread } = await arrange(o);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9]);
    const a = (await upload(agent, { name: 'label.pdf', type: 'application/pdf', content: PDF })).data as {
      id: string;
    };
    const b = (await upload(agent, { name: 'photo.png', type: 'image/png', content: png })).data as { id: string };
    const res = await agent.request({
      method: 'POST',
      url: `/api/internal/conversations/${thread.conversation.id}/notes`,
      body: { body: 'Label and photo attached', attachmentIds: [b.id, a.id] },
    });
    expect(res.statusCode).toBe(201);
    const { noteId } = res.data as { noteId: string };
    const note = await o.request({
      method: 'GET',
      url: `/api/v1/conversations/${thread.conversation.id}/notes/${noteId}`,
    });
    expect(note.statusCode).toBe(200);
    const listed = (note.data as { content: { attachments: { filename: string }[] } }).content.attachments;
    expect(listed.map((x) => x.filename)).toEqual(['photo.png', 'label.pdf']);
    expect((await downloaded(o, noteId, b.id)).rawPayload).toEqual(png);
  });

  it('refuses another user’s draft, another org’s, an unknown id and files on SMS; nothing is stored', async () => {
    const o = await createTestOrg(t);
    const { agent, thread } = await arrange(o);
    const colleague = await signIn(t, o, ['AGENT'], 'Colleague');
    const other = await createTestOrg(t);
    const stranger = await signIn(t, other, ['AGENT']);
    const theirs = (await upload(colleague, { name: 'a.pdf', type: 'application/pdf', content: PDF })).data as {
      id: string;
    };
    const foreign = (await upload(stranger, { name: 'b.pdf', type: 'application/pdf', content: PDF })).data as {
      id: string;
    };
    const mine = (await upload(agent, { name: 'c.pdf', type: 'application/pdf', content: PDF })).data as { id: string };
    const url = `/api/internal/conversations/${thread.conversation.id}`;
    for (const ids of [[theirs.id], [foreign.id], ['no-such-id'], [mine.id, theirs.id]]) {
      const reply = await agent.request({
        method: 'POST',
        url: `${url}/messages`,
        body: { channel: 'EMAIL', body: 'Files', attachmentIds: ids },
      });
      expect(reply.statusCode, `reply with ${ids}`).toBe(400);
      expect((reply.data as { errors: { attr: string; code: string }[] }).errors[0]).toMatchObject({
        attr: 'attachmentIds',
        code: 'invalid',
      });
      const note = await agent.request({
        method: 'POST',
        url: `${url}/notes`,
        body: { body: 'Files', attachmentIds: ids },
      });
      expect(note.statusCode, `note with ${ids}`).toBe(400);
    }
    // SMS (and chat, custom channels) cannot carry files from the composer: a clear 400, the draft stays.
    await makeItem(t, o.org.id, {
      customerId: thread.customer.id,
      conversationId: thread.conversation.id,
      contentType: 'SMS',
      content: { content: 'Any news?', from: '+14155550123', to: '+14155550199' },
    });
    const sms = await agent.request({
      method: 'POST',
      url: `${url}/messages`,
      body: { channel: 'SMS', body: 'Files', attachmentIds: [mine.id] },
    });
    expect(sms.statusCode).toBe(400);
    expect((sms.data as { errors: { detail: string }[] }).errors[0]?.detail).toMatch(/SMS reply cannot carry files/);
    const items = await t.db
      .selectFrom('conversation_items')
      .select('id')
      .where('org_id', '=', o.org.id)
      .where('conversation_id', '=', thread.conversation.id)
      .execute();
    expect(items).toHaveLength(2);
    const attachments = await t.db.selectFrom('attachments').select('id').where('org_id', '=', o.org.id).execute();
    expect(attachments).toEqual([]);
    // The refused sends left every draft in place, including the agent's own.
    const drafts = await t.db.selectFrom('draft_attachments').select('id').where('org_id', '=', o.org.id).execute();
    expect(drafts).toHaveLength(2);
  });
});
