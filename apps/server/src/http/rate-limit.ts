/**
 * Gladly's default limit: N requests per second per organization for each HTTP method, as a leaky bucket
 * (API spec 3.5). Kept in memory per process: with several nodes behind a balancer each enforces it alone,
 * which is documented in docs/ARCHITECTURE.md.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly perSecond: number) {}

  get limit(): number {
    return this.perSecond;
  }

  /** Take one request from the bucket; returns whether it was allowed and what remains this second. */
  take(key: string, nowMs: number): { allowed: boolean; remaining: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, updatedAt: nowMs };
    const refill = ((nowMs - bucket.updatedAt) / 1000) * this.perSecond;
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + refill);
    bucket.updatedAt = nowMs;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.evictIdle(nowMs);
    return { allowed, remaining: Math.floor(bucket.tokens) };
  }

  private evictIdle(nowMs: number): void {
    for (const [key, bucket] of this.buckets) if (nowMs - bucket.updatedAt > 2000) this.buckets.delete(key);
  }
}
