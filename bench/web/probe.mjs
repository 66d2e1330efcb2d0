// Code that runs inside Chromium. `probe` is an init script (before any of the page's own scripts): it collects
// long tasks (buffered) and, once per animation frame, notes when the first inbox row and the first / the newest
// timeline item are visible; after the first row it waits for the main thread to go idle (time to interactive).
// `scrollThrough` scrolls a timeline from newest to oldest and back, a viewport per frame.

export function probe(newestItemId) {
  const b = {
    rows: null,
    tti: null,
    firstItem: null,
    newestVisible: null,
    longTasks: [],
  };
  window.__bench = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  };
  // Time to interactive: the first idle callback after the rows that has at least 10 ms of idle time left.
  const waitIdle = () =>
    requestIdleCallback((deadline) => {
      if (deadline.timeRemaining() >= 10) b.tti = performance.now();
      else waitIdle();
    });
  const tick = () => {
    if (b.rows === null) {
      const row = document.querySelector('[data-testid=conversation-row]');
      if (row && visible(row)) {
        b.rows = performance.now();
        waitIdle();
      }
    }
    if (b.firstItem === null) {
      for (const item of document.querySelectorAll('[data-testid=timeline-item]')) {
        if (visible(item)) {
          b.firstItem = performance.now();
          break;
        }
      }
    }
    if (b.newestVisible === null && newestItemId) {
      const newest = document.querySelector(`[data-item-id="${newestItemId}"]`);
      if (newest && visible(newest)) b.newestVisible = performance.now();
    }
    // Stop as soon as what this page can show is seen, so the loop does not keep the main thread from idling.
    if (b.rows !== null || (b.firstItem !== null && b.newestVisible !== null)) return;
    if (performance.now() < 120_000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Scroll `[data-testid=timeline]` to the top a viewport per frame, waiting at the top while an older page loads,
 * then back to the bottom. Returns timings, frame intervals and the long tasks in the window.
 */
export async function scrollThrough({ expected, collect }) {
  const el = document.querySelector('[data-testid=timeline]');
  // The next frame, or 250 ms when no frame comes (a busy or throttled renderer must not hang the bench).
  const frame = () =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, 250);
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const deadline = performance.now() + 300_000;
  let timedOut = false;
  const late = () => {
    if (performance.now() < deadline) return false;
    timedOut = true;
    return true;
  };
  const seen = new Set();
  const gather = () => {
    if (!collect) return;
    for (const n of el.querySelectorAll('[data-testid=timeline-item]')) seen.add(n.getAttribute('data-item-id'));
  };
  await frame();
  const started = performance.now();
  const intervals = [];
  let counting = true;
  let last = started;
  const count = (ts) => {
    if (!counting) return;
    intervals.push(ts - last);
    last = ts;
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);

  let stalls = 0;
  let clicks = 0;
  let pagesWaitMs = 0;
  const waits = [];
  gather();
  while (!late()) {
    el.scrollTop = Math.max(0, el.scrollTop - el.clientHeight);
    await frame();
    gather();
    if (el.scrollTop > 0) continue;
    if (!collect || seen.size >= expected) break;
    // At the top with items still missing: an older page should be loading (prepended, the position kept). When
    // nothing comes within 1 s, do what a person would: press the timeline's "Load older history" button.
    const olderRow = () =>
      [...el.querySelectorAll('button')].find((n) => /load older/i.test(n.textContent ?? '')) ??
      el.querySelector('[aria-label="Loading older items"]');
    if (!olderRow()) break; // the oldest item is loaded: nothing more to come
    const height = el.scrollHeight;
    const waitStart = performance.now();
    const grew = () => el.scrollTop !== 0 || el.scrollHeight !== height;
    while (!grew() && performance.now() - waitStart < 1_000) await frame();
    if (!grew()) {
      const button = [...el.querySelectorAll('button')].find((n) => /load older/i.test(n.textContent ?? ''));
      if (button) {
        clicks++;
        button.click();
      }
      while (!grew() && performance.now() - waitStart < 15_000) await frame();
    }
    waits.push([waitStart, performance.now()]);
    pagesWaitMs += performance.now() - waitStart;
    gather();
    if (!grew()) {
      stalls++;
      break;
    }
  }
  const top = performance.now();
  while (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && !late()) {
    el.scrollTop += el.clientHeight;
    await frame();
    gather();
  }
  await frame();
  counting = false;
  const ended = performance.now();
  // Long-task entries are delivered asynchronously: give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const longTasks = window.__bench.longTasks
    .filter((t) => t.start >= started && t.start <= ended)
    .map((t) => ({
      ...t,
      whileLoadingPage: waits.some(([from, to]) => t.start >= from && t.start <= to + 100),
      onTheWayDown: t.start >= top,
    }));
  return {
    upMs: top - started,
    downMs: ended - top,
    pagesWaitMs,
    stalls,
    timedOut,
    clicks,
    pages: waits.length,
    itemsSeen: collect ? seen.size : null,
    frames: intervals.length,
    intervals,
    longTasks,
  };
}
