import { EXCLUSIVE_ROLES, isRole, type TRole } from '@hearth/shared';
import type { TDatabase } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/pg-errors.js';
import type { TUserRow } from '../../../db/schema.js';
import { badRequest, conflict } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { hashPassword } from '../passwords.js';
import { findUserByEmail, insertUser } from '../users.repository.js';

export interface TCreateUserInput {
  orgId: string;
  email: string;
  name: string;
  roles: string[];
  /** Absent for users who will only use API tokens or who are invited to set one. */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createUser(db: TDatabase, input: TCreateUserInput): Promise<TUserRow> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw badRequest('invalid', 'invalid email address', 'email');
  if (!input.name.trim()) throw badRequest('blank', 'name cannot be blank', 'name');
  const roles = validateRoles(input.roles);
  if (input.password !== undefined && input.password.length < 8) {
    throw badRequest('too_short', 'password must be at least 8 characters', 'password');
  }
  if (await findUserByEmail(db, input.orgId, email)) throw conflict('taken', 'a user with this email exists', 'email');
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  try {
    return await insertUser(db, {
      orgId: input.orgId,
      id: newId(),
      email,
      name: input.name.trim(),
      passwordHash,
      roles,
    });
  } catch (error) {
    // Two concurrent creates with one email: the unique index decides, and the loser gets the same 409.
    if (isUniqueViolation(error)) throw conflict('taken', 'a user with this email exists', 'email');
    throw error;
  }
}

export function validateRoles(input: string[]): TRole[] {
  const roles = [...new Set(input.map((r) => r.trim().toUpperCase()))];
  if (roles.length === 0) throw badRequest('blank', 'a user needs at least one role', 'roles');
  for (const role of roles) if (!isRole(role)) throw badRequest('invalid', `unknown role ${role}`, 'roles');
  const typed = roles as TRole[];
  const exclusive = typed.find((r) => EXCLUSIVE_ROLES.includes(r));
  if (exclusive && typed.length > 1) {
    throw badRequest('invalid', `${exclusive} cannot be combined with any other role`, 'roles');
  }
  return typed;
}
