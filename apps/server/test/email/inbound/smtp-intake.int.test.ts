import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../src/modules/email/inbound/smtp-server.js';
import { eventsOf } from '../../factories.js';
import { createTestOrg, useTestApp } from '../../helpers.js';
import {
  arrangeEmailWorld,
  fixtureFor,
  inboundRows,
  makeEntryPoint,
  processPending,
  sendRaw,
  useSmtpServer,
} from './arrange.js';

const t = useTestApp();
const smtp = useSmtpServer(t);

async function world() {
  const o = await createTestOrg(t);
  return { o, w: await arrangeEmailWorld(t, o.org.id, o.org.slug) };
}

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

describe('SMTP intake', () => {
  it('answers 550 to a recipient that is no enabled entry point, and stores nothing', async () => {
    const { o, w } = await world();
    const disabled = await makeEntryPoint(t, o.org.id, {
      address: `old@${w.domain}`,
      inboxId: w.inbox.id,
      disabled: true,
    });
    const raw = fixtureFor('08-new-customer.eml', w.domain);
    for (const to of [`nobody@${w.domain}`, disabled.address, 'support@elsewhere.example']) {
      const sent = await sendRaw(smtp.server, { from: 'nora@newcustomer.example', to: [to] }, raw);
      expect(sent.code).toBe(550);
      expect(sent.response).toMatch(/no such mailbox/);
    }
    expect(await inboundRows(t, o.org.id)).toEqual([]);
  });

  it('with a known and an unknown recipient, accepts for the known one only', async () => {
    const { o, w } = await world();
    const raw = fixtureFor('08-new-customer.eml', w.domain);
    const sent = await sendRaw(
      smtp.server,
      { from: 'nora@newcustomer.example', to: [`nobody@${w.domain}`, w.support.address] },
      raw,
    );
    expect(sent.code).toBe(250);
    const rows = await inboundRows(t, o.org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rcpt_to: [w.support.address], entry_point_id: w.support.id, via: 'SMTP' });
    expect(rows[0]!.mail_from).toBe('nora@newcustomer.example');
  });

  it('commits the message and its email.process job before answering 250', async () => {
    const { o, w } = await world();
    const sent = await sendRaw(
      smtp.server,
      { from: 'nora@newcustomer.example', to: [w.support.address] },
      fixtureFor('08-new-customer.eml', w.domain),
    );
    expect(sent.code).toBe(250);
    const [row] = await inboundRows(t, o.org.id);
    expect(sent.response).toContain(row!.id);
    const jobs = await sql<{ data: { orgId: string; inboundEmailId: string } }>`
      SELECT data FROM pgboss.job WHERE name = 'email.process' AND data->>'inboundEmailId' = ${row!.id}
    `.execute(t.db);
    expect(jobs.rows).toEqual([{ data: { orgId: o.org.id, inboundEmailId: row!.id } }]);
  });

  it('stores one row per org when one message reaches entry points of two orgs', async () => {
    const a = await world();
    const b = await world();
    const raw = fixtureFor('08-new-customer.eml', a.w.domain);
    const sent = await sendRaw(
      smtp.server,
      { from: 'nora@newcustomer.example', to: [a.w.support.address, b.w.support.address] },
      raw,
    );
    expect(sent.code).toBe(250);
    for (const { o, w } of [a, b]) {
      const rows = await inboundRows(t, o.org.id);
      expect(rows.map((r) => r.rcpt_to)).toEqual([[w.support.address]]);
      await processPending(t, o.org.id);
      expect((await inboundRows(t, o.org.id))[0]!.status).toBe('PROCESSED');
    }
  });

  it('stores the same message delivered twice once: the second copy is DUPLICATE', async () => {
    const { o, w } = await world();
    const raw = fixtureFor('08-new-customer.eml', w.domain);
    for (let i = 0; i < 2; i++) {
      expect(
        (await sendRaw(smtp.server, { from: 'nora@newcustomer.example', to: [w.support.address] }, raw)).code,
      ).toBe(250);
    }
    await processPending(t, o.org.id);
    const rows = await inboundRows(t, o.org.id);
    expect(rows.map((r) => r.status)).toEqual(['PROCESSED', 'DUPLICATE']);
    expect(rows[1]).toMatchObject({ message_id: 'nora-first@newcustomer.example', item_id: null });
    const items = await t.db
      .selectFrom('conversation_items')
      .select('id')
      .where('org_id', '=', o.org.id)
      .where('content_type', '=', 'EMAIL')
      .where('direction', '=', 'INBOUND')
      .where(sql<boolean>`content->>'messageId' = 'nora-first@newcustomer.example'`)
      .execute();
    expect(items).toHaveLength(1);
  });

  it('processes a message once even when its job runs twice', async () => {
    const { o, w } = await world();
    await sendRaw(
      smtp.server,
      { from: 'x@y.example', to: [w.support.address] },
      fixtureFor('08-new-customer.eml', w.domain),
    );
    const [row] = await inboundRows(t, o.org.id);
    const { processInboundEmail } = await import(
      '../../../src/modules/email/inbound/commands/process-inbound-email.js'
    );
    await Promise.all([
      processInboundEmail(t.ctx, { orgId: o.org.id, inboundEmailId: row!.id }),
      processInboundEmail(t.ctx, { orgId: o.org.id, inboundEmailId: row!.id }),
    ]);
    const items = await t.db
      .selectFrom('conversation_items')
      .select('id')
      .where('org_id', '=', o.org.id)
      .where('customer_id', '<>', w.customers.pat.id)
      .where('direction', '=', 'INBOUND')
      .execute();
    expect(items).toHaveLength(1);
  });

  it('a reply while the first conversation is open never starts a second one; events name the customer', async () => {
    const { o, w } = await world();
    const first = await compose({
      from: 'new.person@fresh.example',
      to: w.support.address,
      subject: 'Help',
      text: 'first',
      messageId: '<first@fresh.example>',
    });
    const reply = await compose({
      from: 'new.person@fresh.example',
      to: w.support.address,
      subject: 'Re: Help',
      text: 'second',
      messageId: '<second@fresh.example>',
      inReplyTo: '<first@fresh.example>',
    });
    for (const raw of [first, reply]) {
      expect(
        (await sendRaw(smtp.server, { from: 'new.person@fresh.example', to: [w.support.address] }, raw)).code,
      ).toBe(250);
    }
    await processPending(t, o.org.id);
    const rows = await inboundRows(t, o.org.id);
    expect(rows.map((r) => r.status)).toEqual(['PROCESSED', 'PROCESSED']);
    expect(rows[0]!.conversation_id).toBe(rows[1]!.conversation_id);
    const events = await eventsOf(t, o.org.id, ['CONVERSATION/CREATED', 'CONTACT/MESSAGE_RECEIVED']);
    const customerId = (
      await t.db
        .selectFrom('conversations')
        .select('customer_id')
        .where('id', '=', rows[0]!.conversation_id!)
        .executeTakeFirstOrThrow()
    ).customer_id;
    expect(events.map((e) => e.type)).toEqual([
      'CONVERSATION/CREATED',
      'CONTACT/MESSAGE_RECEIVED',
      'CONTACT/MESSAGE_RECEIVED',
    ]);
    for (const event of events) expect(event.initiator).toEqual({ id: customerId, type: 'CUSTOMER' });
    expect(events[2]!.content).toMatchObject({ channel: 'EMAIL', conversationId: rows[0]!.conversation_id });
  });
});

describe('SMTP size limit', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-email-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 552 over HEARTH_SMTP_MAX_BYTES and stores nothing', async () => {
    const { o, w } = await world();
    const small = await startSmtpServer({ ...t.ctx, env: { ...t.ctx.env, HEARTH_SMTP_MAX_BYTES: 4096 } }, { port: 0 });
    try {
      const raw = await compose({
        from: 'big@sender.example',
        to: w.support.address,
        subject: 'x',
        text: 'y'.repeat(8000),
      });
      const sent = await sendRaw(small, { from: 'big@sender.example', to: [w.support.address] }, raw);
      expect(sent.code).toBe(552);
      const fits = await compose({ from: 'big@sender.example', to: w.support.address, subject: 'x', text: 'y' });
      expect((await sendRaw(small, { from: 'big@sender.example', to: [w.support.address] }, fits)).code).toBe(250);
    } finally {
      await small.close();
    }
    expect(await inboundRows(t, o.org.id)).toHaveLength(1);
  });

  it('a 20 MB attachment: 552 at the default 25 MB (it is ~27 MB encoded), stored intact under a 32 MB limit', async () => {
    const { o, w } = await world();
    const file = path.join(dir, 'scan.bin');
    const bytes = randomBytes(20 * 1024 * 1024);
    writeFileSync(file, bytes);
    const raw = await compose({
      from: 'pat@customer.example',
      to: w.support.address,
      subject: 'The full scan',
      text: 'Attached: the 20 MB scan.',
      attachments: [{ filename: 'scan.bin', path: file, contentType: 'application/octet-stream' }],
    });
    writeFileSync(path.join(dir, 'big.eml'), raw);
    const envelope = { from: 'pat@customer.example', to: [w.support.address] };
    expect((await sendRaw(smtp.server, envelope, readFileSync(path.join(dir, 'big.eml')))).code).toBe(552);
    expect(await inboundRows(t, o.org.id)).toEqual([]);

    const roomy = await startSmtpServer(
      { ...t.ctx, env: { ...t.ctx.env, HEARTH_SMTP_MAX_BYTES: 32 * 1024 * 1024 } },
      { port: 0 },
    );
    try {
      expect((await sendRaw(roomy, envelope, raw)).code).toBe(250);
    } finally {
      await roomy.close();
    }
    await processPending(t, o.org.id);
    const [row] = await inboundRows(t, o.org.id);
    expect(row).toMatchObject({ status: 'PROCESSED', conversation_id: w.conversations.CA });
    const attachment = await t.db
      .selectFrom('attachments')
      .innerJoin('attachment_blobs', (j) =>
        j
          .onRef('attachment_blobs.org_id', '=', 'attachments.org_id')
          .onRef('attachment_blobs.attachment_id', '=', 'attachments.id'),
      )
      .select(['filename', 'content_type', 'size_bytes', 'sha256', 'content'])
      .where('attachments.org_id', '=', o.org.id)
      .where('attachments.item_id', '=', row!.item_id!)
      .executeTakeFirstOrThrow();
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(attachment).toMatchObject({
      filename: 'scan.bin',
      content_type: 'application/octet-stream',
      size_bytes: String(bytes.length),
      sha256: digest,
    });
    expect(createHash('sha256').update(attachment.content).digest('hex')).toBe(digest);
  });
});

describe('SMTP STARTTLS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is offered with a configured certificate, and absent without one', async () => {
    const { o, w } = await world();
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert].concat([
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ]),
      { stdio: 'ignore' },
    );
    const tls = await startSmtpServer(
      { ...t.ctx, env: { ...t.ctx.env, HEARTH_SMTP_TLS_CERT: cert, HEARTH_SMTP_TLS_KEY: key } },
      { port: 0 },
    );
    const raw = fixtureFor('08-new-customer.eml', w.domain);
    const envelope = { from: 'nora@newcustomer.example', to: [w.support.address] };
    try {
      expect((await sendRaw(tls, envelope, raw, { requireTLS: true })).code).toBe(250);
    } finally {
      await tls.close();
    }
    await expect(
      startSmtpServer({ ...t.ctx, env: { ...t.ctx.env, HEARTH_SMTP_TLS_CERT: cert } }, { port: 0 }),
    ).rejects.toThrow('must be set together');
    const plain = await sendRaw(smtp.server, envelope, raw, { requireTLS: true });
    expect(plain.code).not.toBe(250);
    expect(await inboundRows(t, o.org.id)).toHaveLength(1);
  });
});
