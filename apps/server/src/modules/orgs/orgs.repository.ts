import type { TExecutor } from '../../db/database.js';
import type { TOrgRow } from '../../db/schema.js';

export function findOrgBySlug(db: TExecutor, slug: string): Promise<TOrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findDefaultOrg(db: TExecutor): Promise<TOrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('is_default', '=', true).executeTakeFirst();
}

/** An org named by its slug, or the default org (served on hosts that name none). */
export type TOrgSelector = { slug: string } | { isDefault: true };

export function findOrg(db: TExecutor, selector: TOrgSelector): Promise<TOrgRow | undefined> {
  return 'slug' in selector ? findOrgBySlug(db, selector.slug) : findDefaultOrg(db);
}

export async function countOrgs(db: TExecutor): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrg(
  db: TExecutor,
  org: {
    id: string;
    slug: string;
    name: string;
    loginDomain: string;
    timezone: string;
    isDefault: boolean;
    sandboxOf: string | null;
  },
): Promise<TOrgRow> {
  return db
    .insertInto('orgs')
    .values({
      id: org.id,
      slug: org.slug,
      name: org.name,
      login_domain: org.loginDomain,
      timezone: org.timezone,
      is_default: org.isDefault,
      sandbox_of: org.sandboxOf,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateOrgSettings(
  db: TExecutor,
  orgId: string,
  settings: { name?: string; timezone?: string; reopenWindowMinutes?: number; topicsRequiredOnClose?: boolean },
): Promise<TOrgRow | undefined> {
  return db
    .updateTable('orgs')
    .set({
      ...(settings.name !== undefined ? { name: settings.name } : {}),
      ...(settings.timezone !== undefined ? { timezone: settings.timezone } : {}),
      ...(settings.reopenWindowMinutes !== undefined ? { reopen_window_minutes: settings.reopenWindowMinutes } : {}),
      ...(settings.topicsRequiredOnClose !== undefined
        ? { topics_required_on_close: settings.topicsRequiredOnClose }
        : {}),
      updated_at: new Date(),
    })
    .where('id', '=', orgId)
    .returningAll()
    .executeTakeFirst();
}
