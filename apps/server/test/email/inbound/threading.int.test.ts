import { sql } from 'kysely';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { requeueStrandedEmails } from '../../../src/modules/email/inbound/commands/requeue-stranded-emails.js';
import { createTestOrg, useTestApp } from '../../helpers.js';
import { arrangeEmailWorld, inboundRows, processPending, sendRaw, useSmtpServer } from './arrange.js';

const t = useTestApp();
const smtp = useSmtpServer(t);

type TMail = { from: string; subject: string; inReplyTo?: string; references?: string[] };

/** Deliver one message to the world's support address and process it; the stored row. */
async function deliver(mail: TMail) {
  const o = await createTestOrg(t);
  const w = await arrangeEmailWorld(t, o.org.id, o.org.slug);
  const at = (local: string) => `<${local}@${w.domain}>`;
  const resolve = (id: string) => (id.startsWith('hearth.out') ? at(id) : `<${id}>`);
  const raw = await new MailComposer({
    from: mail.from,
    to: w.support.address,
    subject: mail.subject,
    text: 'hello',
    messageId: `<${Math.random().toString(36).slice(2)}@sender.example>`,
    ...(mail.inReplyTo ? { inReplyTo: resolve(mail.inReplyTo) } : {}),
    ...(mail.references ? { references: mail.references.map(resolve) } : {}),
  })
    .compile()
    .build();
  expect((await sendRaw(smtp.server, { from: mail.from, to: [w.support.address] }, raw)).code).toBe(250);
  await processPending(t, o.org.id);
  const [row] = await inboundRows(t, o.org.id);
  const item = await t.db
    .selectFrom('conversation_items')
    .select(['initiator_type', 'customer_id'])
    .where('org_id', '=', o.org.id)
    .where('id', '=', row!.item_id!)
    .executeTakeFirstOrThrow();
  return { o, w, row: row!, item };
}

describe('threading layers', () => {
  it('our own Message-ID (OUTBOUND) wins over one we received (INBOUND)', async () => {
    const { w, row, item } = await deliver({
      from: 'sam@client.example',
      subject: 'Re: both',
      inReplyTo: 'CAFpat=first+msg@mail.gmail.com',
      references: ['hearth.out.b2002'],
    });
    expect(row.conversation_id).toBe(w.conversations.CB);
    expect(item).toEqual({ initiator_type: 'CUSTOMER', customer_id: w.customers.sam.id });
  });

  it('reply headers win over the subject token', async () => {
    const { w, row } = await deliver({
      from: 'pat@customer.example',
      subject: 'Re: x [#hx-convBBBBBBBBBBBBBBBBBB]',
      references: ['hearth.out.a1001'],
    });
    expect(row.conversation_id).toBe(w.conversations.CA);
  });

  it('unknown reply headers and a token of no conversation of this org fall back to the customer’s conversation', async () => {
    const { w, row } = await deliver({
      from: 'pat@customer.example',
      subject: 'Re: x [#hx-convZZZZZZZZZZZZZZZZZZ]',
      inReplyTo: 'never-seen@elsewhere.example',
    });
    expect(row.conversation_id).toBe(w.conversations.CA);
  });

  it('a reply to a conversation closed inside the window reopens that conversation, not a new one', async () => {
    const { w, row } = await deliver({
      from: 'sam@client.example',
      subject: 'Re: invoice',
      inReplyTo: 'hearth.out.b2002',
    });
    expect(row.conversation_id).toBe(w.conversations.CB);
    const cb = await t.db
      .selectFrom('conversations')
      .select(['status', 'customer_waiting_since'])
      .where('org_id', '=', w.orgId)
      .where('id', '=', w.conversations.CB)
      .executeTakeFirstOrThrow();
    expect(cb.status).toBe('OPEN');
    expect(cb.customer_waiting_since).not.toBeNull();
  });
});

describe('requeueStrandedEmails', () => {
  it('gives a RECEIVED message whose job is gone (taken by a process that died) a new job', async () => {
    const o = await createTestOrg(t);
    const w = await arrangeEmailWorld(t, o.org.id, o.org.slug);
    const raw = Buffer.from(`From: a@b.example\r\nTo: ${w.support.address}\r\nSubject: s\r\n\r\nbody\r\n`);
    expect((await sendRaw(smtp.server, { from: 'a@b.example', to: [w.support.address] }, raw)).code).toBe(250);
    const [row] = await inboundRows(t, o.org.id);
    const jobsOf = () =>
      sql<{ state: string }>`
        SELECT state FROM pgboss.job WHERE name = 'email.process' AND data->>'inboundEmailId' = ${row!.id}
      `.execute(t.db);
    // What a SIGKILL leaves behind: the job taken (active) by a worker that no longer exists.
    await sql`UPDATE pgboss.job SET state = 'active', started_on = now()
              WHERE name = 'email.process' AND data->>'inboundEmailId' = ${row!.id}`.execute(t.db);
    expect(await requeueStrandedEmails(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await jobsOf()).rows.map((r) => r.state).sort()).toEqual(['active', 'created']);
    // Once it waits for a worker again, a second sweep leaves it alone.
    await requeueStrandedEmails(t.ctx);
    expect((await jobsOf()).rows).toHaveLength(2);
  });
});
