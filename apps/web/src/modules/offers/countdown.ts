/** Time left on an offer as a clock: 45 s → "0:45", 61 s → "1:01", 1 h 2 min 3 s → "1:02:03". Rounds up, so it
 *  reads "0:01" until the very end and never shows a negative time. */
export function formatCountdown(msLeft: number): string {
  const total = Number.isFinite(msLeft) ? Math.max(0, Math.ceil(msLeft / 1000)) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** Share of the offer window left, 0..1 (for the draining bar). */
export function fractionLeft(offeredAt: string, expiresAt: string, now: number): number {
  const start = Date.parse(offeredAt);
  const end = Date.parse(expiresAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return 0;
  return Math.min(1, Math.max(0, (end - now) / (end - start)));
}
