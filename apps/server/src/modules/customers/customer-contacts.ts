import type { TExecutor } from '../../db/database.js';
import { uniqueViolation } from '../../db/pg-errors.js';
import { type AppError, badRequest, conflict } from '../../http/errors.js';
import { isKnownRegion, normalizeEmail, parsePhone } from './contact-normalization.js';
import { findEmailOwners, findMobileOwners, type TEmailInput, type TPhoneInput } from './customers.repository.js';
import type { TEmailBody, TPhoneBody } from './customers.schemas.js';

// Turning request contact lists into stored rows, and the cross-profile uniqueness rules (product spec 1.2).

export function validateEmails(emails: TEmailBody[]): TEmailInput[] {
  if (emails.filter((e) => e.primary === true).length > 1) {
    throw badRequest('invalid', 'at most one email address can be primary', 'emails');
  }
  const out: TEmailInput[] = [];
  emails.forEach((email, i) => {
    const parsed = normalizeEmail(email.original);
    if (!parsed) throw badRequest('invalid', 'invalid email address', `emails.${i}.original`);
    // The same address twice in one list is one address; it keeps the primary flag if either copy had it.
    const same = out.find((e) => e.normalized === parsed.normalized);
    if (same) same.primary ||= email.primary === true;
    else out.push({ ...parsed, primary: email.primary === true });
  });
  return out;
}

export function validatePhones(phones: TPhoneBody[]): TPhoneInput[] {
  if (phones.filter((p) => p.primary === true).length > 1) {
    throw badRequest('invalid', 'at most one phone number can be primary', 'phones');
  }
  const out: TPhoneInput[] = [];
  phones.forEach((phone, i) => {
    const givenRegion = phone.regionCode?.trim().toUpperCase() || undefined;
    if (givenRegion && !isKnownRegion(givenRegion)) {
      throw badRequest('invalid', 'invalid region code', `phones.${i}.regionCode`);
    }
    const parsed = parsePhone(phone.original, givenRegion);
    if (!parsed) throw badRequest('invalid', 'invalid phone number', `phones.${i}.original`);
    const type = phone.type ? phone.type : null;
    const row: TPhoneInput = {
      original: phone.original.trim(),
      normalized: parsed.normalized,
      extension: phone.extension?.trim() || parsed.extension,
      regionCode: givenRegion ?? parsed.regionCode,
      primary: phone.primary === true,
      smsPreference: phone.smsPreference ?? null,
      type,
    };
    // A mobile number listed twice would collide with itself on the unique index: keep the first copy.
    const same = out.find((p) => p.type === 'MOBILE' && type === 'MOBILE' && p.normalized === row.normalized);
    if (same) same.primary ||= row.primary;
    else out.push(row);
  });
  return out;
}

/** 409 `taken` when an email or a MOBILE number already belongs to another profile. */
export async function assertContactsFree(
  db: TExecutor,
  orgId: string,
  emails: TEmailInput[] | undefined,
  phones: TPhoneInput[] | undefined,
  customerId?: string,
): Promise<void> {
  if (emails) {
    const [owner] = await findEmailOwners(
      db,
      orgId,
      emails.map((e) => e.normalized),
      customerId,
    );
    if (owner) throw emailTaken(owner.normalized, owner.customer_id);
  }
  const mobiles = (phones ?? []).filter((p) => p.type === 'MOBILE').map((p) => p.normalized);
  const [owner] = await findMobileOwners(db, orgId, mobiles, customerId);
  if (owner) throw mobileTaken(owner.normalized, owner.customer_id);
}

/** The unique indexes decide races the checks above lost; their violation becomes the same 409. */
export function translateUniqueViolation(error: unknown): unknown {
  const violation = uniqueViolation(error);
  if (!violation) return error;
  if (violation.constraint === 'customers_pkey') return conflict('taken', 'customer ID exists', 'id');
  if (violation.constraint === 'customer_emails_normalized') {
    return conflict('taken', 'an email address already belongs to another customer profile', 'emails');
  }
  if (violation.constraint === 'customer_phones_mobile') {
    return conflict('taken', 'a mobile phone number already belongs to another customer profile', 'phones');
  }
  return error;
}

function emailTaken(normalized: string, ownerId: string): AppError {
  return conflict('taken', `email address ${normalized} already belongs to customer profile ${ownerId}`, 'emails', {
    customerId: ownerId,
  });
}

function mobileTaken(normalized: string, ownerId: string): AppError {
  return conflict(
    'taken',
    `mobile phone number ${normalized} already belongs to customer profile ${ownerId}`,
    'phones',
    { customerId: ownerId },
  );
}
