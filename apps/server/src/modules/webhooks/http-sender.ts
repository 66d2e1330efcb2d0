import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { parseWebhookUrl, resolveTarget, type TGuardEnv } from './url-guard.js';

export const DELIVERY_TIMEOUT_MS = 15_000;
const RESPONSE_BODY_MAX = 10 * 1024;

// Keep-alive: one connection per receiver carries a webhook's deliveries one after another.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface TPostResult {
  ok: boolean;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  durationMs: number;
  error?: string;
}

/**
 * POST one JSON body. The socket connects only to the addresses the guard checked in this call (DNS rebinding
 * cannot swap in an internal address between check and connect). Never throws: failures come back as `error`.
 */
export async function postJson(
  urlText: string,
  body: string,
  headers: Record<string, string>,
  env: TGuardEnv,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<TPostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  let addresses: LookupAddress[];
  try {
    url = parseWebhookUrl(urlText, env);
    addresses = await resolveTarget(url, env);
  } catch (error) {
    return { ok: false, durationMs: elapsed(), error: (error as Error).message };
  }
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<TPostResult>((resolve) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup: pinned,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_BODY_MAX) chunks.push(chunk.subarray(0, RESPONSE_BODY_MAX - size));
          size += chunk.length;
        });
        response.on('end', () => {
          clearTimeout(timer);
          const status = response.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            headers: flatHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: elapsed(),
          });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      resolve({ ok: false, durationMs: elapsed(), error: error.message });
    }
    request.on('error', fail);
    request.end(body);
  });
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
