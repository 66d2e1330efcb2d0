import { newId } from '../apps/server/src/lib/ids.js';
import { createEntryPoint } from '../apps/server/src/modules/email/entry-points/commands/create-entry-point.js';
import { saveRelay } from '../apps/server/src/modules/email/outbound/commands/save-relay.js';
import type { TSmtpSink } from '../apps/server/test/email/outbound/outbound-helpers.js';
import { makeInbox, makeTopic } from '../apps/server/test/factories.js';
import type { TTestApp, TTestOrg } from '../apps/server/test/helpers.js';

// Arranging an e2e world through the product's own doors: an email entry point and raw MIME over HTTP, processed by
// the real inbound worker, exactly as a mail provider's hook would deliver it.

export interface TDesk {
  inbox: { id: string; name: string };
  entryPointId: string;
  secret: string;
  address: string;
}

/**
 * An inbox with the given members, its email address (the way in over HTTP, and the From of replies), the org's
 * relay pointing at the harness's SMTP sink, and two topics. Made with the product's own commands.
 */
export async function arrangeDesk(t: TTestApp, o: TTestOrg, memberIds: string[], smtp: TSmtpSink): Promise<TDesk> {
  const inbox = await makeInbox(t, o.org.id, { name: 'Support', memberIds, slaMinutes: 60 });
  const address = `support@${o.org.slug}.example`;
  const { id: entryPointId, inboundSecret } = await createEntryPoint(t.ctx, o.org.id, {
    address,
    displayName: 'Acme Support',
    inboxId: inbox.id,
    isDefaultFrom: true,
  });
  await saveRelay(t.ctx, o.org.id, {
    host: '127.0.0.1',
    port: smtp.port,
    tlsMode: 'NONE',
    username: null,
    password: null,
    dkim: null,
  });
  await makeTopic(t, o.org.id, { name: 'Billing' });
  await makeTopic(t, o.org.id, { name: 'Shipping' });
  return { inbox, entryPointId, secret: inboundSecret, address };
}

export function rawEmail(options: { from: string; fromName: string; to: string; subject: string; html: string }) {
  const boundary = `b${newId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const text = options.html.replace(/<[^>]+>/g, ' ');
  return Buffer.from(
    [
      `From: ${options.fromName} <${options.from}>`,
      `To: ${options.to}`,
      `Subject: ${options.subject}`,
      `Message-ID: <${newId().replace(/[^a-zA-Z0-9]/g, '')}@mail.example>`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      '',
      options.html,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

/** Deliver an email to the desk's entry point and wait until the worker has turned it into a conversation item. */
export async function deliverEmail(
  t: TTestApp,
  o: TTestOrg,
  desk: TDesk,
  email: { from: string; fromName: string; subject: string; html: string },
): Promise<{ customerId: string; conversationId: string; itemId: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/email/inbound/${desk.entryPointId}`,
    headers: { host: o.host, 'content-type': 'message/rfc822', 'x-hearth-inbound-secret': desk.secret },
    payload: rawEmail({ ...email, to: desk.address }),
  });
  if (res.statusCode !== 202) throw new Error(`inbound email refused: ${res.statusCode} ${res.body}`);
  const inboundId = (res.json() as { id: string }).id;
  for (let attempt = 0; attempt < 200; attempt++) {
    const row = await t.db
      .selectFrom('inbound_emails')
      .select(['status', 'item_id'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', inboundId)
      .executeTakeFirst();
    if (row?.status === 'PROCESSED' && row.item_id) {
      const item = await t.db
        .selectFrom('conversation_items')
        .select(['customer_id', 'conversation_id'])
        .where('org_id', '=', o.org.id)
        .where('id', '=', row.item_id)
        .executeTakeFirstOrThrow();
      return { customerId: item.customer_id, conversationId: item.conversation_id!, itemId: row.item_id };
    }
    if (row && row.status !== 'RECEIVED' && row.status !== 'PROCESSED') {
      throw new Error(`inbound email ended as ${row.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the inbound email was not processed in 20 s');
}
