import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openRelay } from '../../../src/modules/email/outbound/relay-secrets.js';
import { createTestOrg, useTestApp } from '../../helpers.js';
import { signIn } from '../../internal/session-helpers.js';
import { TEST_SECRET_KEY } from './outbound-helpers.js';

const t = useTestApp({ HEARTH_SECRET_KEY: TEST_SECRET_KEY });
const URL = '/api/internal/email/relay';

const dkimPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function arrange() {
  const o = await createTestOrg(t);
  const admin = await signIn(t, o, ['ADMINISTRATOR']);
  return { o, admin };
}

const relayRow = (orgId: string) =>
  t.db.selectFrom('email_relays').selectAll().where('org_id', '=', orgId).executeTakeFirst();

describe('email relay (internal API)', () => {
  it('404 before one is set; PUT sets it, secrets sealed at rest and never shown', async () => {
    const { o, admin } = await arrange();
    const none = await admin.request({ method: 'GET', url: URL });
    expect(none.statusCode).toBe(404);
    expect(none.data).toEqual({ errors: [{ code: 'not_exist', detail: 'no email relay is configured' }] });

    const pem = dkimPem();
    const res = await admin.request({
      method: 'PUT',
      url: URL,
      body: {
        host: 'smtp.example.com',
        port: 587,
        tlsMode: 'STARTTLS',
        username: 'apikey',
        password: 'hunter2-very-secret',
        dkim: { domain: 'Acme.Example', selector: 'hearth1', privateKey: pem },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      host: 'smtp.example.com',
      port: 587,
      tlsMode: 'STARTTLS',
      username: 'apikey',
      hasPassword: true,
      dkim: { domain: 'acme.example', selector: 'hearth1', hasPrivateKey: true },
      updatedAt: expect.stringMatching(/Z$/),
    });
    expect(res.body).not.toContain('hunter2');
    const row = await relayRow(o.org.id);
    expect(row?.password_encrypted).toMatch(/^v1\./);
    expect(row?.password_encrypted).not.toContain('hunter2');
    expect(row?.dkim_private_key_encrypted).not.toContain('PRIVATE KEY');
    const opened = openRelay(t.ctx.env, row as NonNullable<typeof row>);
    expect(opened.password).toBe('hunter2-very-secret');
    expect(opened.dkim?.privateKey).toBe(pem);
    expect((await admin.request({ method: 'GET', url: URL })).data).toEqual(res.data);
  });

  it('absent secrets are kept, null clears them, and dkim null removes signing', async () => {
    const { o, admin } = await arrange();
    const base = { host: 'smtp.example.com', port: 465, tlsMode: 'TLS' };
    await admin.request({
      method: 'PUT',
      url: URL,
      body: {
        ...base,
        username: 'u',
        password: 'p1',
        dkim: { domain: 'a.example', selector: 's', privateKey: dkimPem() },
      },
    });
    const sealed = (await relayRow(o.org.id))?.password_encrypted;
    const kept = await admin.request({
      method: 'PUT',
      url: URL,
      body: { ...base, port: 2465, username: 'u', dkim: { domain: 'a.example', selector: 's2' } },
    });
    expect(kept.data).toMatchObject({ port: 2465, hasPassword: true, dkim: { selector: 's2', hasPrivateKey: true } });
    expect((await relayRow(o.org.id))?.password_encrypted).toBe(sealed);
    const cleared = await admin.request({ method: 'PUT', url: URL, body: { ...base, password: null, dkim: null } });
    expect(cleared.data).toMatchObject({ username: null, hasPassword: false, dkim: null });
    expect(await relayRow(o.org.id)).toMatchObject({ password_encrypted: null, dkim_private_key_encrypted: null });
  });

  it('400 for bad input, changing nothing', async () => {
    const { o, admin } = await arrange();
    const base = { host: 'smtp.example.com', port: 25, tlsMode: 'NONE' };
    const cases: [unknown, Record<string, unknown>][] = [
      [
        { port: 25, tlsMode: 'NONE' },
        { attr: 'host', code: 'blank', detail: 'host cannot be blank' },
      ],
      [
        { ...base, port: 0 },
        { attr: 'port', code: 'invalid', detail: expect.stringMatching(/^port: /) },
      ],
      [
        { ...base, port: 70000 },
        { attr: 'port', code: 'invalid', detail: expect.stringMatching(/^port: /) },
      ],
      [
        { ...base, tlsMode: 'SSL' },
        { attr: 'tlsMode', code: 'invalid', detail: expect.stringMatching(/^tlsMode: /) },
      ],
      [
        { ...base, host: 'smtp example' },
        { attr: 'host', code: 'invalid', detail: 'host: host must be a host name or an IP address' },
      ],
      [
        { ...base, dkim: { domain: 'a.example', selector: 's', privateKey: 'not a key' } },
        { attr: 'dkim.privateKey', code: 'invalid', detail: 'dkim.privateKey must be a PEM private key' },
      ],
      [
        { ...base, dkim: { domain: 'a.example', selector: 's' } },
        { attr: 'dkim.privateKey', code: 'blank', detail: 'dkim.privateKey cannot be blank' },
      ],
    ];
    for (const [body, error] of cases) {
      const res = await admin.request({ method: 'PUT', url: URL, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data).toEqual({ errors: [error] });
    }
    expect(await relayRow(o.org.id)).toBeUndefined();
  });

  it('administrators only, for reading too; each org has its own', async () => {
    const { o, admin } = await arrange();
    await admin.request({ method: 'PUT', url: URL, body: { host: 'smtp.example.com', port: 25, tlsMode: 'NONE' } });
    const manager = await signIn(t, o, ['TEAM_MANAGER', 'AGENT']);
    for (const req of [
      { method: 'GET' as const, url: URL },
      { method: 'PUT' as const, url: URL, body: { host: 'evil.example', port: 25, tlsMode: 'NONE' } },
    ]) {
      const res = await manager.request(req);
      expect(res.statusCode).toBe(403);
    }
    expect((await relayRow(o.org.id))?.host).toBe('smtp.example.com');
    const other = await arrange();
    expect((await other.admin.request({ method: 'GET', url: URL })).statusCode).toBe(404);
  });
});
