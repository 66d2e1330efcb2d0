import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { CATALOGUE, keyOf, type TEndpoint } from './endpoint-catalogue.js';
import { authorizationFor, implementedOperations, urlOf } from './endpoint-requests.js';
import { envelopeViolations } from './probe.js';
import { diffSnapshots, snapshotOrg, type TOrgSnapshot } from './snapshot.js';
import { buildWorld, secretsOf, type TWorld } from './world.js';

// Two orgs with the same kind of world, and a sandbox of the first. For every endpoint, org B (and the sandbox)
// must get nothing of org A: not through A's host, not with A's ids on their own host, and A's data never changes.

const t = useTestApp();
let implemented = new Set<string>();
let A: TWorld;
let B: TWorld;
let sandbox: TTestOrg;
let baseline: TOrgSnapshot;

beforeAll(async () => {
  implemented = await implementedOperations(t);
  A = await buildWorld(t);
  B = await buildWorld(t);
  sandbox = await createTestOrg(t, { sandboxOf: A.o.org.id });
  baseline = await snapshotOrg(t, A.o.org.id);
});

interface TSent {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  problems: string[];
}

async function send(
  e: TEndpoint,
  host: string,
  url: string,
  body: unknown,
  authorization: string | null,
): Promise<TSent> {
  const headers: Record<string, string> = { host, accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.inject({
    method: e.method,
    url,
    headers,
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { statusCode: res.statusCode, body: res.body, headers: res.headers, problems: envelopeViolations(res) };
}

/** A's values in B's answer, leaving out what B itself sent (an error may echo the id it was given). */
function leaksOf(res: TSent, sentText: string): string[] {
  const seen = `${res.body}\n${JSON.stringify(res.headers)}`;
  return secretsOf(A).filter((secret) => !sentText.includes(secret) && seen.includes(secret));
}

describe('tenant isolation', () => {
  for (const e of CATALOGUE) {
    const key = keyOf(e);
    it(key, async (ctx) => {
      if (!implemented.has(key)) return ctx.skip();
      const req = await e.build(A, t);
      const url = urlOf(e.path, req.params, req.query);
      const sentText = `${decodeURIComponent(url)}\n${JSON.stringify(req.body ?? null)}`;

      // (a) B's token (and the sandbox's, and none) on A's host: 401, whatever the request.
      for (const [who, authorization] of [
        ['B', authorizationFor(B, req.as)],
        ['sandbox', sandbox.apiUser.authorization],
        ['nobody', null],
      ] as const) {
        const res = await send(e, A.o.host, url, req.body, authorization);
        expect(res.statusCode, `${who} on A's host: ${res.body}`).toBe(401);
        expect(res.problems).toEqual([]);
        expect(JSON.parse(res.body)).toMatchObject({ errors: [{ code: 'unauthorized' }] });
      }

      // (b) B's token on B's own host with A's ids (and the same from A's sandbox): not found or refused, and
      // nothing of A in the answer. The sandbox has no Compliance Administrator, so it may be refused with 403 first.
      for (const [who, host, authorization] of [
        ['B', B.o.host, authorizationFor(B, req.as)],
        ['sandbox', sandbox.host, sandbox.apiUser.authorization],
      ] as const) {
        const res = await send(e, host, url, req.body, authorization);
        expect(res.problems, res.body).toEqual([]);
        const refusals = who === 'sandbox' && req.as ? [403, 404] : [404];
        if (Object.keys(req.params).length) {
          expect(refusals, `${who}: A's ids in the path: ${res.body}`).toContain(res.statusCode);
        } else if (e.bodyRefs) {
          expect([400, ...refusals], `${who}: A's ids in the body: ${res.body}`).toContain(res.statusCode);
        }
        expect(leaksOf(res, sentText), res.body).toEqual([]);
      }

      // (b2) B's own entity in the path, A's references in the body: refused, and B is not changed either.
      if (e.bodyRefs && Object.keys(req.params).length) {
        const own = await e.build(B, t);
        const bBefore = await snapshotOrg(t, B.o.org.id);
        const mixedUrl = urlOf(e.path, own.params, own.query);
        const mixed = await send(e, B.o.host, mixedUrl, req.body, authorizationFor(B, own.as));
        expect(mixed.problems, mixed.body).toEqual([]);
        expect([400, 404], `A's references in the body on B's host: ${mixed.body}`).toContain(mixed.statusCode);
        expect(leaksOf(mixed, `${sentText}\n${decodeURIComponent(mixedUrl)}`), mixed.body).toEqual([]);
        expect(diffSnapshots(bBefore, await snapshotOrg(t, B.o.org.id))).toEqual([]);
      }

      // (c) A's data is exactly as it was.
      expect(diffSnapshots(baseline, await snapshotOrg(t, A.o.org.id))).toEqual([]);
    });
  }

  it("lists on B's host show none of A's rows", async () => {
    for (const e of CATALOGUE.filter((x) => x.method === 'GET' && !x.path.includes('{'))) {
      if (!implemented.has(keyOf(e))) continue;
      const req = await e.build(B, t);
      const url = urlOf(e.path, req.params, req.query);
      const res = await send(e, B.o.host, url, undefined, authorizationFor(B, req.as));
      expect(res.statusCode, `${keyOf(e)}: ${res.body}`).toBe(200);
      expect(leaksOf(res, ''), keyOf(e)).toEqual([]);
    }
  });
});
