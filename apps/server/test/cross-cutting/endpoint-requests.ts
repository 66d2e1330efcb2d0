import type { TJsonResponse, TTestApp } from '../helpers.js';
import { keyOf, type TEndpoint, type TValidRequest } from './endpoint-catalogue.js';
import type { TWorld } from './world.js';

const V = '/api/v1';

/** The `/api/v1` operations the app documents: what "implemented" means for these suites. */
export async function implementedOperations(t: TTestApp): Promise<Set<string>> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  const doc = JSON.parse(res.body) as { paths?: Record<string, Record<string, unknown>> };
  const keys = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith(`${V}/`)) continue;
    for (const method of Object.keys(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) keys.add(keyOf({ method, path }));
    }
  }
  return keys;
}

/** The URL for a request: every path parameter percent-encoded unless `rawParams` names it (already encoded). */
export function urlOf(
  path: string,
  params: Record<string, string>,
  query?: Record<string, string | string[]> | string,
  rawParams: string[] = [],
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name] ?? '';
    return rawParams.includes(name) ? value : encodeURIComponent(value);
  });
  if (query === undefined) return filled;
  if (typeof query === 'string') return query ? `${filled}?${query}` : filled;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** The Authorization header a request is sent with. */
export function authorizationFor(w: TWorld, as: TValidRequest['as']): string {
  return as === 'compliance' ? w.compliance.authorization : w.o.apiUser.authorization;
}

/** Send a valid request as built, to the world's own org. */
export async function sendValid(w: TWorld, e: TEndpoint, req: TValidRequest): Promise<TJsonResponse> {
  return w.o.request({
    method: e.method,
    url: urlOf(e.path, req.params, req.query),
    body: req.body,
    authorization: authorizationFor(w, req.as),
  });
}
