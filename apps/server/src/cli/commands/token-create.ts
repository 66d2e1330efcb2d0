import type { TDatabase } from '../../db/database.js';
import { createApiToken } from '../../modules/users/commands/create-api-token.js';
import { findUserByEmail } from '../../modules/users/users.repository.js';
import { CliError, type TOutput } from '../output.js';
import { requireOrg } from './user-create.js';

export interface TTokenCreateOptions {
  org: string;
  email: string;
  name?: string;
}

/** Mints a token and prints it once: only its SHA-256 is stored, so it cannot be shown again. */
export async function runTokenCreate(
  db: TDatabase,
  options: TTokenCreateOptions,
  out: TOutput,
): Promise<{ id: string; token: string; email: string }> {
  const org = await requireOrg(db, options.org);
  const user = await findUserByEmail(db, org.id, options.email.trim().toLowerCase());
  if (!user?.active) throw new CliError(`no active user ${options.email} in ${org.slug}`);
  const { id, token } = await createApiToken(db, { orgId: org.id, userId: user.id, name: options.name ?? 'cli' });
  out.line(token);
  out.note(`API token ${id} created for ${user.email} in ${org.slug}. It is shown only this once.`);
  out.note(`Use HTTP Basic with ${user.email} as the user name and the token as the password.`);
  return { id, token, email: user.email };
}
