/** Standard roles (product spec 11.3). A user may hold several; the broadest permissions win. */
export const ROLES = [
  'ADMINISTRATOR',
  'TEAM_MANAGER',
  'AGENT',
  'API_USER',
  'COMPLIANCE_ADMINISTRATOR',
  'TASK_USER',
  'ANALYST',
] as const;
export type TRole = (typeof ROLES)[number];

/** Task User cannot be combined with any other role (product spec 11.3). */
export const EXCLUSIVE_ROLES: readonly TRole[] = ['TASK_USER'];

export function isRole(value: string): value is TRole {
  return (ROLES as readonly string[]).includes(value);
}
