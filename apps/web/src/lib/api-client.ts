// The one way the web app talks to the server. Every call sends the session cookie and the CSRF header the server
// requires on writes (session-auth.ts), and turns the Gladly error envelope into an ApiError with readable text.

export interface TApiErrorItem {
  attr?: string;
  code?: string;
  detail?: string;
  meta?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: TApiErrorItem[],
  ) {
    super(errors.map((e) => e.detail ?? e.code ?? 'error').join('; ') || `request failed (${status})`);
    this.name = 'ApiError';
  }
}

type TMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface TApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Listeners told when the server says the session is gone (401), so the app can show the login page. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function apiRequest<T = unknown>(method: TMethod, path: string, body?: unknown): Promise<TApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'hearth' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith('/auth/login')) for (const l of unauthorizedListeners) l();
    const errors =
      parsed && typeof parsed === 'object' && Array.isArray((parsed as { errors?: unknown }).errors)
        ? ((parsed as { errors: TApiErrorItem[] }).errors ?? [])
        : [{ detail: typeof parsed === 'string' && parsed ? parsed : `request failed (${response.status})` }];
    throw new ApiError(response.status, errors);
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export const api = {
  get: async <T>(path: string) => (await apiRequest<T>('GET', path)).body,
  post: async <T = unknown>(path: string, body?: unknown) => (await apiRequest<T>('POST', path, body ?? {})).body,
  patch: async <T = unknown>(path: string, body?: unknown) => (await apiRequest<T>('PATCH', path, body ?? {})).body,
  put: async <T = unknown>(path: string, body?: unknown) => (await apiRequest<T>('PUT', path, body ?? {})).body,
  delete: async <T = unknown>(path: string) => (await apiRequest<T>('DELETE', path)).body,
};
