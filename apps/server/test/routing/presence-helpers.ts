import type { TRole } from '@hearth/shared';
import { expect } from 'vitest';
import type { TTestApp, TTestOrg } from '../helpers.js';
import { signIn, type TSignedIn } from '../internal/session-helpers.js';

export type { TSignedIn };

/** A signed-in user of the org (signing in logs AGENT users in to presence). */
export function signInAs(t: TTestApp, o: TTestOrg, roles: TRole[], name?: string): Promise<TSignedIn> {
  return signIn(t, o, roles, name);
}

/** The org's status reasons through the API, by name. */
export async function reasonsByName(user: TSignedIn): Promise<Record<string, { id: string; kind: string }>> {
  const res = await user.request({ method: 'GET', url: '/api/internal/status-reasons' });
  expect(res.statusCode).toBe(200);
  const list = res.data as { id: string; kind: string; name: string }[];
  return Object.fromEntries(list.map((r) => [r.name, r]));
}

export function expectError(res: { statusCode: number; data: unknown }, status: number, code?: string): void {
  expect(res.statusCode, JSON.stringify(res.data)).toBe(status);
  const errors = (res.data as { errors?: { code: string }[] }).errors;
  expect(Array.isArray(errors)).toBe(true);
  if (code) expect(errors?.[0]?.code).toBe(code);
}
