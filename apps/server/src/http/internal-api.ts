import type { FastifyInstance } from 'fastify';
import type { TAppContext } from '../app-context.js';

/** The web app's own API (session cookie auth): login, settings, merge. Filled in by the auth work. */
export async function registerInternalApi(_internal: FastifyInstance, _ctx: TAppContext): Promise<void> {}
