import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { TEnv } from '../../config/env.js';

export type TGuardEnv = Pick<TEnv, 'HEARTH_ALLOW_INSECURE_WEBHOOKS' | 'HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS'>;

/** A webhook target refused by policy: the message is safe to show to the API caller. */
export class UrlRefused extends Error {}

// Ranges that reach into the server's own network (SSRF). An administrator may open them with
// HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS; loopback also opens with HEARTH_ALLOW_INSECURE_WEBHOOKS (dev and tests).
const INTERNAL_RANGES = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/** Check the form of a webhook URL: https (http only in insecure mode), no credentials in it. */
export function parseWebhookUrl(text: string, env: TGuardEnv): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UrlRefused('url is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && env.HEARTH_ALLOW_INSECURE_WEBHOOKS)) {
    throw new UrlRefused('url must use https');
  }
  if (url.username || url.password) throw new UrlRefused('url must not contain credentials; use credentials');
  return url;
}

/** Whether one resolved address may be called, and why not. */
export function refusalOf(address: string, env: TGuardEnv): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast') return null;
  if (range === 'loopback' && env.HEARTH_ALLOW_INSECURE_WEBHOOKS) return null;
  if (INTERNAL_RANGES.has(range) && env.HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS) return null;
  return `url resolves to a ${range} address (${ip.toString()}), which webhooks may not call`;
}

/**
 * Resolve the URL's host and check every address, not only the first: a name with one public and one internal
 * address must not reach the internal one. Plain http is for loopback targets only.
 */
export async function resolveTarget(url: URL, env: TGuardEnv): Promise<LookupAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: LookupAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new UrlRefused(`url host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new UrlRefused(`url host ${host} does not resolve`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address, env);
    if (refusal) throw new UrlRefused(refusal);
    if (url.protocol === 'http:' && ipaddr.process(address).range() !== 'loopback') {
      throw new UrlRefused('url must use https (http is allowed only for loopback addresses)');
    }
  }
  return addresses;
}
