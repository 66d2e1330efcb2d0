/** RFC 3339 UTC with milliseconds, the shape every Gladly timestamp takes. */
export function toIso(date: Date): string {
  return date.toISOString();
}

export function toIsoOrUndefined(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/**
 * Parse any RFC 3339 timestamp, tolerating a `+hh:mm` offset whose `+` was decoded to a space in a query string
 * (API spec 3.7). Returns null when the text is not a timestamp.
 */
export function parseTimestamp(text: string): Date | null {
  const repaired = text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(repaired)) return null;
  const date = new Date(repaired);
  return Number.isNaN(date.getTime()) ? null : date;
}
