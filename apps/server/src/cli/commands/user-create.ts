import type { TDatabase } from '../../db/database.js';
import type { TOrgRow, TUserRow } from '../../db/schema.js';
import { findOrgBySlug } from '../../modules/orgs/orgs.repository.js';
import { createUser } from '../../modules/users/commands/create-user.js';
import { CliError, type TOutput } from '../output.js';

export interface TUserCreateOptions {
  org: string;
  email: string;
  name: string;
  /** Comma-separated: ADMINISTRATOR, TEAM_MANAGER, AGENT, API_USER, COMPLIANCE_ADMINISTRATOR, TASK_USER, ANALYST. */
  roles: string;
  password?: string;
}

export async function runUserCreate(db: TDatabase, options: TUserCreateOptions, out: TOutput): Promise<TUserRow> {
  const org = await requireOrg(db, options.org);
  const user = await createUser(db, {
    orgId: org.id,
    email: options.email,
    name: options.name,
    roles: options.roles.split(',').filter((r) => r.trim() !== ''),
    password: options.password,
  });
  out.line(`Created user ${user.name} <${user.email}> in ${org.slug}, id ${user.id}, roles ${user.roles.join(', ')}.`);
  if (!user.password_hash) out.line('  No password was set: this user cannot log in to the web app yet.');
  if (user.roles.includes('API_USER')) {
    out.line(`  Mint an API token: npx hearth token create --org ${org.slug} --email ${user.email}`);
  }
  return user;
}

export async function requireOrg(db: TDatabase, slug: string): Promise<TOrgRow> {
  const org = await findOrgBySlug(db, slug.toLowerCase());
  if (!org) throw new CliError(`no organization with slug "${slug}" (list them with: npx hearth org list)`);
  return org;
}
