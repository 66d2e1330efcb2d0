import { describe, expect, it } from 'vitest';
import type { TAppContext } from '../../../src/app-context.js';
import { processInboundEmail } from '../../../src/modules/email/inbound/commands/process-inbound-email.js';
import { createTestOrg, useTestApp } from '../../helpers.js';
import { arrangeEmailWorld, fixtureFor, inboundRows, processPending, sendRaw, useSmtpServer } from './arrange.js';

const t = useTestApp();
const smtp = useSmtpServer(t);

async function receive(raw: (domain: string) => Buffer, envelopeFrom = 'nora@newcustomer.example') {
  const o = await createTestOrg(t);
  const w = await arrangeEmailWorld(t, o.org.id, o.org.slug);
  expect((await sendRaw(smtp.server, { from: envelopeFrom, to: [w.support.address] }, raw(w.domain))).code).toBe(250);
  const [row] = await inboundRows(t, o.org.id);
  return { o, w, row: row! };
}

/** The app's context whose clock fails once with `error`: a failure in the middle of recording the message. */
function failingOnce(error: Error): TAppContext {
  let failed = false;
  return {
    ...t.ctx,
    now: () => {
      if (failed) return t.ctx.now();
      failed = true;
      throw error;
    },
  };
}

describe('inbound email processing failures', () => {
  it('strips NUL characters PostgreSQL cannot store instead of failing', async () => {
    const { o, row } = await receive((domain) =>
      Buffer.from(
        `From: nul@bytes.example\r\nTo: support@${domain}\r\nSubject: a\u0000b\r\nMessage-ID: <nul@bytes.example>\r\n` +
          'Content-Type: text/plain; charset=utf-8\r\n\r\nbefore\u0000after\r\n',
      ),
    );
    await processPending(t, o.org.id);
    const [after] = await inboundRows(t, o.org.id);
    expect(after).toMatchObject({ id: row.id, status: 'PROCESSED' });
    const item = await t.db
      .selectFrom('conversation_items')
      .select('content')
      .where('org_id', '=', o.org.id)
      .where('id', '=', after!.item_id!)
      .executeTakeFirstOrThrow();
    expect(item.content).toMatchObject({ subject: 'ab', content: 'beforeafter' });
  });

  it('a transient failure (lost connection) rolls back and is retried; the message stays RECEIVED', async () => {
    const { o, row } = await receive((domain) => fixtureFor('08-new-customer.eml', domain));
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    await expect(processInboundEmail(failingOnce(lost), { orgId: o.org.id, inboundEmailId: row.id })).rejects.toThrow(
      'terminating connection',
    );
    expect((await inboundRows(t, o.org.id))[0]).toMatchObject({ status: 'RECEIVED', item_id: null });
    await processInboundEmail(t.ctx, { orgId: o.org.id, inboundEmailId: row.id });
    expect((await inboundRows(t, o.org.id))[0]).toMatchObject({ status: 'PROCESSED' });
  });

  it('a failure that would repeat keeps the message as UNPARSEABLE, in the envelope sender’s timeline', async () => {
    const { o, row } = await receive((domain) => fixtureFor('08-new-customer.eml', domain), 'nora@newcustomer.example');
    await processInboundEmail(failingOnce(new TypeError('clock is broken')), {
      orgId: o.org.id,
      inboundEmailId: row.id,
    });
    const [after] = await inboundRows(t, o.org.id);
    expect(after).toMatchObject({
      status: 'UNPARSEABLE',
      error: 'the message could not be recorded: clock is broken',
      item_id: expect.any(String),
    });
    const item = await t.db
      .selectFrom('conversation_items')
      .select(['content', 'customer_id'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', after!.item_id!)
      .executeTakeFirstOrThrow();
    expect(item.content).toMatchObject({
      from: 'nora@newcustomer.example',
      subject: '(unreadable email)',
      unparseable: true,
      attachments: [expect.objectContaining({ filename: 'original.eml', contentType: 'message/rfc822' })],
    });
    const blob = await t.db
      .selectFrom('attachments')
      .innerJoin('attachment_blobs', (j) =>
        j
          .onRef('attachment_blobs.org_id', '=', 'attachments.org_id')
          .onRef('attachment_blobs.attachment_id', '=', 'attachments.id'),
      )
      .select('content')
      .where('attachments.org_id', '=', o.org.id)
      .where('attachments.item_id', '=', after!.item_id!)
      .executeTakeFirstOrThrow();
    expect(Buffer.compare(blob.content, after!.raw)).toBe(0);
  });
});
