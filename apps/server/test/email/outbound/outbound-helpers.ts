import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import type { TJobQueue } from '../../../src/jobs/job-queue.js';
import { newId } from '../../../src/lib/ids.js';
import { DELIVER_JOB } from '../../../src/modules/channels/delivery-registry.js';
import { registerDeliveryWorker } from '../../../src/modules/channels/delivery-worker.js';
import { createEntryPoint } from '../../../src/modules/email/entry-points/commands/create-entry-point.js';
import { saveRelay } from '../../../src/modules/email/outbound/commands/save-relay.js';
import { makeConversation, makeCustomer, makeInbox } from '../../factories.js';
import type { TTestApp, TTestOrg } from '../../helpers.js';

export const TEST_SECRET_KEY = 'outbound-email-tests-secret-key-0123456789';

export interface TReceived {
  raw: string;
  mailFrom: string;
  rcptTo: string[];
}

/** What the sink answers to message n (1-based): null accepts; otherwise the SMTP code and text to refuse with. */
export type TSinkPlan = (n: number) => { code: number; message: string } | null;

export interface TSmtpSink {
  port: number;
  received: TReceived[];
  auths: { username: string; password: string }[];
  plan: TSinkPlan;
  /** Runs while the client waits for the answer to DATA: what the world looks like before the relay says 250. */
  beforeAnswer?: (raw: string) => Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 standing in for the org's relay: it keeps every message byte for byte. */
export async function startSmtpSink(): Promise<TSmtpSink> {
  let count = 0;
  const sink: TSmtpSink = {
    port: 0,
    received: [],
    auths: [],
    plan: () => null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      sink.auths.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        await sink.beforeAnswer?.(Buffer.concat(chunks).toString('utf8'));
        count += 1;
        const refusal = sink.plan(count);
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        sink.received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as { port: number }).port;
  return sink;
}

/**
 * Deliveries of this file go to a queue of their own: other test files run delivery workers with recording
 * adapters that would otherwise take (and "send") these jobs.
 */
export function useOwnDeliveryQueue(t: TTestApp): void {
  const queue = `${DELIVER_JOB}.test-${newId().replace(/[^A-Za-z0-9]/g, '')}`;
  let original: TJobQueue | undefined;
  beforeAll(async () => {
    original = t.ctx.jobs;
    const real = original;
    const rename = (name: string) => (name === DELIVER_JOB ? queue : name);
    t.ctx.jobs = {
      send: (trx, name, data, options) => real.send(trx, rename(name), data, options),
      work: (name, handler, options) => real.work(rename(name), handler, options),
      schedule: (...args) => real.schedule(...args),
      stop: () => real.stop(),
    };
    await registerDeliveryWorker(t.ctx);
  });
  afterAll(() => {
    if (original) t.ctx.jobs = original;
  });
}

/** The org's relay pointing at the sink, and a support address (the inbox's default From). */
export async function arrangeEmailSetup(
  t: TTestApp,
  o: TTestOrg,
  sink: TSmtpSink,
  relay: { username?: string; password?: string; dkim?: { domain: string; selector: string; privateKey: string } } = {},
) {
  const domain = `${o.org.slug}.example.com`;
  const inbox = await makeInbox(t, o.org.id);
  const support = `support@${domain}`;
  await createEntryPoint(t.ctx, o.org.id, {
    address: support,
    displayName: 'Acme Support',
    inboxId: inbox.id,
    isDefaultFrom: true,
  });
  await saveRelay(t.ctx, o.org.id, {
    host: '127.0.0.1',
    port: sink.port,
    tlsMode: 'NONE',
    username: relay.username ?? null,
    password: relay.password ?? null,
    dkim: relay.dkim ?? null,
  });
  return { domain, inbox, support };
}

/** A customer's email in an open conversation, stored as the inbound side stores one (item, raw mail, Message-ID). */
export async function arrangeInboundEmail(
  t: TTestApp,
  o: TTestOrg,
  setup: { inbox: { id: string }; support: string; domain: string },
  options: { to?: string[]; cc?: string[]; subject?: string; references?: string[]; messageId?: string } = {},
) {
  const orgId = o.org.id;
  const customerEmail = `pat.${newId()
    .slice(0, 6)
    .replace(/[^A-Za-z0-9]/g, 'x')
    .toLowerCase()}@customer.example`;
  const customer = await makeCustomer(t, orgId, { email: customerEmail });
  const conversation = await makeConversation(t, orgId, {
    customerId: customer.id,
    inboxId: setup.inbox.id,
    customerWaiting: true,
  });
  const messageId = options.messageId ?? `${newId()}@mail.customer.example`;
  const to = options.to ?? [setup.support];
  const cc = options.cc ?? [];
  const subject = options.subject ?? 'Where is my order?';
  const itemId = newId();
  await t.db
    .insertInto('conversation_items')
    .values({
      org_id: orgId,
      id: itemId,
      customer_id: customer.id,
      conversation_id: conversation.id,
      session_id: null,
      occurred_at: new Date(Date.now() - 60_000),
      initiator_id: customer.id,
      initiator_type: 'CUSTOMER',
      responder_id: null,
      responder_type: null,
      content_type: 'EMAIL',
      content: JSON.stringify({
        type: 'EMAIL',
        from: customerEmail,
        to,
        cc,
        bcc: [],
        subject,
        content: 'It has not arrived.',
        attachments: [],
      }),
      direction: 'INBOUND',
      delivery_status: null,
      redacted_at: null,
    })
    .execute();
  const references = options.references ?? [];
  const raw = [
    `From: Pat <${customerEmail}>`,
    `To: ${to.join(', ')}`,
    ...(cc.length ? [`Cc: ${cc.join(', ')}`] : []),
    `Subject: ${subject}`,
    `Message-ID: <${messageId}>`,
    ...(references.length ? [`References: ${references.map((r) => `<${r}>`).join('\r\n ')}`] : []),
    '',
    'It has not arrived.',
    '',
  ].join('\r\n');
  const entryPoint = await t.db
    .selectFrom('email_entry_points')
    .select('id')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('inbound_emails')
    .values({
      org_id: orgId,
      id: newId(),
      entry_point_id: entryPoint.id,
      via: 'SMTP',
      raw: Buffer.from(raw),
      size_bytes: raw.length,
      status: 'PROCESSED',
      error: null,
      message_id: messageId,
      item_id: itemId,
      conversation_id: conversation.id,
      processed_at: new Date(),
    })
    .execute();
  await t.db
    .insertInto('email_message_ids')
    .values({
      org_id: orgId,
      message_id: messageId,
      direction: 'INBOUND',
      conversation_id: conversation.id,
      item_id: itemId,
    })
    .execute();
  return { customer, customerEmail, conversation, itemId, messageId, subject };
}

/** A header of a raw message as it arrived (unfolded), or undefined. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
