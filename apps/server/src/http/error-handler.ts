import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type TErrorEntry } from './errors.js';

interface TValidationIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** Map a zod issue to Gladly's codes: missing → blank, over a length → too_long, anything else → invalid. */
export function issueToEntry(issue: TValidationIssue): TErrorEntry {
  const attr = issue.instancePath.split('/').filter(Boolean).join('.') || undefined;
  let code = 'invalid';
  if (issue.keyword === 'invalid_type' && /received (undefined|null)/.test(issue.message)) code = 'blank';
  else if (issue.keyword === 'too_big' && issue.params.origin === 'string') code = 'too_long';
  else if (issue.keyword === 'too_small' && issue.params.origin === 'string' && issue.params.minimum === 1) {
    code = 'blank';
  } else if (issue.keyword === 'too_small' || issue.keyword === 'too_big') code = 'invalid';
  const detail =
    code === 'blank'
      ? `${attr ?? 'value'} cannot be blank`
      : code === 'too_long'
        ? `${attr ?? 'value'} cannot be longer than ${String(issue.params.maximum)} characters`
        : `${attr ? `${attr}: ` : ''}${issue.message}`;
  return { ...(attr ? { attr } : {}), code, detail };
}

/** Render every failure as the Gladly envelope; never leak internals on a 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).headers(error.headers).send({ errors: error.errors });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as unknown as TValidationIssue[];
      const errors = issues.map((issue) => issueToEntry(issue));
      return reply.status(400).send({ errors });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ errors: [{ code: 'too_long', detail: 'request body is larger than 1 MB' }] });
    }
    if (status === 415) {
      return reply
        .status(415)
        .send({ errors: [{ code: 'invalid', detail: 'request bodies must be application/json' }] });
    }
    if (status >= 400 && status < 500) {
      // Malformed JSON, bad content length and the like: fastify's own 4xx, rendered in our envelope.
      const detail =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
          ? 'request body is not valid JSON'
          : 'the request could not be read';
      return reply.status(status).send({ errors: [{ code: 'invalid', detail }] });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ errors: [{ code: 'internal', detail: 'internal server error' }] });
  });

  app.setNotFoundHandler((request, reply) => {
    request.log.debug({ url: request.url }, 'no route');
    return reply.status(404).send({ errors: [{ code: 'not_exist', detail: 'entity does not exist' }] });
  });
}
