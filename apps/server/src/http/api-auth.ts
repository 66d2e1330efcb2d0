import { isRole, type TRole } from '@hearth/shared';
import type { FastifyRequest } from 'fastify';
import type { TDatabase } from '../db/database.js';
import type { TOrgRow } from '../db/schema.js';
import { sha256Hex } from '../lib/sha256.js';
import { findOrgAndTokenPrincipal, touchTokenLastUsed } from '../modules/users/users.repository.js';
import { forbidden, unauthorized } from './errors.js';
import { orgNotFound, orgSelectorFromHost } from './org-resolver.js';
import type { TPrincipal } from './request-context.js';
import {
  CSRF_HEADER_VALUE,
  hasCsrfHeader,
  MUTATING_METHODS,
  notSignedIn,
  resolveOrgAndSession,
  sessionTokenOf,
} from './session-auth.js';

const LAST_USED_RESOLUTION_MS = 60_000;

function parseBasic(header: string | undefined): { email: string; token: string } | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/**
 * The org named by the host and the caller, for the Gladly API (API spec 2): HTTP Basic with the user's email and
 * an API token. 404 for an org that does not exist, then 401 for missing or wrong credentials, 403 for a real user
 * without the API User role. Tokens are looked up by their SHA-256 within the named org, so a token of another org
 * (a sandbox included) is simply unknown here. Org and token come back in one query: this runs on every request.
 */
export async function authenticateApiRequest(
  db: TDatabase,
  baseDomain: string,
  request: FastifyRequest,
  now: Date,
): Promise<{ org: TOrgRow; principal: TPrincipal }> {
  const selector = orgSelectorFromHost(baseDomain, request.headers.host);
  if (!selector) throw orgNotFound();
  const credentials = parseBasic(request.headers.authorization);
  // With no usable credentials, still ask for the org: an unknown org is a 404 whatever the credentials.
  const found = await findOrgAndTokenPrincipal(db, selector, credentials?.token ? sha256Hex(credentials.token) : '');
  if (!found) throw orgNotFound();
  const { org, principal: row } = found;
  if (!credentials?.token || !row || row.email.toLowerCase() !== credentials.email.trim().toLowerCase()) {
    throw unauthorized();
  }
  const roles = row.roles.filter(isRole) as TRole[];
  if (!roles.includes('API_USER')) throw forbidden('the user does not have the API User permission');
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Recorded at minute resolution, off the request's critical path; a lost update only blurs the minute.
    touchTokenLastUsed(db, org.id, row.tokenId, now).catch((err) =>
      request.log.warn({ err }, 'could not record token use'),
    );
  }
  return { org, principal: { userId: row.userId, email: row.email, name: row.name, roles, via: 'token' } };
}

const DESKTOP_ROLES: readonly TRole[] = ['AGENT', 'TEAM_MANAGER', 'ADMINISTRATOR'];

/**
 * The web app on the Gladly API: a request with no Authorization header but a session cookie acts as the signed-in
 * user (initiator type AGENT), when they hold a desktop role (API User is for tokens). Writes need the CSRF header, as on the
 * internal API. Null when the request is not a session request, so token auth (and its 401) applies unchanged.
 */
export async function authenticateSessionApiRequest(
  db: TDatabase,
  baseDomain: string,
  request: FastifyRequest,
  now: Date,
): Promise<{ org: TOrgRow; principal: TPrincipal } | null> {
  if (request.headers.authorization !== undefined || !sessionTokenOf(request)) return null;
  const { org, principal } = await resolveOrgAndSession(db, baseDomain, request, now);
  request.org = org;
  if (MUTATING_METHODS.has(request.method) && !hasCsrfHeader(request)) {
    throw forbidden(`requests that change data need the header X-Requested-With: ${CSRF_HEADER_VALUE}`);
  }
  if (!principal) throw notSignedIn();
  // The desktop's people, not every signed-in user: an Analyst or a Task User does not act on conversations here.
  if (!DESKTOP_ROLES.some((role) => principal.roles.includes(role))) {
    throw forbidden('the user needs the Agent, Team Manager or Administrator role');
  }
  return { org, principal };
}

export function requireRole(principal: TPrincipal, role: TRole, detail?: string): void {
  if (!principal.roles.includes(role)) throw forbidden(detail);
}
