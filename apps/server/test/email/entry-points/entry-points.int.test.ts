import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/lib/sha256.js';
import { makeInbox } from '../../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../../helpers.js';
import { signIn, type TSignedIn } from '../../internal/session-helpers.js';

const t = useTestApp();
const URL = '/api/internal/email/entry-points';

async function arrange() {
  const o = await createTestOrg(t);
  const admin = await signIn(t, o, ['ADMINISTRATOR']);
  const inbox = await makeInbox(t, o.org.id);
  const domain = `${o.org.slug}.example.com`;
  return { o, admin, inbox, domain };
}

async function rowsOf(o: TTestOrg) {
  return t.db.selectFrom('email_entry_points').selectAll().where('org_id', '=', o.org.id).orderBy('address').execute();
}

function create(admin: TSignedIn, body: unknown) {
  return admin.request({ method: 'POST', url: URL, body });
}

describe('email entry points (internal API)', () => {
  it('an admin creates an address: 201, Location, the secret shown once and only its SHA-256 kept', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const res = await create(admin, {
      address: `  Support@${domain.toUpperCase()} `,
      displayName: 'Acme Support',
      inboxId: inbox.id,
      slaMinutes: 30,
      isDefaultFrom: true,
    });
    expect(res.statusCode).toBe(201);
    const body = res.data as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.any(String),
      address: `support@${domain}`,
      kind: 'ADDRESS',
      displayName: 'Acme Support',
      inboxId: inbox.id,
      slaMinutes: 30,
      isDefaultFrom: true,
      disabled: false,
      hasInboundSecret: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: body.createdAt,
      inboundSecret: expect.stringMatching(/^hes_[A-Za-z0-9_-]{43}$/),
    });
    expect(res.headers.location).toBe(`${URL}/${body.id}`);
    const [row] = await rowsOf(o);
    expect(row?.inbound_secret_hash).toBe(sha256Hex(body.inboundSecret as string));

    const { inboundSecret: _secret, ...shown } = body;
    const one = await admin.request({ method: 'GET', url: `${URL}/${body.id}` });
    expect(one.data).toEqual(shown);
    const agent = await signIn(t, o, ['AGENT']);
    const list = await agent.request({ method: 'GET', url: URL });
    expect(list.statusCode).toBe(200);
    expect(list.data).toEqual([shown]);
  });

  it('a whole domain is an entry point too, but never a From address', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const res = await create(admin, { address: `@${domain}`, inboxId: inbox.id });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ address: `@${domain}`, kind: 'DOMAIN', displayName: '', slaMinutes: null });
    const refused = await create(admin, { address: `@other.${domain}`, inboxId: inbox.id, isDefaultFrom: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.data).toEqual({
      errors: [
        {
          attr: 'isDefaultFrom',
          code: 'invalid',
          detail: 'a domain cannot be a From address; choose a single address',
        },
      ],
    });
    expect(await rowsOf(o)).toHaveLength(1);
  });

  it('one default From per inbox: naming another clears the first', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const first = await create(admin, { address: `a@${domain}`, inboxId: inbox.id, isDefaultFrom: true });
    const second = await create(admin, { address: `b@${domain}`, inboxId: inbox.id, isDefaultFrom: true });
    expect(second.statusCode).toBe(201);
    const rows = await rowsOf(o);
    expect(rows.map((r) => [r.address, r.is_default_from])).toEqual([
      [`a@${domain}`, false],
      [`b@${domain}`, true],
    ]);
    const back = await admin.request({
      method: 'PATCH',
      url: `${URL}/${(first.data as { id: string }).id}`,
      body: { isDefaultFrom: true },
    });
    expect(back.statusCode).toBe(200);
    expect((await rowsOf(o)).map((r) => r.is_default_from)).toEqual([true, false]);
  });

  it('PATCH changes only the given fields; slaMinutes null clears the override', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const other = await makeInbox(t, o.org.id);
    const created = await create(admin, { address: `x@${domain}`, inboxId: inbox.id, slaMinutes: 5 });
    const id = (created.data as { id: string }).id;
    t.clock.advance(1000);
    const res = await admin.request({
      method: 'PATCH',
      url: `${URL}/${id}`,
      body: { displayName: 'X Team', inboxId: other.id, slaMinutes: null, disabled: true, address: 'ignored@x.test' },
    });
    t.clock.reset();
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id,
      address: `x@${domain}`,
      displayName: 'X Team',
      inboxId: other.id,
      slaMinutes: null,
      disabled: true,
      isDefaultFrom: false,
    });
    expect((res.data as { updatedAt: string }).updatedAt).not.toBe((created.data as { updatedAt: string }).updatedAt);
  });

  it('rotating the secret replaces it: the new one is shown once, the old hash is gone', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const created = await create(admin, { address: `x@${domain}`, inboxId: inbox.id });
    const { id, inboundSecret: old } = created.data as { id: string; inboundSecret: string };
    const res = await admin.request({ method: 'POST', url: `${URL}/${id}/secret` });
    expect(res.statusCode).toBe(200);
    const fresh = (res.data as { inboundSecret: string }).inboundSecret;
    expect(fresh).toMatch(/^hes_/);
    expect(fresh).not.toBe(old);
    expect((await rowsOf(o))[0]?.inbound_secret_hash).toBe(sha256Hex(fresh));
  });

  it('DELETE removes it (204), then 404', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const created = await create(admin, { address: `x@${domain}`, inboxId: inbox.id });
    const id = (created.data as { id: string }).id;
    const res = await admin.request({ method: 'DELETE', url: `${URL}/${id}` });
    expect(res.statusCode).toBe(204);
    expect(await rowsOf(o)).toEqual([]);
    const again = await admin.request({ method: 'DELETE', url: `${URL}/${id}` });
    expect(again.statusCode).toBe(404);
    expect(again.data).toEqual({ errors: [{ code: 'not_exist', detail: `email entry point ${id} does not exist` }] });
  });

  it('409 taken when the address belongs to any org, whatever its case', async () => {
    const { admin, inbox, domain } = await arrange();
    expect((await create(admin, { address: `x@${domain}`, inboxId: inbox.id })).statusCode).toBe(201);
    const other = await arrange();
    const res = await create(other.admin, { address: `X@${domain.toUpperCase()}`, inboxId: other.inbox.id });
    expect(res.statusCode).toBe(409);
    expect(res.data).toEqual({
      errors: [{ attr: 'address', code: 'taken', detail: 'this address is already an entry point' }],
    });
    expect(await rowsOf(other.o)).toEqual([]);
  });

  it('400 for a bad address, a missing or foreign inbox and a bad SLA; nothing stored', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const foreign = await arrange();
    const badAddress = {
      attr: 'address',
      code: 'invalid',
      detail: 'address must be an email address (support@acme.com) or a domain (@acme.com)',
    };
    const cases: [unknown, Record<string, unknown>][] = [
      [{ inboxId: inbox.id }, { attr: 'address', code: 'blank', detail: 'address cannot be blank' }],
      [{ address: 'not-an-address', inboxId: inbox.id }, badAddress],
      [{ address: 'a@b', inboxId: inbox.id }, badAddress],
      [{ address: 'a..b@x.example', inboxId: inbox.id }, badAddress],
      [{ address: `x@${domain}` }, { attr: 'inboxId', code: 'blank', detail: 'inboxId cannot be blank' }],
      [
        { address: `x@${domain}`, inboxId: foreign.inbox.id },
        { attr: 'inboxId', code: 'invalid', detail: `inbox ${foreign.inbox.id} does not exist` },
      ],
      [
        { address: `x@${domain}`, inboxId: inbox.id, slaMinutes: 0 },
        { attr: 'slaMinutes', code: 'invalid', detail: expect.stringMatching(/^slaMinutes: /) },
      ],
    ];
    for (const [body, error] of cases) {
      const res = await create(admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data).toEqual({ errors: [error] });
    }
    expect(await rowsOf(o)).toEqual([]);
  });

  it('writes need an administrator (403); unknown ids are 404 for PATCH and rotate; other orgs see nothing', async () => {
    const { o, admin, inbox, domain } = await arrange();
    const created = await create(admin, { address: `x@${domain}`, inboxId: inbox.id });
    const id = (created.data as { id: string }).id;
    const manager = await signIn(t, o, ['TEAM_MANAGER', 'AGENT']);
    const forbidden = { errors: [{ code: 'forbidden', detail: expect.any(String) }] };
    for (const req of [
      { method: 'POST' as const, url: URL, body: { address: `y@${domain}`, inboxId: inbox.id } },
      { method: 'PATCH' as const, url: `${URL}/${id}`, body: { displayName: 'x' } },
      { method: 'DELETE' as const, url: `${URL}/${id}` },
      { method: 'POST' as const, url: `${URL}/${id}/secret` },
    ]) {
      const res = await manager.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
      expect(res.data).toEqual(forbidden);
    }
    expect(await rowsOf(o)).toHaveLength(1);
    for (const req of [
      { method: 'PATCH' as const, url: `${URL}/nope`, body: { displayName: 'x' } },
      { method: 'POST' as const, url: `${URL}/nope/secret` },
      { method: 'GET' as const, url: `${URL}/nope` },
    ]) {
      const res = await admin.request(req);
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'email entry point nope does not exist' }] });
    }
    const stranger = await arrange();
    expect((await stranger.admin.request({ method: 'GET', url: URL })).data).toEqual([]);
    expect((await stranger.admin.request({ method: 'GET', url: `${URL}/${id}` })).statusCode).toBe(404);
    expect((await stranger.admin.request({ method: 'DELETE', url: `${URL}/${id}` })).statusCode).toBe(404);
    expect(await rowsOf(o)).toHaveLength(1);
    const anonymous = await admin.request({ method: 'GET', url: URL, cookie: null });
    expect(anonymous.statusCode).toBe(401);
  });
});
