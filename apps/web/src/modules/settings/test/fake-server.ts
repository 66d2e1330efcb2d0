import { vi } from 'vitest';

export type TFakeRoute = (init: RequestInit | undefined) => { status: number; body?: unknown };

/** Replaces fetch with a table of `METHOD path` → answer; returns the list of calls made, with their bodies. */
export function fakeServer(routes: Record<string, TFakeRoute>) {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${path}`;
      calls.push({ key, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const route = routes[key];
      const { status, body } = route ? route(init) : { status: 404, body: { errors: [{ detail: `no route ${key}` }] } };
      return new Response(body === undefined ? '' : JSON.stringify(body), { status });
    }),
  );
  return calls;
}

export const sessionAs = (roles: string[]) => () => ({
  status: 200,
  body: { user: { id: 'u1', name: 'Ada', email: 'ada@example.com', roles }, org: { id: 'o1', name: 'Org' } },
});
