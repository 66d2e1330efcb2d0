import { AppError } from '../http/errors.js';
import type { TDemoOrg } from '../seed/demo-org.js';
import type { TSeedProgress } from '../seed/seed-org.js';

/** Where a command's answer goes: stdout for people and scripts; progress and logs go to stderr. */
export interface TOutput {
  line(text?: string): void;
  /** A remark beside the answer (stderr), so `$(hearth token create …)` captures the token alone. */
  note(text: string): void;
  progress(text: string): void;
}

export const processOutput: TOutput = {
  line: (text = '') => process.stdout.write(`${text}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${text}\x1b[K`);
    else process.stderr.write(`${text}\n`);
  },
};

/** A failure the user can fix: printed as one plain line, exit code 1, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    return error.errors.map((e) => `${e.detail ?? e.code}${e.attr ? ` (${e.attr})` : ''}`).join('; ');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Progress at most every half second (and always the last), so big seeds do not flood a log file. */
export function seedProgressReporter(out: TOutput): (p: TSeedProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.customers < p.totalCustomers && now - last < 500) return;
    last = now;
    const percent = p.totalCustomers === 0 ? 100 : Math.floor((p.customers * 100) / p.totalCustomers);
    out.progress(
      `seeding: ${p.customers.toLocaleString('en-US')}/${p.totalCustomers.toLocaleString('en-US')} customers, ` +
        `${p.items.toLocaleString('en-US')} messages (${percent}%)`,
    );
    if (p.customers >= p.totalCustomers && process.stderr.isTTY && out === processOutput) process.stderr.write('\n');
  };
}

export function printDemoCredentials(out: TOutput, demo: TDemoOrg, baseUrl: string): void {
  const api = `${baseUrl}/api/v1`;
  out.line();
  out.line(`  A demo organization was created: ${demo.org.name} (${demo.org.slug}), with ${demo.customers} customers.`);
  out.line();
  out.line(`  Log in at        ${baseUrl}/`);
  out.line(`  Administrator    ${demo.admin.email}`);
  out.line(`  Password         ${demo.admin.password}`);
  out.line();
  out.line(`  REST API         ${api}   (HTTP Basic: email and API token)`);
  out.line(`  API user         ${demo.apiUser.email}`);
  out.line(`  API token        ${demo.apiUser.token}`);
  out.line(`  Try it           curl -u '${demo.apiUser.email}:${demo.apiUser.token}' ${api}/organization`);
  out.line();
  out.line('  The password and the token are shown only this once and stored hashed: note them now.');
  out.line();
}

export interface TLoginHints {
  org: { slug: string; name: string } | undefined;
  adminEmails: string[];
  apiUserEmails: string[];
}

/** On later starts: how to log in and use the API, without any secret (they were shown once, when created). */
export function printLoginHints(out: TOutput, hints: TLoginHints, baseUrl: string): void {
  out.line();
  if (!hints.org) {
    out.line('  No organization yet. Create one:');
    out.line(`    npx hearth org create --slug acme --name "Acme Inc."`);
    out.line(
      `    npx hearth user create --org acme --email you@acme.com --name "Your Name" --roles ADMINISTRATOR,AGENT --password …`,
    );
    out.line('  or fill a demo one:  npx hearth seed --demo');
    out.line();
    return;
  }
  out.line(`  Organization     ${hints.org.name} (${hints.org.slug})`);
  out.line(`  Log in at        ${baseUrl}/`);
  if (hints.adminEmails.length > 0) out.line(`  Administrator    ${hints.adminEmails.join(', ')}`);
  out.line(`  REST API         ${baseUrl}/api/v1   (HTTP Basic: email and API token)`);
  const apiEmail = hints.apiUserEmails[0];
  if (apiEmail) {
    out.line(`  API user         ${hints.apiUserEmails.join(', ')}`);
    out.line(`  New API token    npx hearth token create --org ${hints.org.slug} --email ${apiEmail}`);
  }
  out.line('  (Passwords and tokens are shown only when created.)');
  out.line();
}
