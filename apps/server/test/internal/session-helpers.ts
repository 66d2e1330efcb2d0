import type { TRole } from '@hearth/shared';
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { TJsonResponse, TTestApp, TTestOrg, TTestUser } from '../helpers.js';

export const PASSWORD = 'correct horse battery';

export interface TSignedIn extends TTestUser {
  cookie: string;
  /** A request to this org's internal API with the session cookie and the CSRF header. */
  request(options: TInternalRequest): Promise<TJsonResponse>;
}

export interface TInternalRequest {
  method: InjectOptions['method'];
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the X-Requested-With header (CSRF tests). */
  noCsrfHeader?: boolean;
  /** Use this cookie header instead of the session's; `null` sends none. */
  cookie?: string | null;
  /** Send to another host (cross-org tests). */
  host?: string;
}

/** Send a request to the internal API as a browser would: no Basic auth, the cookie and the CSRF header. */
export async function internalRequest(t: TTestApp, host: string, options: TInternalRequest): Promise<TJsonResponse> {
  const headers: Record<string, string> = { host: options.host ?? host, accept: 'application/json' };
  if (!options.noCsrfHeader) headers['x-requested-with'] = 'hearth';
  if (options.cookie) headers.cookie = options.cookie;
  Object.assign(headers, options.headers ?? {});
  const response = await t.app.inject({
    method: options.method,
    url: options.url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as InjectOptions['payload'] } : {}),
  });
  let data: unknown;
  try {
    data = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    data = undefined;
  }
  return Object.assign(response, { data });
}

export async function logIn(t: TTestApp, o: TTestOrg, email: string, password: string): Promise<TJsonResponse> {
  return internalRequest(t, o.host, { method: 'POST', url: '/api/internal/auth/login', body: { email, password } });
}

/** The `name=value` part of the session Set-Cookie header. */
export function sessionCookieOf(response: TJsonResponse): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const cookie = all.find((c) => c.startsWith('hearth_session='));
  expect(cookie, 'a hearth_session cookie').toBeDefined();
  return (cookie as string).split(';')[0] as string;
}

/** A new user of the org with a password, signed in through the login endpoint. */
export async function signIn(t: TTestApp, o: TTestOrg, roles: TRole[], name?: string): Promise<TSignedIn> {
  const added = await o.addUser(roles, { password: PASSWORD, ...(name ? { name } : {}) });
  const res = await logIn(t, o, added.user.email, PASSWORD);
  expect(res.statusCode).toBe(200);
  const cookie = sessionCookieOf(res);
  return {
    ...added,
    cookie,
    request: (options) =>
      internalRequest(t, o.host, { ...options, cookie: options.cookie === undefined ? cookie : options.cookie }),
  };
}
