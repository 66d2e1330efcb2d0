import { describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../helpers.js';
import { logIn, PASSWORD } from '../internal/session-helpers.js';

const t = useTestApp({ HEARTH_SECURE_COOKIES: 'true' });

describe('HEARTH_SECURE_COOKIES', () => {
  it('marks the session cookie Secure', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    const res = await logIn(t, o, user.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/i);
  });
});
