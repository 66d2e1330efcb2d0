import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { REQUEST_BODY_LIMIT_BYTES } from '@hearth/shared';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TAppContext } from '../app-context.js';
import { registerApiV1 } from './api-v1.js';
import { registerErrorHandler } from './error-handler.js';
import { AppError } from './errors.js';
import { registerInternalApi } from './internal-api.js';
import { registerWeb } from './web.js';

export type TApp = FastifyInstance;

export async function buildApp(ctx: TAppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: REQUEST_BODY_LIMIT_BYTES,
    // Clients in the wild send `//api/v1/...` when a base URL ends with a slash.
    routerOptions: { ignoreDuplicateSlashes: true, ignoreTrailingSlash: true, maxParamLength: 500 },
    // Errors the router raises before any route runs (bad percent-encoding, over-long ids) still get the envelope.
    frameworkErrors: (error, _request, reply) => {
      const untyped = reply as unknown as FastifyReply;
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return untyped.code(414).send({ errors: [{ code: 'too_long', detail: 'a path parameter is too long' }] });
      }
      return untyped.code(400).send({ errors: [{ code: 'invalid', detail: 'the URL is not validly encoded' }] });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerLenientJsonParser(app);
  refuseNulInUrls(app);
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const error = Object.assign(new Error('request body is not valid JSON'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      return done(error, undefined);
    }
    const nulAt = findNul(parsed);
    if (nulAt !== null) return done(nulError(nulAt || undefined), undefined);
    done(null, parsed);
  });
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in input is refused at the edge as a 400 naming the field,
 * not a 500 from the database. Returns the dotted path of the first string (or key) holding one, else null.
 */
function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(inner, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

function nulError(attr: string | undefined): AppError {
  return new AppError(400, [
    { ...(attr ? { attr } : {}), code: 'invalid', detail: `${attr ?? 'the request'} may not contain NUL characters` },
  ]);
}

function refuseNulInUrls(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const url = request.raw.url ?? '';
    if (!/%00/i.test(url) && !url.includes('\u0000')) return;
    // The router has already split path parameters and the query, so the error can name the field.
    throw nulError(findNul(request.params) || findNul(request.query) || undefined);
  });
}
