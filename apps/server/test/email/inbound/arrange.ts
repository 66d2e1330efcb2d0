import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll } from 'vitest';
import { newId } from '../../../src/lib/ids.js';
import { processInboundEmail } from '../../../src/modules/email/inbound/commands/process-inbound-email.js';
import { startSmtpServer, type THearthSmtpServer } from '../../../src/modules/email/inbound/smtp-server.js';
import { makeConversation, makeCustomer, makeInbox } from '../../factories.js';
import type { TTestApp } from '../../helpers.js';

// Direct inserts for the inbound-email world (entry points are another module's API), plus a real SMTP client.

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/email');

/** The corpus is written for `acme.example`; each org gets its own domain, since entry points are global. */
export function fixtureFor(file: string, domain: string): Buffer {
  const raw = readFileSync(path.join(FIXTURES_DIR, file)).toString('latin1');
  return Buffer.from(raw.replaceAll('acme.example', domain), 'latin1');
}

export async function makeEntryPoint(
  t: TTestApp,
  orgId: string,
  options: { address: string; inboxId: string; secret?: string; disabled?: boolean },
): Promise<{ id: string; address: string }> {
  const id = newId();
  await t.db
    .insertInto('email_entry_points')
    .values({
      org_id: orgId,
      id,
      address: options.address,
      kind: options.address.startsWith('@') ? 'DOMAIN' : 'ADDRESS',
      inbox_id: options.inboxId,
      sla_minutes: null,
      inbound_secret_hash: options.secret ? createHash('sha256').update(options.secret).digest('hex') : null,
      disabled: options.disabled ?? false,
    })
    .execute();
  return { id, address: options.address };
}

/** An email conversation item and its Message-ID row, as the outbound module (or an earlier inbound) leaves it. */
export async function makeEmailItem(
  t: TTestApp,
  orgId: string,
  options: { customerId: string; conversationId: string; direction: 'INBOUND' | 'OUTBOUND'; messageId: string },
): Promise<{ id: string }> {
  const id = newId();
  const outbound = options.direction === 'OUTBOUND';
  await t.db
    .insertInto('conversation_items')
    .values({
      org_id: orgId,
      id,
      customer_id: options.customerId,
      conversation_id: options.conversationId,
      session_id: null,
      occurred_at: new Date(Date.now() - 3_600_000),
      initiator_id: outbound ? null : options.customerId,
      initiator_type: outbound ? 'API' : 'CUSTOMER',
      responder_id: null,
      responder_type: null,
      content_type: 'EMAIL',
      content: JSON.stringify({ type: 'EMAIL', subject: 'earlier', content: 'earlier', attachments: [] }),
      direction: options.direction,
      delivery_status: outbound ? 'SENT' : null,
      redacted_at: null,
    })
    .execute();
  await t.db
    .insertInto('email_message_ids')
    .values({
      org_id: orgId,
      message_id: options.messageId,
      direction: options.direction,
      conversation_id: options.conversationId,
      item_id: id,
    })
    .execute();
  return { id };
}

export const CONVERSATION_IDS = {
  CA: 'convAAAAAAAAAAAAAAAAAA',
  CB: 'convBBBBBBBBBBBBBBBBBB',
  CC: 'convCCCCCCCCCCCCCCCCCC',
} as const;

export type TWorld = Awaited<ReturnType<typeof arrangeEmailWorld>>;

/**
 * An org with `support@<domain>` and `@help.<domain>` entry points and three email customers: Pat with an open
 * conversation CA (our message OA, Pat's message IA), Sam whose CB closed an hour ago (our OB), and Lee whose CC
 * closed 60 days ago, outside the reopen window (our OC). Message-IDs are those the fixtures reply to.
 */
export async function arrangeEmailWorld(t: TTestApp, orgId: string, slug: string) {
  const domain = `${slug}.example`;
  const inbox = await makeInbox(t, orgId);
  const secret = `secret-${newId()}`;
  const support = await makeEntryPoint(t, orgId, { address: `support@${domain}`, inboxId: inbox.id, secret });
  const help = await makeEntryPoint(t, orgId, { address: `@help.${domain}`, inboxId: inbox.id });
  const pat = await makeCustomer(t, orgId, { email: 'pat@customer.example' });
  const sam = await makeCustomer(t, orgId, { email: 'sam@client.example' });
  const lee = await makeCustomer(t, orgId, { email: 'lee@old.example' });
  const conversation = async (id: string, customerId: string, closedAgoMs: number | null) => {
    await makeConversation(t, orgId, {
      customerId,
      inboxId: inbox.id,
      status: closedAgoMs === null ? 'OPEN' : 'CLOSED',
      closedAt: closedAgoMs === null ? undefined : new Date(Date.now() - closedAgoMs),
      createdAt: new Date(Date.now() - (closedAgoMs ?? 0) - 3_600_000),
    });
    // makeConversation picks its own id; the fixtures' subject tokens name fixed ones.
    await t.db
      .updateTable('conversations')
      .set({ id })
      .where('org_id', '=', orgId)
      .where('customer_id', '=', customerId)
      .execute();
    return id;
  };
  const CA = await conversation(CONVERSATION_IDS.CA, pat.id, null);
  const CB = await conversation(CONVERSATION_IDS.CB, sam.id, 3_600_000);
  const CC = await conversation(CONVERSATION_IDS.CC, lee.id, 60 * 24 * 3_600_000);
  const mid = (local: string) => `${local}@${domain}`;
  const OA = await makeEmailItem(t, orgId, {
    customerId: pat.id,
    conversationId: CA,
    direction: 'OUTBOUND',
    messageId: mid('hearth.out.a1001'),
  });
  const IA = await makeEmailItem(t, orgId, {
    customerId: pat.id,
    conversationId: CA,
    direction: 'INBOUND',
    messageId: 'CAFpat=first+msg@mail.gmail.com',
  });
  const OB = await makeEmailItem(t, orgId, {
    customerId: sam.id,
    conversationId: CB,
    direction: 'OUTBOUND',
    messageId: mid('hearth.out.b2002'),
  });
  const OC = await makeEmailItem(t, orgId, {
    customerId: lee.id,
    conversationId: CC,
    direction: 'OUTBOUND',
    messageId: mid('hearth.out.c3003'),
  });
  return {
    orgId,
    domain,
    inbox,
    secret,
    support,
    help,
    customers: { pat, sam, lee },
    conversations: { CA, CB, CC },
    items: { OA, IA, OB, OC },
  };
}

/** Hearth's SMTP server on a free port for this test file. */
export function useSmtpServer(t: TTestApp): { server: THearthSmtpServer } {
  const handle = {} as { server: THearthSmtpServer };
  beforeAll(async () => {
    handle.server = await startSmtpServer(t.ctx, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await handle.server?.close();
  });
  return handle;
}

export interface TSmtpResult {
  code: number;
  response: string;
}

/** Send a raw message over real SMTP (nodemailer); resolves with the final reply code, also for refusals. */
export async function sendRaw(
  server: THearthSmtpServer,
  envelope: { from: string; to: string[] },
  raw: Buffer,
  options: { requireTLS?: boolean } = {},
): Promise<TSmtpResult> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: false,
    connectionTimeout: 10_000,
    // The test's self-signed certificate is trusted as is.
    ...(options.requireTLS ? { requireTLS: true, tls: { rejectUnauthorized: false } } : { ignoreTLS: true }),
  });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { code: Number(info.response.slice(0, 3)), response: info.response };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message: string };
    return { code: e.responseCode ?? 0, response: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

/** Run the `email.process` job for every stored message of the org still waiting (what the worker does). */
export async function processPending(t: TTestApp, orgId: string): Promise<void> {
  const pending = await t.db
    .selectFrom('inbound_emails')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'RECEIVED')
    .orderBy('received_at')
    .execute();
  for (const row of pending) await processInboundEmail(t.ctx, { orgId, inboundEmailId: row.id });
}

export function inboundRows(t: TTestApp, orgId: string) {
  return t.db.selectFrom('inbound_emails').selectAll().where('org_id', '=', orgId).orderBy('received_at').execute();
}
