import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

// Fetching a URL a caller gave us must not let them reach the server's own network (SSRF). The caller's policy
// (`refusalOf`, e.g. the webhooks URL guard) runs in the socket's DNS lookup, so the address checked is the address
// connected to (no DNS-rebinding window), and again on every redirect hop.

export interface TSafeFetchOptions {
  /** Why an address may not be called, or null when it may. */
  refusalOf: (address: string) => string | null;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
}

export interface TSafeFetchResult {
  status: number;
  contentType: string;
  body: Buffer;
}

/** A refusal or failure worth telling the caller about; the message is safe to show. */
export class SafeFetchError extends Error {}

/** GET a URL over http(s), refusing private targets, oversized bodies, slow servers and redirect loops. */
export async function safeFetch(rawUrl: string, options: TSafeFetchOptions): Promise<TSafeFetchResult> {
  let url = parseHttpUrl(rawUrl);
  const maxRedirects = options.maxRedirects ?? 3;
  const deadline = Date.now() + options.timeoutMs;
  for (let hop = 0; ; hop++) {
    const response = await getOnce(url, options, deadline);
    if (response.redirect === undefined) return response.result;
    if (hop >= maxRedirects) throw new SafeFetchError('too many redirects');
    url = parseHttpUrl(new URL(response.redirect, url).toString());
  }
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SafeFetchError('only http and https URLs');
  if (url.username || url.password) throw new SafeFetchError('URLs with credentials are not fetched');
  return url;
}

function guardedLookup(refusalOf: TSafeFetchOptions['refusalOf']): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      // Every address must pass: a name with one public and one internal address must not reach the internal one.
      const refusal = list.map((a) => refusalOf(a.address)).find((r) => r !== null);
      if (refusal || list.length === 0) {
        return callback(new SafeFetchError(refusal ?? `${hostname} does not resolve`), '', 0);
      }
      const usable = list;
      if (lookupOptions.all) return callback(null, usable as unknown as string, 0);
      const first = usable[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

type TOnce = { result: TSafeFetchResult; redirect?: undefined } | { redirect: string };

function getOnce(url: URL, options: TSafeFetchOptions, deadline: number): Promise<TOnce> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal skips DNS lookup altogether, so it is checked here.
  const literalRefusal = ipaddr.isValid(host) ? options.refusalOf(host) : null;
  if (literalRefusal) return Promise.reject(new SafeFetchError(literalRefusal));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<TOnce>((resolve, reject) => {
    const remaining = Math.max(1, deadline - Date.now());
    const request = client.get(url, { lookup: guardedLookup(options.refusalOf), timeout: remaining }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ redirect: res.headers.location });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        reject(new SafeFetchError(`the server answered ${status}`));
        return;
      }
      const declared = Number(res.headers['content-length'] ?? '0');
      if (declared > options.maxBytes) {
        res.destroy();
        reject(new SafeFetchError(`the file is larger than ${options.maxBytes} bytes`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          res.destroy();
          reject(new SafeFetchError(`the file is larger than ${options.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const contentType = String(res.headers['content-type'] ?? 'application/octet-stream');
        resolve({ result: { status, contentType, body: Buffer.concat(chunks) } });
      });
      res.on('error', (error) => reject(new SafeFetchError(`download failed: ${error.message}`)));
    });
    // The socket timeout is per idle period; the overall deadline bounds slow-drip servers too.
    const timer = setTimeout(() => request.destroy(new SafeFetchError('the download timed out')), remaining);
    request.on('timeout', () => request.destroy(new SafeFetchError('the download timed out')));
    request.on('error', (error) =>
      reject(error instanceof SafeFetchError ? error : new SafeFetchError(`download failed: ${error.message}`)),
    );
    request.on('close', () => clearTimeout(timer));
  });
}
