import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import type { TOutput } from '../../src/cli/output.js';
import { dropDatabase } from '../drop-database.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * A database of its own on the run's PostgreSQL server: the first-run tests need one with no organization at all,
 * which the shared test database (full of other files' orgs) never is.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('databaseUrl');
  const name = `hearth_cli_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(serverUrl, name),
  };
}

export function captureOutput(): TOutput & { lines: string[]; notes: string[] } {
  const lines: string[] = [];
  const notes: string[] = [];
  return {
    lines,
    notes,
    line: (text = '') => lines.push(text),
    note: (text) => notes.push(text),
    progress: () => {},
  };
}

export interface THearthChild {
  child: ChildProcess;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Resolves with the stdout once `text` appears (rejects if the process exits first or after `timeoutMs`). */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** `hearth start` from source (tsx), so the test runs the code as it is now, not a possibly stale dist/. */
export function spawnHearth(args: string[], env: Record<string, string>): THearthChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: 'apps/server/tsconfig.test.json',
      HEARTH_LOG_PRETTY: 'false',
      HEARTH_LOG_LEVEL: 'warn',
      // Tests run side by side: a fixed SMTP port (2525 by default) would make two Hearth processes collide.
      HEARTH_SMTP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const waitFor = (text: string, timeoutMs = 25_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for "${text}"\nstdout:\n${out}\nstderr:\n${err}`));
      }, timeoutMs);
      const check = () => {
        if (out.includes(text)) {
          cleanup();
          resolve(out);
        }
      };
      const onExit = () => {
        cleanup();
        reject(new Error(`exited before "${text}"\nstdout:\n${out}\nstderr:\n${err}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', onExit);
      };
      child.stdout?.on('data', check);
      child.once('exit', onExit);
      check();
    });
  return { child, stdout: () => out, waitFor, exited };
}

/** The value printed after a label in the start banner, e.g. `API token        abc…`. */
export function bannerValue(output: string, label: string): string | undefined {
  const match = new RegExp(`^\\s+${label}\\s+(\\S+)`, 'm').exec(output);
  return match?.[1];
}
