import { describe, expect, it } from 'vitest';
import { parseWebhookUrl, refusalOf, resolveTarget } from './url-guard.js';

const strict = { HEARTH_ALLOW_INSECURE_WEBHOOKS: false, HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS: false };
const insecure = { HEARTH_ALLOW_INSECURE_WEBHOOKS: true, HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS: false };
const privateOk = { HEARTH_ALLOW_INSECURE_WEBHOOKS: false, HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS: true };

describe('webhook url guard', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s) by default', (address, range) => {
    expect(refusalOf(address, strict)).toContain(`a ${range} address`);
  });

  it('allows public unicast addresses', () => {
    expect(refusalOf('93.184.216.34', strict)).toBeNull();
    expect(refusalOf('2606:2800:220:1::1', strict)).toBeNull();
  });

  it('opens loopback only with the insecure flag, internal ranges with the private-networks flag', () => {
    expect(refusalOf('127.0.0.1', insecure)).toBeNull();
    expect(refusalOf('10.0.0.1', insecure)).not.toBeNull();
    expect(refusalOf('10.0.0.1', privateOk)).toBeNull();
    expect(refusalOf('169.254.169.254', privateOk)).toBeNull();
    expect(refusalOf('0.0.0.0', privateOk)).not.toBeNull();
  });

  it('requires https unless insecure, and no credentials in the url', () => {
    expect(() => parseWebhookUrl('http://93.184.216.34/x', strict)).toThrow('url must use https');
    expect(parseWebhookUrl('http://127.0.0.1/x', insecure).hostname).toBe('127.0.0.1');
    expect(() => parseWebhookUrl('https://a:b@93.184.216.34/', strict)).toThrow('credentials');
    expect(() => parseWebhookUrl('nope', strict)).toThrow('not a valid absolute URL');
  });

  it('checks every address a name resolves to, and http only reaches loopback', async () => {
    await expect(resolveTarget(new URL('https://localhost/x'), strict)).rejects.toThrow('loopback');
    await expect(resolveTarget(new URL('http://[::1]/x'), strict)).rejects.toThrow('loopback');
    await expect(
      resolveTarget(new URL('http://10.0.0.1/x'), { ...insecure, HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS: true }),
    ).rejects.toThrow('http is allowed only for loopback');
    expect(await resolveTarget(new URL('http://127.0.0.1:8080/x'), insecure)).toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });
});
