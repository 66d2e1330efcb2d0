import type { TDatabase } from '../../db/database.js';
import type { TOrgRow } from '../../db/schema.js';
import { createOrg } from '../../modules/orgs/commands/create-org.js';
import { findOrgBySlug } from '../../modules/orgs/orgs.repository.js';
import { CliError, type TOutput } from '../output.js';

export interface TOrgCreateOptions {
  slug: string;
  name: string;
  timezone?: string;
  /** Slug of the production org this one is a sandbox of. */
  sandboxOf?: string;
}

export async function runOrgCreate(
  db: TDatabase,
  options: TOrgCreateOptions,
  out: TOutput,
  baseDomain: string,
): Promise<TOrgRow> {
  let sandboxOf: string | undefined;
  if (options.sandboxOf) {
    const production = await findOrgBySlug(db, options.sandboxOf.toLowerCase());
    if (!production) throw new CliError(`no organization with slug "${options.sandboxOf}" (--sandbox-of)`);
    sandboxOf = production.id;
  }
  const org = await createOrg(db, { slug: options.slug, name: options.name, timezone: options.timezone, sandboxOf });
  out.line(`Created organization ${org.name} (${org.slug}), id ${org.id}${org.is_default ? ', the default org' : ''}.`);
  out.line(`  Served at ${org.slug}.${baseDomain}${org.is_default ? ' and on any other host name' : ''}.`);
  out.line(
    `  Next: npx hearth user create --org ${org.slug} --email … --name … --roles ADMINISTRATOR,AGENT --password …`,
  );
  return org;
}
