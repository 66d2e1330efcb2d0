import { toIso } from '../../lib/time.js';

/** A user as administrators see them in the web app; never the password hash. */
export function presentUser(user: {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
  created_at: Date;
}) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    active: user.active,
    createdAt: toIso(user.created_at),
  };
}

/** An API token's metadata; the secret exists only in the create response. */
export function presentApiToken(token: { id: string; name: string; created_at: Date; last_used_at: Date | null }) {
  return {
    id: token.id,
    name: token.name,
    createdAt: toIso(token.created_at),
    lastUsedAt: token.last_used_at ? toIso(token.last_used_at) : null,
  };
}
