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
import { registerBuiltInDeliveryAdapters } from '../channel-adapters.js';
import { registerInboundEmailHttp } from '../modules/email/inbound/inbound.http-routes.js';
import { registerRealtime, type TRealtimeOptions } from '../realtime/realtime-gateway.js';
import { registerApiV1 } from './api-v1.js';
import { registerErrorHandler } from './error-handler.js';
import { AppError } from './errors.js';
import { registerInternalApi } from './internal-api.js';
import { registerWeb } from './web.js';

export type TApp = FastifyInstance;

export async function buildApp(
  ctx: TAppContext,
  options: { realtime?: TRealtimeOptions } = {},
): Promise<FastifyInstance> {
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

  // Replies are accepted only on channels that can deliver them, so the API knows the same adapters as the worker.
  registerBuiltInDeliveryAdapters();
  await app.register(async (api) => registerApiV1(api, ctx), { prefix: '/api/v1' });
  await app.register(async (internal) => registerInternalApi(internal, ctx), { prefix: '/api/internal' });
  // Raw MIME from mail providers' hooks: neither the Gladly API nor the web app's, authenticated per entry point.
  await app.register(async (email) => registerInboundEmailHttp(email, ctx), { prefix: '/api/email' });
  // The web app's WebSocket (GET /api/realtime), signed in by the session cookie.
  await registerRealtime(app, ctx, options.realtime);
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
    const problem = findUnstorableText(parsed);
    if (problem) return done(unstorableError(problem.attr || undefined, problem.reason), undefined);
    done(null, parsed);
  });
}

/** Deeper than any Gladly body; refusing more keeps recursive code further in (validation, sanitizing) safe. */
const MAX_BODY_DEPTH = 64;

/**
 * Text PostgreSQL cannot store: U+0000 anywhere, or a lone UTF-16 surrogate (jsonb refuses it). Refused at the edge as
 * a 400 naming the field, never a 500 from the database. Walks without recursion, so no body can exhaust the stack.
 * Returns the dotted path of the first offending string (or the object holding an offending key) and why.
 */
function findUnstorableText(body: unknown): { attr: string; reason: 'nul' | 'surrogate' | 'depth' } | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = textProblem(value);
      if (reason) return { attr: path, reason };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { attr: path, reason: 'depth' };
    for (const [key, inner] of Object.entries(value)) {
      const reason = textProblem(key);
      if (reason) return { attr: path, reason };
      pending.push({ value: inner, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

function textProblem(text: string): 'nul' | 'surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  return text.isWellFormed() ? null : 'surrogate';
}

const PROBLEM_DETAIL = {
  nul: 'may not contain NUL characters',
  surrogate: 'is not valid Unicode text (it holds a lone surrogate)',
  depth: `is nested more than ${MAX_BODY_DEPTH} levels deep`,
} as const;

function unstorableError(attr: string | undefined, reason: keyof typeof PROBLEM_DETAIL): AppError {
  return new AppError(400, [
    { ...(attr ? { attr } : {}), code: 'invalid', detail: `${attr ?? 'the request'} ${PROBLEM_DETAIL[reason]}` },
  ]);
}

function refuseNulInUrls(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const url = request.raw.url ?? '';
    if (!/%00/i.test(url) && !url.includes('\u0000')) return;
    // The router has already split path parameters and the query, so the error can name the field.
    const problem = findUnstorableText(request.params) ?? findUnstorableText(request.query);
    throw unstorableError(problem?.attr || undefined, 'nul');
  });
}
