import { ApiError } from '../../../lib/api-client';

/** The server's messages for one field (errors[].attr, matched exactly or as a prefix like `events.2`). */
export function fieldErrors(error: unknown, attr: string): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors
    .filter((e) => e.attr === attr || (e.attr?.startsWith(`${attr}.`) ?? false))
    .map((e) => e.detail ?? e.code ?? 'invalid');
}

/** Messages not tied to one of the form's fields; shown at the top of the form. */
export function generalErrors(error: unknown, knownAttrs: readonly string[]): string[] {
  if (!error) return [];
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const general = error.errors.filter(
    (e) => !e.attr || !knownAttrs.some((attr) => e.attr === attr || e.attr?.startsWith(`${attr}.`)),
  );
  if (general.length === 0 && error.errors.length === 0) return [error.message];
  return general.map((e) => (e.attr ? `${e.attr}: ${e.detail ?? e.code ?? 'invalid'}` : (e.detail ?? e.code ?? '')));
}
