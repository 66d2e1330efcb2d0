import { isRole, type TRole } from '@hearth/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppContext } from '../app-context.js';
import type { TDatabase } from '../db/database.js';
import type { TOrgRow } from '../db/schema.js';
import { hashSessionToken, SESSION_TTL_MS } from '../modules/sessions/session-tokens.js';
import {
  findOrgAndSessionPrincipal,
  findSessionPrincipal,
  type TSessionPrincipalRow,
} from '../modules/sessions/sessions.repository.js';
import { AppError, forbidden } from './errors.js';
import { orgNotFound, orgSelectorFromHost } from './org-resolver.js';
import type { TPrincipal } from './request-context.js';

/**
 * Session auth for the web app's internal API (/api/internal).
 *
 * - Cookie `hearth_session`: 32 random bytes, HttpOnly (scripts cannot read it), SameSite=Lax (browsers do not
 *   send it on cross-site POSTs), Secure when HEARTH_SECURE_COOKIES is set, Path=/ so the realtime socket gets it
 *   too, and host-only (no Domain), so org A's cookie is never even sent to org B's host. The server also looks
 *   sessions up within the request's org, so a cookie replayed on another org's host is a 401.
 * - The sessions table holds only the token's SHA-256. Sessions last a fixed 12 hours (see session-tokens.ts).
 * - CSRF: every POST, PATCH, PUT and DELETE must carry `X-Requested-With: hearth`. An HTML form cannot set a header,
 *   and a cross-origin fetch that sets one needs a CORS preflight, which this API never approves. This is on top of
 *   SameSite=Lax, and it covers the login form too (login CSRF).
 * - 401s here carry no WWW-Authenticate header, so browsers never pop up a Basic-auth dialog.
 */
export const SESSION_COOKIE = 'hearth_session';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'hearth';

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function notSignedIn(): AppError {
  return new AppError(401, [{ code: 'unauthorized', detail: 'not signed in or the session has expired' }]);
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[SESSION_COOKIE];
  return value ? value : undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** The principal of the request's session cookie within its org, or null. Also for the realtime socket. */
export async function authenticateSession(
  db: TDatabase,
  request: FastifyRequest,
  now: Date,
): Promise<TPrincipal | null> {
  const token = sessionTokenOf(request);
  if (!token) return null;
  const row = await findSessionPrincipal(db, request.org.id, hashSessionToken(token), now);
  return row ? sessionPrincipalOf(row) : null;
}

function sessionPrincipalOf(row: TSessionPrincipalRow): TPrincipal {
  const roles = row.roles.filter(isRole) as TRole[];
  return { userId: row.userId, email: row.email, name: row.name, roles, via: 'session' };
}

/**
 * The org the request's host names and the principal of its session cookie there (null: no valid session), in one
 * query. 404 for an org that does not exist.
 */
export async function resolveOrgAndSession(
  db: TDatabase,
  baseDomain: string,
  request: FastifyRequest,
  now: Date,
): Promise<{ org: TOrgRow; principal: TPrincipal | null }> {
  const selector = orgSelectorFromHost(baseDomain, request.headers.host);
  if (!selector) throw orgNotFound();
  const token = sessionTokenOf(request);
  const found = await findOrgAndSessionPrincipal(db, selector, token ? hashSessionToken(token) : '', now);
  if (!found) throw orgNotFound();
  return { org: found.org, principal: found.principal ? sessionPrincipalOf(found.principal) : null };
}

/**
 * Resolve the org, refuse cross-site writes, then require a session unless the route is marked
 * `config: { public: true }` (login, logout).
 */
export function registerSessionAuth(scope: FastifyInstance, ctx: TAppContext): void {
  scope.addHook('onRequest', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const { org, principal } = await resolveOrgAndSession(ctx.db, ctx.env.HEARTH_BASE_DOMAIN, request, ctx.now());
    request.org = org;
    if (MUTATING_METHODS.has(request.method) && !hasCsrfHeader(request)) {
      throw new AppError(403, [
        {
          code: 'forbidden',
          detail: `requests that change data need the header X-Requested-With: ${CSRF_HEADER_VALUE}`,
        },
      ]);
    }
    if (request.routeOptions.config?.public) return;
    if (!principal) throw notSignedIn();
    request.principal = principal;
  });
}

export function hasCsrfHeader(request: FastifyRequest): boolean {
  const value = request.headers[CSRF_HEADER];
  return typeof value === 'string' && value.trim().toLowerCase() === CSRF_HEADER_VALUE;
}

/** 403 unless the principal holds at least one of the roles. */
export function requireAnyRole(principal: TPrincipal, roles: readonly TRole[], detail?: string): void {
  if (!roles.some((role) => principal.roles.includes(role))) throw forbidden(detail);
}
