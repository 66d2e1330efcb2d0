// Which settings sections a user sees. The server enforces every permission; this list only hides screens whose
// calls the server would refuse, so a team manager never lands on a page full of 403s.

export type TSettingsSectionId =
  | 'users'
  | 'inboxes'
  | 'teams'
  | 'topics'
  | 'business-hours'
  | 'organization'
  | 'api-tokens'
  | 'webhooks'
  | 'status-reasons'
  | 'routing'
  | 'boosts'
  | 'agent-profiles';

export interface TSettingsSection {
  id: TSettingsSectionId;
  label: string;
  group: 'People' | 'Work' | 'Routing' | 'Organization' | 'Developers';
  /** Roles that see the section; ADMINISTRATOR sees everything. */
  roles: readonly string[];
}

const MANAGERS = ['ADMINISTRATOR', 'TEAM_MANAGER'] as const;
const ADMINS = ['ADMINISTRATOR'] as const;

export const SETTINGS_SECTIONS: readonly TSettingsSection[] = [
  { id: 'users', label: 'Users', group: 'People', roles: MANAGERS },
  { id: 'teams', label: 'Teams', group: 'People', roles: MANAGERS },
  { id: 'inboxes', label: 'Inboxes', group: 'Work', roles: MANAGERS },
  { id: 'topics', label: 'Topics', group: 'Work', roles: MANAGERS },
  { id: 'business-hours', label: 'Business hours', group: 'Work', roles: ADMINS },
  { id: 'agent-profiles', label: 'Agent skills & capacity', group: 'Routing', roles: MANAGERS },
  { id: 'status-reasons', label: 'Status reasons', group: 'Routing', roles: ADMINS },
  { id: 'routing', label: 'Routing settings', group: 'Routing', roles: ADMINS },
  { id: 'boosts', label: 'People Match boosts', group: 'Routing', roles: ADMINS },
  { id: 'organization', label: 'Organization', group: 'Organization', roles: ADMINS },
  { id: 'webhooks', label: 'Webhooks', group: 'Developers', roles: ADMINS },
  // Tokens are the signed-in user's own; an API user (often a dedicated integration user) manages theirs.
  { id: 'api-tokens', label: 'API tokens', group: 'Developers', roles: ['ADMINISTRATOR', 'API_USER'] },
];

export function visibleSections(roles: readonly string[]): TSettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => section.roles.some((role) => roles.includes(role)));
}

/** Team managers may look at users but not change them (the server's user administration is admin-only). */
export function canEditUsers(roles: readonly string[]): boolean {
  return roles.includes('ADMINISTRATOR');
}
