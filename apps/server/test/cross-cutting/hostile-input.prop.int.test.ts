import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { CATALOGUE, keyOf, type TEndpoint } from './endpoint-catalogue.js';
import { authorizationFor, implementedOperations, sendValid } from './endpoint-requests.js';
import { applyMutation, mutationArbitrary, sweepMutations, type TMutation } from './mutations.js';
import { describeFailure, probe } from './probe.js';
import { buildWorld, secretsOf, type TWorld } from './world.js';

// For every endpoint: malformed and hostile input, one field at a time and whole bodies, must never be a 5xx;
// every 4xx is Gladly's error envelope in JSON; a refused request leaves the org's data, outbox and jobs as they
// were; and whatever was accepted can still be read back without a 5xx. fast-check prints the seed and the shrunk
// counterexample of a failure; replay it with HEARTH_FC_SEED=<seed> (and HEARTH_FC_PATH=<path>), explore harder
// with HEARTH_FC_RUNS=<n>. To look past a known failure while it is being fixed, set HEARTH_FC_IGNORE to a regular
// expression matched against the failure text (never in CI).

const NUM_RUNS = Number(process.env.HEARTH_FC_RUNS ?? 20);
const SEED = process.env.HEARTH_FC_SEED ? Number(process.env.HEARTH_FC_SEED) : undefined;
const PATH = process.env.HEARTH_FC_PATH;
const IGNORE = process.env.HEARTH_FC_IGNORE ? new RegExp(process.env.HEARTH_FC_IGNORE) : undefined;

const t = useTestApp();
let implemented = new Set<string>();

beforeAll(async () => {
  implemented = await implementedOperations(t);
});

/** Send the endpoint's valid request with one mutation; the failure text, or null when all is well. */
async function tryMutation(w: TWorld, e: TEndpoint, mutation: TMutation): Promise<string | null> {
  const valid = await e.build(w, t);
  const req = {
    method: e.method,
    host: w.o.host,
    authorization: authorizationFor(w, valid.as),
    ...applyMutation(e, valid, mutation),
  };
  const result = await probe(t, w.o.org.id, req);
  if (!result.problems.length) return null;
  const failure = `${JSON.stringify(mutation).slice(0, 300)}\n${describeFailure(req, result)}`;
  return IGNORE?.test(failure) ? null : failure;
}

/** Every read of the world after the onslaught: accepted input must not have stored something unreadable. */
async function readBackFailures(w: TWorld): Promise<string[]> {
  const failures: string[] = [];
  for (const e of CATALOGUE) {
    if (e.method !== 'GET' || !implemented.has(keyOf(e))) continue;
    const res = await sendValid(w, e, await e.build(w, t));
    if (res.statusCode >= 500) failures.push(`read-back ${keyOf(e)} -> ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  return failures;
}

describe('hostile input never breaks the API', () => {
  for (const e of CATALOGUE) {
    const key = keyOf(e);
    it(key, { timeout: 180_000 }, async (ctx) => {
      if (!implemented.has(key)) return ctx.skip();
      const w = await buildWorld(t);
      const arbitrary = mutationArbitrary(e, await e.build(w, t), secretsOf(w));
      await fc.assert(
        fc.asyncProperty(arbitrary, async (mutation) => {
          const failure = await tryMutation(w, e, mutation);
          if (failure) throw new Error(failure);
        }),
        { numRuns: NUM_RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), ...(PATH ? { path: PATH } : {}) },
      );
      const readBack = await readBackFailures(w);
      expect(readBack, readBack.join('\n')).toEqual([]);
    });
  }
});

describe('known breakers on every field', () => {
  for (const e of CATALOGUE) {
    const key = keyOf(e);
    it(key, { timeout: 120_000 }, async (ctx) => {
      if (!implemented.has(key)) return ctx.skip();
      const w = await buildWorld(t);
      const failures: string[] = [];
      for (const mutation of sweepMutations(await e.build(w, t))) {
        const failure = await tryMutation(w, e, mutation);
        if (failure) failures.push(failure);
      }
      failures.push(...(await readBackFailures(w)));
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
});
