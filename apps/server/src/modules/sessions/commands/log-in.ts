import { randomBytes } from 'node:crypto';
import { isRole, type TRole } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { AppError } from '../../../http/errors.js';
import { applyPresenceAction } from '../../routing/commands/change-presence.js';
import { hashPassword, verifyPassword } from '../../users/passwords.js';
import { findUserByEmail } from '../../users/users.repository.js';
import { issueSessionToken, SESSION_TTL_MS } from '../session-tokens.js';
import {
  clearLoginAttempts,
  countLoginAttempt,
  deleteExpiredUserSessions,
  deleteSession,
  insertSession,
  lockLogin,
} from '../sessions.repository.js';

export interface TLogInResult {
  user: { id: string; name: string; email: string; roles: TRole[] };
  token: string;
}

// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function wrongCredentials(): AppError {
  return new AppError(401, [{ code: 'unauthorized', detail: 'wrong email or password' }]);
}

function locked(): AppError {
  return new AppError(429, [{ code: 'locked', detail: 'too many failed logins; try again later' }]);
}

/**
 * Check an email and password and open a session. Attempts are counted per (org, email) BEFORE the password is
 * checked, so parallel guesses cannot slip past the limit; a success clears the count. After
 * HEARTH_LOGIN_MAX_FAILURES attempts without a success, the email is locked for HEARTH_LOGIN_LOCK_MINUTES, known
 * or not, so a lock reveals nothing about which emails exist.
 */
export async function logIn(
  ctx: TAppContext,
  input: { orgId: string; email: string; password: string; previousTokenHash?: string },
): Promise<TLogInResult> {
  const now = ctx.now();
  const email = input.email.trim().toLowerCase();
  const lockMs = ctx.env.HEARTH_LOGIN_LOCK_MINUTES * 60_000;
  const attempt = await countLoginAttempt(ctx.db, input.orgId, email, now, new Date(now.getTime() - lockMs));
  if (attempt.lockedUntil && attempt.lockedUntil > now) throw locked();
  if (attempt.failures > ctx.env.HEARTH_LOGIN_MAX_FAILURES) {
    await lockLogin(ctx.db, input.orgId, email, new Date(now.getTime() + lockMs));
    throw locked();
  }

  const user = await findUserByEmail(ctx.db, input.orgId, email);
  const usable = user?.active && user.password_hash ? { ...user, password_hash: user.password_hash } : undefined;
  if (!usable) {
    await verifyPassword(await getDummyHash(), input.password);
    throw wrongCredentials();
  }
  if (!(await verifyPassword(usable.password_hash, input.password))) throw wrongCredentials();

  const { token, tokenHash } = issueSessionToken();
  await ctx.db.transaction().execute(async (trx) => {
    await clearLoginAttempts(trx, input.orgId, email);
    // A fresh token on every login (no session fixation); the browser's previous session, if any, ends here.
    if (input.previousTokenHash) await deleteSession(trx, input.orgId, input.previousTokenHash);
    await deleteExpiredUserSessions(trx, input.orgId, usable.id, now);
    await insertSession(trx, {
      tokenHash,
      orgId: input.orgId,
      userId: usable.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
  });
  const roles = usable.roles.filter(isRole);
  // Signing in to the web app logs an agent in to routing presence (issue 6).
  if (roles.includes('AGENT')) {
    await applyPresenceAction(ctx, input.orgId, usable.id, { kind: 'LOGIN' }, { id: usable.id, type: 'AGENT' });
  }
  return { user: { id: usable.id, name: usable.name, email: usable.email, roles }, token };
}
