import type { TOrgRow } from '../../db/schema.js';

/** The signed-in user as the web app sees it; never the password hash. */
export function presentSessionUser(user: { id: string; name: string; email: string; roles: readonly string[] }) {
  return { id: user.id, name: user.name, email: user.email, roles: [...user.roles] };
}

export function presentSessionOrg(org: TOrgRow) {
  return { id: org.id, name: org.name, timezone: org.timezone };
}
