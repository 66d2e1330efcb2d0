import type { TInitiator, TRole } from '@hearth/shared';
import type { TOrgRow } from '../db/schema.js';

/** Who is calling: an API token (integrations) or a browser session (the agent desktop). */
export interface TPrincipal {
  userId: string;
  email: string;
  name: string;
  roles: TRole[];
  via: 'token' | 'session';
}

declare module 'fastify' {
  interface FastifyRequest {
    org: TOrgRow;
    principal: TPrincipal;
  }
}

/** Writes made through the API carry initiator type API (API spec 2); the web app's writes are the agent's. */
export function initiatorOf(principal: TPrincipal): TInitiator {
  return { id: principal.userId, type: principal.via === 'token' ? 'API' : 'AGENT' };
}

export function hasRole(principal: TPrincipal, role: TRole): boolean {
  return principal.roles.includes(role);
}
