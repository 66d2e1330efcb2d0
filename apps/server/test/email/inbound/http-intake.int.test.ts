import { describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../../helpers.js';
import { signIn } from '../../internal/session-helpers.js';
import { arrangeEmailWorld, fixtureFor, inboundRows, makeEntryPoint, processPending } from './arrange.js';

const t = useTestApp();

async function world() {
  const o = await createTestOrg(t);
  return { o, w: await arrangeEmailWorld(t, o.org.id, o.org.slug) };
}

function post(url: string, raw: Buffer, headers: Record<string, string>) {
  return t.app.inject({ method: 'POST', url, payload: raw, headers: { 'content-type': 'message/rfc822', ...headers } });
}

// The HTTP way in: raw MIME with the entry point's secret, the same durable path as SMTP.
describe('POST /api/email/inbound/{entryPointId}', () => {
  it('takes raw MIME with the secret (header, Bearer or Basic password) and answers 202 after commit', async () => {
    const { o, w } = await world();
    const url = `/api/email/inbound/${w.support.id}`;
    const auths: Record<string, string>[] = [
      { 'x-hearth-inbound-secret': w.secret },
      { authorization: `Bearer ${w.secret}` },
      { authorization: `Basic ${Buffer.from(`mailgun:${w.secret}`).toString('base64')}` },
    ];
    for (const [index, headers] of auths.entries()) {
      const raw = fixtureFor('08-new-customer.eml', w.domain);
      const res = await post(url, raw, { ...headers, ...(index === 2 ? { 'content-type': 'text/plain' } : {}) });
      expect(res.statusCode).toBe(202);
      const rows = await inboundRows(t, o.org.id);
      expect(rows).toHaveLength(index + 1);
      expect(res.json()).toEqual({ id: rows[index]!.id });
      expect(rows[index]).toMatchObject({
        via: 'HTTP',
        status: 'RECEIVED',
        entry_point_id: w.support.id,
        mail_from: '',
      });
      expect(Buffer.compare(rows[index]!.raw, raw)).toBe(0);
    }
    await processPending(t, o.org.id);
    expect((await inboundRows(t, o.org.id)).map((r) => r.status)).toEqual(['PROCESSED', 'DUPLICATE', 'DUPLICATE']);
  });

  it('refuses a missing or wrong secret, an unknown entry point and a disabled one, storing nothing', async () => {
    const { o, w } = await world();
    const raw = fixtureFor('08-new-customer.eml', w.domain);
    const url = `/api/email/inbound/${w.support.id}`;
    const refusals: { url: string; headers: Record<string, string>; status: number }[] = [
      { url, headers: {}, status: 401 },
      { url, headers: { 'x-hearth-inbound-secret': 'wrong' }, status: 401 },
      { url, headers: { authorization: 'Bearer wrong' }, status: 401 },
      // The domain entry point has no secret at all: nothing opens it.
      { url: `/api/email/inbound/${w.help.id}`, headers: { 'x-hearth-inbound-secret': w.secret }, status: 401 },
      { url: '/api/email/inbound/nope', headers: { 'x-hearth-inbound-secret': w.secret }, status: 401 },
    ];
    const disabled = await makeEntryPoint(t, o.org.id, {
      address: `off@${w.domain}`,
      inboxId: w.inbox.id,
      secret: 'off-secret',
      disabled: true,
    });
    refusals.push({
      url: `/api/email/inbound/${disabled.id}`,
      headers: { 'x-hearth-inbound-secret': 'off-secret' },
      status: 403,
    });
    for (const refusal of refusals) {
      const res = await post(refusal.url, raw, refusal.headers);
      expect(res.statusCode, refusal.url).toBe(refusal.status);
      expect(res.json()).toMatchObject({ errors: [expect.objectContaining({ code: expect.any(String) })] });
    }
    const empty = await post(url, Buffer.alloc(0), { 'x-hearth-inbound-secret': w.secret });
    expect(empty.statusCode).toBe(400);
    expect(await inboundRows(t, o.org.id)).toEqual([]);
  });

  it('keeps an unreadable message (no From, no envelope) as UNPARSEABLE, listed for admins only', async () => {
    const { o, w } = await world();
    const res = await post(`/api/email/inbound/${w.support.id}`, fixtureFor('31-no-from.eml', w.domain), {
      'x-hearth-inbound-secret': w.secret,
    });
    expect(res.statusCode).toBe(202);
    await processPending(t, o.org.id);
    const [row] = await inboundRows(t, o.org.id);
    expect(row).toMatchObject({ status: 'UNPARSEABLE', item_id: null, error: expect.stringContaining('From') });
    expect(row!.raw.length).toBeGreaterThan(0);

    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const list = await admin.request({ method: 'GET', url: '/api/internal/email/inbound?status=UNPARSEABLE' });
    expect(list.statusCode).toBe(200);
    expect(list.data).toEqual([
      {
        id: row!.id,
        entryPointId: w.support.id,
        receivedAt: row!.received_at.toISOString(),
        via: 'HTTP',
        mailFrom: '',
        rcptTo: [w.support.address],
        sizeBytes: row!.raw.length,
        status: 'UNPARSEABLE',
        error: row!.error,
        messageId: row!.message_id,
        itemId: null,
        conversationId: null,
        processedAt: row!.processed_at!.toISOString(),
      },
    ]);
    const agent = await signIn(t, o, ['AGENT']);
    expect((await agent.request({ method: 'GET', url: '/api/internal/email/inbound' })).statusCode).toBe(403);
  });
});
