import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { FIXTURES, type TFixtureExpectation } from '../../fixtures/email/expected.js';
import { createTestOrg, useTestApp } from '../../helpers.js';
import { arrangeEmailWorld, fixtureFor, inboundRows, processPending, sendRaw, useSmtpServer } from './arrange.js';

const t = useTestApp();
const smtp = useSmtpServer(t);

// The whole corpus, each fixture in a fresh org, delivered over real SMTP and processed by the email.process job.
describe('inbound email corpus (test/fixtures/email)', () => {
  it('holds at least 30 fixtures, each with an expectation', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(FIXTURES.map((f) => f.file)).size).toBe(FIXTURES.length);
  });

  it.each(FIXTURES.map((f) => [f.file, f] as const))('%s', async (_file, expected) => {
    await checkFixture(expected);
  });
});

async function checkFixture(expected: TFixtureExpectation) {
  const o = await createTestOrg(t);
  const world = await arrangeEmailWorld(t, o.org.id, o.org.slug);
  const local = (text: string) => text.replace(/acme\.example/gi, world.domain);
  const raw = fixtureFor(expected.file, world.domain);
  const parsedFrom = (await simpleParser(raw)).from?.value[0]?.address ?? 'sender@unknown.example';
  const sent = await sendRaw(
    smtp.server,
    { from: expected.envelopeFrom ?? parsedFrom, to: [local(expected.rcptTo ?? 'support@acme.example')] },
    raw,
  );
  expect(sent.code, sent.response).toBe(250);
  const [stored] = await inboundRows(t, o.org.id);
  expect(stored).toMatchObject({ status: 'RECEIVED', via: 'SMTP', size_bytes: String(stored!.raw.length) });
  // Byte for byte, except that SMTP carries lines as CRLF (the LF-only fixture arrives with CRLF).
  const lines = (b: Buffer) => b.toString('latin1').replace(/\r\n/g, '\n');
  expect(lines(stored!.raw)).toBe(lines(raw));

  await processPending(t, o.org.id);
  const [row] = await inboundRows(t, o.org.id);
  expect({ status: row!.status, error: row!.error }).toMatchObject({ status: expected.status });
  if (expected.messageId instanceof RegExp) expect(row!.message_id).toMatch(expected.messageId);
  else if (expected.messageId) expect(row!.message_id).toBe(expected.messageId);

  const failed = await t.db
    .selectFrom('conversation_items')
    .select(['id', 'content'])
    .where('org_id', '=', o.org.id)
    .where('delivery_status', '=', 'FAILED')
    .execute();
  expect(failed.map((f) => f.id)).toEqual(expected.failedItem ? [world.items[expected.failedItem].id] : []);
  if (expected.failedItem) expect(failed[0]!.content.deliveryError).toMatch(/5\.\d\.\d/);

  if (!expected.conversation) {
    expect(row!.item_id === null || expected.status === 'BOUNCE').toBe(true);
    const newItems = await t.db
      .selectFrom('conversation_items')
      .select('id')
      .where('org_id', '=', o.org.id)
      .where('direction', '=', 'INBOUND')
      .execute();
    expect(newItems).toHaveLength(1); // only the arranged IA
    if (expected.conversationStatus) {
      const cb = await conversation(o.org.id, world.conversations.CB);
      expect(cb.status).toBe(expected.conversationStatus);
    }
    return;
  }

  const item = await t.db
    .selectFrom('conversation_items')
    .selectAll()
    .where('org_id', '=', o.org.id)
    .where('id', '=', row!.item_id!)
    .executeTakeFirstOrThrow();
  const content = item.content as Record<string, unknown>;
  const known = Object.values(world.conversations) as string[];
  if (expected.conversation === 'NEW') expect(known).not.toContain(item.conversation_id);
  else expect(item.conversation_id).toBe(world.conversations[expected.conversation]);
  expect(row!.conversation_id).toBe(item.conversation_id);

  const owner = await t.db
    .selectFrom('customer_emails')
    .select('normalized')
    .where('org_id', '=', o.org.id)
    .where('customer_id', '=', item.customer_id)
    .execute();
  expect(owner.map((e) => e.normalized)).toContain(expected.customer);
  if (expected.customerName !== undefined) {
    const profile = await t.db
      .selectFrom('customers')
      .select('name')
      .where('org_id', '=', o.org.id)
      .where('id', '=', item.customer_id)
      .executeTakeFirstOrThrow();
    expect(profile.name).toBe(expected.customerName);
  }
  expect(item.content_type).toBe('EMAIL');
  expect(item.direction).toBe('INBOUND');
  expect(item.initiator_type).toBe(expected.initiatorType ?? 'CUSTOMER');
  if (expected.from) expect(content.from).toBe(local(expected.from));
  if (expected.subject !== undefined) expect(content.subject).toBe(expected.subject);
  for (const text of expected.textContains ?? []) expect(content.content).toContain(local(text));
  for (const html of expected.bodyContains ?? []) expect(content.body).toContain(local(html));
  for (const html of expected.bodyExcludes ?? []) expect(content.body ?? '').not.toContain(html);
  expect(content).toMatchObject({ bcc: [], to: expect.any(Array), cc: expect.any(Array) });

  const attachments = await t.db
    .selectFrom('attachments')
    .selectAll()
    .where('org_id', '=', o.org.id)
    .where('item_id', '=', item.id)
    .execute();
  if (expected.attachments) {
    const listed = content.attachments as { id: string; contentType: string; filename: string; fileSize: number }[];
    expect(listed.map((a) => ({ contentType: a.contentType, filename: a.filename }))).toEqual(
      expected.attachments.map((a) => ({ contentType: a.contentType, filename: a.filename ?? expect.any(String) })),
    );
    for (const a of listed) {
      const rowOf = attachments.find((r) => r.id === a.id);
      expect(rowOf).toMatchObject({ inline: false, filename: a.filename, size_bytes: String(a.fileSize) });
    }
  }
  if (expected.inlineImages !== undefined) {
    const inline = attachments.filter((a) => a.inline);
    expect(inline).toHaveLength(expected.inlineImages);
    for (const image of inline) {
      expect(image.content_id).toBeTruthy();
      expect(content.body).toContain(`/api/v1/conversation-items/${item.id}/attachments/${image.id}`);
    }
  }
  if (expected.participants) {
    expect(content.participants).toEqual(
      expected.participants.map((p) => expect.objectContaining({ ...p, emailAddress: local(p.emailAddress) })),
    );
  }
  const after = await conversation(o.org.id, item.conversation_id!);
  if (expected.conversationStatus) expect(after.status).toBe(expected.conversationStatus);
  if (expected.customerWaiting !== undefined) {
    expect(after.customer_waiting_since !== null).toBe(expected.customerWaiting);
  }
  if (expected.status === 'AUTO_REPLY') expect(content.autoReply).toBe(true);
  else expect(content.autoReply).toBeUndefined();

  const ids = await t.db
    .selectFrom('email_message_ids')
    .selectAll()
    .where('org_id', '=', o.org.id)
    .where('message_id', '=', row!.message_id!)
    .execute();
  if (expected.status !== 'UNPARSEABLE') {
    expect(ids).toEqual([expect.objectContaining({ direction: 'INBOUND', item_id: item.id })]);
  }
}

function conversation(orgId: string, id: string) {
  return t.db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
