/**
 * Paces a job that many signals ask for (a NOTIFY per commit): it starts at once when its last start is at least
 * `minIntervalMs` ago, else once at the end of that interval however many times it was asked meanwhile. Under load
 * this turns a pass per commit into a pass per interval, each doing more (on a busy machine every database round
 * trip and every socket write costs more than the work it carries); when quiet, nothing waits.
 */
export class Pacer {
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Run `start` now, or once when the interval is over (later requests until then are folded into that one). */
  request(start: () => void): void {
    if (this.timer) return;
    const wait = this.lastStart + this.minIntervalMs - this.clock();
    if (wait <= 0) {
      this.lastStart = this.clock();
      start();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastStart = this.clock();
      start();
    }, wait);
    // Pacing never keeps a process alive on its own: whatever asked for the run (a socket, a listener) does.
    this.timer.unref();
  }

  /** Whether a run is waiting for its interval to end. */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
