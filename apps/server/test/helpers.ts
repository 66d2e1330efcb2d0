import type { TRole } from '@hearth/shared';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';
import type { TAppContext } from '../src/app-context.js';
import { loadEnv, type TEnv } from '../src/config/env.js';
import { createDatabase, type TDatabase } from '../src/db/database.js';
import type { TOrgRow, TUserRow } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { startJobQueue } from '../src/jobs/job-queue.js';
import { newId } from '../src/lib/ids.js';
import { createOrg } from '../src/modules/orgs/commands/create-org.js';
import { createApiToken } from '../src/modules/users/commands/create-api-token.js';
import { createUser } from '../src/modules/users/commands/create-user.js';

export const TEST_BASE_DOMAIN = 'hearth.test';

export interface TTestApp {
  app: FastifyInstance;
  ctx: TAppContext;
  db: TDatabase;
  /** Move the app's clock: `clock.set(date)` or `clock.advance(ms)`; `clock.reset()` follows real time again. */
  clock: { set(date: Date): void; advance(ms: number): void; reset(): void };
}

/** Build one app per test file against the run's database, closed after the file. */
export function useTestApp(envOverrides: Partial<Record<keyof TEnv, string>> = {}): TTestApp {
  const handle = {} as TTestApp;
  beforeAll(async () => Object.assign(handle, await createTestApp(envOverrides)));
  afterAll(async () => {
    await handle.app?.close();
  });
  return handle;
}

export async function createTestApp(
  envOverrides: Partial<Record<keyof TEnv, string>> = {},
  options: { databaseUrl?: string } = {},
): Promise<TTestApp> {
  // A database of its own (e2e: the whole product with its workers) instead of the run's shared one.
  const databaseUrl = options.databaseUrl ?? inject('databaseUrl');
  const env = loadEnv({
    HEARTH_BASE_DOMAIN: TEST_BASE_DOMAIN,
    HEARTH_API_RATE_LIMIT_PER_SECOND: '1000000',
    HEARTH_LOG_LEVEL: process.env.HEARTH_TEST_LOG ? 'debug' : 'silent',
    DATABASE_URL: databaseUrl,
    // A fixed key, so no test falls back to generating one under the default data directory.
    HEARTH_SECRET_KEY: 'hearth-test-secret-key-not-for-production-use',
    ...envOverrides,
  });
  const db = createDatabase(databaseUrl, { max: 5 });
  const jobs = await startJobQueue(databaseUrl, { runMaintenance: false });
  let offsetMs = 0;
  let fixed: Date | null = null;
  const now = () => (fixed ? new Date(fixed.getTime() + offsetMs) : new Date(Date.now() + offsetMs));
  const ctx: TAppContext = { db, env, jobs, log: pino({ level: env.HEARTH_LOG_LEVEL }), now };
  const app = await buildApp(ctx);
  app.addHook('onClose', async () => {
    await jobs.stop();
    await db.destroy();
  });
  await app.ready();
  const clock = {
    set: (date: Date) => {
      fixed = date;
      offsetMs = 0;
    },
    advance: (ms: number) => {
      offsetMs += ms;
    },
    reset: () => {
      fixed = null;
      offsetMs = 0;
    },
  };
  return { app, ctx, db, clock };
}

export interface TTestUser {
  user: TUserRow;
  token?: string;
  /** `Authorization: Basic …` for this user's token. */
  authorization?: string;
}

export interface TTestOrg {
  org: TOrgRow;
  host: string;
  /** An Agent + API User with a token: the integration user most tests act as. */
  apiUser: Required<TTestUser>;
  /** Send a request to this org as the API user (or as `as`), with JSON in and out. */
  request(options: TRequestOptions): Promise<TJsonResponse>;
  /** Another user in this org with the given roles, with a token when API_USER is among them. */
  addUser(roles: TRole[], options?: { name?: string; password?: string }): Promise<TTestUser>;
}

export interface TRequestOptions {
  method: InjectOptions['method'];
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Authorization header to use instead of the API user's; `null` sends none. */
  authorization?: string | null;
}

export type TJsonResponse = LightMyRequestResponse & { body: string; data: unknown };

export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

/** A fresh org with its own API user and token; tests never share orgs, so they never see each other's data. */
export async function createTestOrg(t: TTestApp, options: { sandboxOf?: string } = {}): Promise<TTestOrg> {
  const slug = `t${newId()
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()
    .slice(0, 12)}`;
  const org = await createOrg(t.db, { slug, name: `Test ${slug}`, makeDefault: false, sandboxOf: options.sandboxOf });
  const host = `${slug}.${TEST_BASE_DOMAIN}`;
  const addUser = async (roles: TRole[], userOptions: { name?: string; password?: string } = {}) => {
    const name = userOptions.name ?? `User ${newId().slice(0, 6)}`;
    const user = await createUser(t.db, {
      orgId: org.id,
      email: `${newId()
        .slice(0, 10)
        .replace(/[^a-zA-Z0-9]/g, 'x')}@${slug}.example.com`,
      name,
      roles,
      password: userOptions.password,
    });
    if (!roles.includes('API_USER')) return { user };
    const { token } = await createApiToken(t.db, { orgId: org.id, userId: user.id, name: 'test' });
    return { user, token, authorization: basicAuth(user.email, token) };
  };
  const apiUser = (await addUser(['AGENT', 'API_USER'], { name: 'Integration User' })) as Required<TTestUser>;
  const request = async (req: TRequestOptions): Promise<TJsonResponse> => {
    const headers: Record<string, string> = { host, accept: 'application/json', ...(req.headers ?? {}) };
    const authorization = req.authorization === undefined ? apiUser.authorization : req.authorization;
    if (authorization !== null) headers.authorization = authorization;
    const response = await t.app.inject({
      method: req.method,
      url: req.url,
      headers,
      ...(req.body !== undefined ? { payload: req.body as InjectOptions['payload'] } : {}),
    });
    let data: unknown;
    try {
      data = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      data = undefined;
    }
    return Object.assign(response, { data });
  };
  return { org, host, apiUser, request, addUser };
}
