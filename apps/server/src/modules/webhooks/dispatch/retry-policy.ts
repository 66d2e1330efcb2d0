/** Gladly's schedule (product spec 14.1): after the first try fails, retries at +30 s, +5 min, +30 min and +1 h. */
export const RETRY_DELAYS_MS = [30_000, 5 * 60_000, 30 * 60_000, 60 * 60_000] as const;

/** After `attempts` failed tries: when to try again, or null when the 4th retry has failed. */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay);
}
