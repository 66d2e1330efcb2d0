import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { TRole } from '@hearth/shared';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase } from '../apps/server/src/db/database.js';
import { migrateToLatest } from '../apps/server/src/db/migrator.js';
import { registerWorkers } from '../apps/server/src/jobs/workers.js';
import { createScratchDatabase } from '../apps/server/test/cli/cli-helpers.js';
import { startSmtpSink, type TSmtpSink } from '../apps/server/test/email/outbound/outbound-helpers.js';
import { createTestApp, createTestOrg, type TTestApp, type TTestOrg } from '../apps/server/test/helpers.js';

export const CHROMIUM = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';
/** Debian's Chromium is a system package: CI installs it (.ci/run); a developer machine may not have it. */
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  if (process.env.CI) throw new Error(`e2e: ${CHROMIUM} is missing; .ci/run installs Debian's chromium package`);
  console.warn(`e2e: skipped, ${CHROMIUM} is missing (apt-get install -y chromium to run the browser tests)`);
}

export const SCREENSHOT_DIR = new URL('./screenshots/', import.meta.url).pathname;

export interface TE2eServer {
  t: TTestApp;
  port: number;
  /** The browser's base URL for an org: `http://<slug>.localhost:<port>`. */
  baseUrl(o: TTestOrg): string;
  browser: Browser;
  /** The orgs' email relay: a real SMTP server on 127.0.0.1 that keeps what agents send. */
  smtp: TSmtpSink;
  newOrg(): Promise<TTestOrg>;
  /** A browser context (its own cookies) at 1440×900 for the org. */
  newContext(o: TTestOrg): Promise<BrowserContext>;
}

/**
 * The whole product for one e2e file: a real HTTP server on 127.0.0.1 with the job workers and the routing
 * service, on a database of its own (its workers serve every org they find, so they must not share the run's
 * database with other files' tests), and one headless Chromium. Orgs are reached as `<slug>.localhost`,
 * which Chromium maps to 127.0.0.1 (host-resolver rule), so each test's org is resolved from the Host as in
 * production.
 */
export function useE2eServer(): TE2eServer {
  const handle = {} as TE2eServer;
  let stopWorkers: (() => Promise<void>) | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    const scratch = await createScratchDatabase();
    dropDatabase = scratch.drop;
    const migrator = createDatabase(scratch.url, { max: 1 });
    await migrateToLatest(migrator as unknown as Parameters<typeof migrateToLatest>[0]);
    await migrator.destroy();
    const t = await createTestApp({ HEARTH_BASE_DOMAIN: 'localhost' }, { databaseUrl: scratch.url });
    stopWorkers = await registerWorkers(t.ctx, { databaseUrl: scratch.url });
    const smtp = await startSmtpSink();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        '--host-resolver-rules=MAP *.localhost 127.0.0.1',
      ],
    });
    Object.assign(handle, {
      t,
      port,
      browser,
      smtp,
      baseUrl: (o: TTestOrg) => `http://${o.org.slug}.localhost:${port}`,
      newOrg: () => createTestOrg(t),
      newContext: (o: TTestOrg) =>
        browser.newContext({
          baseURL: `http://${o.org.slug}.localhost:${port}`,
          viewport: { width: 1440, height: 900 },
        }),
    });
  }, 120_000);
  afterAll(async () => {
    await handle.browser?.close();
    await stopWorkers?.();
    await handle.t?.app.close();
    await handle.smtp?.close();
    await dropDatabase?.();
  });
  return handle;
}

export const E2E_PASSWORD = 'correct horse battery staple';

/** A user who can sign in to the web app. */
export async function addPerson(o: TTestOrg, roles: TRole[], name: string) {
  const { user } = await o.addUser(roles, { name, password: E2E_PASSWORD });
  return user;
}

export async function logIn(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}
