import type { LightMyRequestResponse } from 'fastify';
import type { TTestApp } from '../helpers.js';
import { diffSnapshots, snapshotOrg } from './snapshot.js';

const ENTRY_KEYS = new Set(['attr', 'code', 'detail', 'meta']);

/**
 * What is wrong with a response, whatever the request was: a 5xx, or a 4xx that is not
 * `application/json` with `{errors: [{code, detail?, attr?, meta?}, ...]}` (API spec 3.3). Empty when all is well.
 */
export function envelopeViolations(res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = res.statusCode;
  if (status >= 500) problems.push(`status ${status}`);
  if (status < 400) return problems;
  const contentType = String(res.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(contentType)) problems.push(`content-type "${contentType}"`);
  let data: unknown;
  try {
    data = JSON.parse(res.body);
  } catch {
    problems.push('body is not JSON');
    return problems;
  }
  const errors = (data as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    problems.push('body has no non-empty errors array');
    return problems;
  }
  for (const [i, entry] of errors.entries()) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`errors[${i}] is not an object`);
      continue;
    }
    const e = entry as Record<string, unknown>;
    if (typeof e.code !== 'string' || e.code === '') problems.push(`errors[${i}].code is not a non-empty string`);
    if (e.detail !== undefined && typeof e.detail !== 'string') problems.push(`errors[${i}].detail is not a string`);
    if (e.attr !== undefined && typeof e.attr !== 'string') problems.push(`errors[${i}].attr is not a string`);
    if (e.meta !== undefined && (typeof e.meta !== 'object' || e.meta === null)) {
      problems.push(`errors[${i}].meta is not an object`);
    }
    const extra = Object.keys(e).filter((k) => !ENTRY_KEYS.has(k));
    if (extra.length) problems.push(`errors[${i}] has unexpected keys ${extra.join(',')}`);
  }
  return problems;
}

/** A key no code sets: if it shows up on Object.prototype, a request body polluted the server's prototypes. */
export const POLLUTION_MARK = 'hearthPolluted';

export function prototypeViolations(): string[] {
  const problems: string[] = [];
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
    if (Object.hasOwn(proto, POLLUTION_MARK)) {
      problems.push(`prototype polluted with ${POLLUTION_MARK}`);
      delete (proto as Record<string, unknown>)[POLLUTION_MARK];
    }
  }
  return problems;
}

export interface TRawRequest {
  method: string;
  url: string;
  host: string;
  authorization: string | null;
  /** Sent as is; a string body needs its content type. */
  payload?: string;
  contentType?: string;
}

export interface TProbeResult {
  res: LightMyRequestResponse;
  problems: string[];
}

/**
 * Send one request and judge it: envelope rules for every answer, and for a refused one (4xx) the org's data must
 * be exactly as before, with no outbox event and no job appended.
 */
export async function probe(t: TTestApp, orgId: string, req: TRawRequest): Promise<TProbeResult> {
  const before = await snapshotOrg(t, orgId);
  const headers: Record<string, string> = { host: req.host, accept: 'application/json' };
  if (req.authorization) headers.authorization = req.authorization;
  if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  const res = await t.app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers,
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
  const problems = [...envelopeViolations(res), ...prototypeViolations()];
  if (res.statusCode >= 400 && res.statusCode < 500) {
    const changed = diffSnapshots(before, await snapshotOrg(t, orgId));
    if (changed.length) problems.push(`refused with ${res.statusCode} but changed: ${changed.join('; ')}`);
  }
  return { res, problems };
}

export function describeFailure(req: TRawRequest, result: TProbeResult): string {
  const payload = req.payload === undefined ? '' : ` body(${req.payload.length} chars)=${req.payload.slice(0, 300)}`;
  return (
    `${req.method} ${req.url.slice(0, 300)}${payload}\n` +
    `-> ${result.res.statusCode} ${String(result.res.headers['content-type'])} ${result.res.body.slice(0, 500)}\n` +
    `problems: ${result.problems.join('; ')}`
  );
}
