import type { FastifyPluginAsync } from 'fastify';
import type { TRoutePluginOptions } from '../../app-context.js';

// Placeholder so the API scope can register every module; the module's own work fills it in.
export const conversationsRoutes: FastifyPluginAsync<TRoutePluginOptions> = async () => {};
