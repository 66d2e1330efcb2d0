import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { REQUEST_BODY_LIMIT_BYTES } from '@hearth/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TAppContext } from '../app-context.js';
import { registerApiV1 } from './api-v1.js';
import { registerErrorHandler } from './error-handler.js';
import { registerInternalApi } from './internal-api.js';
import { registerWeb } from './web.js';

export type TApp = FastifyInstance;

export async function buildApp(ctx: TAppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: REQUEST_BODY_LIMIT_BYTES,
    // Clients in the wild send `//api/v1/...` when a base URL ends with a slash.
    routerOptions: { ignoreDuplicateSlashes: true, ignoreTrailingSlash: true, maxParamLength: 500 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerLenientJsonParser(app);
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Hearth REST API',
        version: '1.0.0',
        description:
          "Wire-compatible with Gladly's REST API v1. Authenticate with HTTP Basic: your email and an API token.",
      },
      components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } } },
      security: [{ basicAuth: [] }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: false,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  await app.register(async (api) => registerApiV1(api, ctx), { prefix: '/api/v1' });
  await app.register(async (internal) => registerInternalApi(internal, ctx), { prefix: '/api/internal' });
  await registerWeb(app);
  return app;
}

/**
 * Real clients send `Content-Type: application/json` on GET and DELETE with no body; fastify's default parser
 * refuses an empty JSON body. We accept it as "no body" and still refuse malformed JSON with a clear 400.
 */
function registerLenientJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = Object.assign(new Error('request body is not valid JSON'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      done(error, undefined);
    }
  });
}
