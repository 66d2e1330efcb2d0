// bench/web: the web app's production bundle and, in headless Chromium, the time to an interactive inbox and to a
// rendered 5,000-item timeline, and long tasks while that timeline is scrolled end to end. Baseline, in the same
// run: the same 5,000 items as one static HTML page of plain DOM (no virtualization), served from 127.0.0.1.
//
//   node bench/web/run.mjs [--runs 5] [--items 5000] [--conversations 50] [--inbox 300]
//
// 1. `npm run build -w @hearth/web`; first-screen JS = the entry script and modulepreload links of dist/index.html
//    (lazy chunks excluded), gzip level 6 as a server would send it; total JS and CSS beside it. Aim: < 300 KB.
// 2. Hearth from dist/ (the server is rebuilt first) on an embedded PostgreSQL under bench/.data/web (or
//    DATABASE_URL); an org with an admin, an inbox of --inbox new conversations and a customer with --items items
//    in --conversations conversations, inserted with SQL (bench/web/seed.mjs).
// 3. Each run is a fresh browser context (empty HTTP cache, the admin's session cookie), 1440×900, no throttling:
//    inbox: navigation start → first [data-testid=conversation-row] visible (at a frame), and TTI = the first
//      requestIdleCallback after it with ≥ 10 ms idle time;
//    timeline: navigation start → first [data-testid=timeline-item] visible, and → the newest item visible; then
//      the scroller is scrolled a viewport per frame to the oldest item (older pages load on the way) and back,
//      while a buffered PerformanceObserver collects long tasks (> 50 ms). Aim: none during the scroll.
// Prints a table and writes bench/results/web.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { freePort, hearth, hearthBin, openBenchDatabase, root } from '../lib/hearth.mjs';
import { formatRow, startProcess, stopProcess } from '../lib/measure.mjs';
import { baselineHtml, fetchWholeTimeline, serveBaseline } from './baseline.mjs';
import { probe, scrollThrough } from './probe.mjs';
import { INBOX_ID, seedWebBench, TIMELINE_CUSTOMER_ID, timelineItemId } from './seed.mjs';

const { values: args } = parseArgs({
  strict: false,
  options: {
    runs: { type: 'string', default: '5' },
    items: { type: 'string', default: '5000' },
    conversations: { type: 'string', default: '50' },
    inbox: { type: 'string', default: '300' },
  },
});
const RUNS = Number(args.runs);
const ITEMS = Number(args.items);
const CONVERSATIONS = Number(args.conversations);
const INBOX_CONVERSATIONS = Number(args.inbox);
const ORG = 'webbench';
const ADMIN_EMAIL = 'admin@webbench.example.com';
const PASSWORD = 'web bench password 1';
const CHROMIUM = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';
const WEB_DIST = path.join(root, 'apps/web/dist');
const AIM_FIRST_SCREEN_KB = 300;
const LONG_TASK_AIM_MS = 50;

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const gz = (file) => gzipSync(readFileSync(file), { level: 6 }).length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const max = (xs) => (xs.length ? Math.max(...xs) : null);
const round = (x, digits = 0) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b, 2));

/** Sizes of the production bundle: what index.html loads up front versus everything in dist/assets. */
function bundleSizes() {
  const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  const refs = (re) => [...html.matchAll(re)].map((m) => m[1]);
  const firstJs = [
    ...new Set([
      ...refs(/<script[^>]*type="module"[^>]*src="([^"]+\.js)"/g),
      ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
    ]),
  ];
  const firstCss = [...new Set(refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g))];
  const file = (ref) => path.join(WEB_DIST, ref.replace(/^\//, ''));
  const assets = readdirSync(path.join(WEB_DIST, 'assets')).map((f) => path.join(WEB_DIST, 'assets', f));
  const sum = (files, fn) => files.reduce((total, f) => total + fn(f), 0);
  const raw = (f) => readFileSync(f).length;
  const allJs = assets.filter((f) => f.endsWith('.js'));
  const allCss = assets.filter((f) => f.endsWith('.css'));
  return {
    firstScreenFiles: [...firstJs, ...firstCss].map((r) => path.basename(r)),
    firstJsGzipKb: kb(sum(firstJs.map(file), gz)),
    firstJsRawKb: kb(sum(firstJs.map(file), raw)),
    firstCssGzipKb: kb(sum(firstCss.map(file), gz)),
    jsChunks: allJs.length,
    totalJsGzipKb: kb(sum(allJs, gz)),
    totalJsRawKb: kb(sum(allJs, raw)),
    totalCssGzipKb: kb(sum(allCss, gz)),
  };
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--host-resolver-rules=MAP *.localhost 127.0.0.1',
];

async function newPage(browser, storageState, newestItemId) {
  const context = await browser.newContext({ storageState, viewport: { width: 1440, height: 900 } });
  await context.addInitScript(probe, newestItemId ?? null);
  const page = await context.newPage();
  return { context, page };
}

const readProbe = (page) => page.evaluate(() => window.__bench);
const longTasksBefore = (b, until) => b.longTasks.filter((t) => t.start <= until);

async function measureInbox(browser, storageState, baseUrl) {
  const { context, page } = await newPage(browser, storageState);
  try {
    await page.goto(`${baseUrl}/inbox/${INBOX_ID}/new`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.tti != null, null, { timeout: 60_000, polling: 100 });
    const b = await readProbe(page);
    const rows = await page.locator('[data-testid=conversation-row]').count();
    const tasks = longTasksBefore(b, b.tti);
    return {
      rowsMs: round(b.rows),
      ttiMs: round(b.tti),
      rowsRendered: rows,
      loadLongTasks: tasks.length,
      loadLongTaskMaxMs: round(max(tasks.map((t) => t.duration)) ?? 0),
    };
  } finally {
    await context.close();
  }
}

async function measureTimeline(browser, storageState, url, { collect, expected }) {
  const newest = timelineItemId(ITEMS - 1);
  const { context, page } = await newPage(browser, storageState, newest);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page
      .waitForFunction(() => window.__bench?.firstItem != null && window.__bench?.newestVisible != null, null, {
        timeout: 60_000,
        polling: 100,
      })
      .catch(async (error) => {
        const state = await page.evaluate(() => ({
          bench: { ...window.__bench, longTasks: window.__bench?.longTasks.length },
          items: [...document.querySelectorAll('[data-testid=timeline-item]')].map((n) => {
            const r = n.getBoundingClientRect();
            return `${n.getAttribute('data-item-id')}@${Math.round(r.top)}..${Math.round(r.bottom)}`;
          }),
          text: document.body.innerText.slice(0, 300),
        }));
        throw new Error(`${url}: the timeline did not open at its newest item: ${JSON.stringify(state)}`, {
          cause: error,
        });
      });
    const b = await readProbe(page);
    const loadTasks = longTasksBefore(b, b.newestVisible);
    const domItems = await page.locator('[data-testid=timeline-item]').count();
    // Let the first screen settle (fonts, measurement, the realtime socket) before scrolling.
    await page.waitForTimeout(500);
    const s = await page.evaluate(scrollThrough, { expected, collect });
    const intervals = [...s.intervals].sort((x, y) => x - y);
    return {
      firstItemMs: round(b.firstItem),
      newestVisibleMs: round(b.newestVisible),
      loadLongTasks: loadTasks.length,
      loadLongTaskMaxMs: round(max(loadTasks.map((t) => t.duration)) ?? 0),
      itemsInDom: domItems,
      scrollUpMs: round(s.upMs),
      scrollDownMs: round(s.downMs),
      pagesWaitMs: round(s.pagesWaitMs),
      stalls: s.stalls,
      timedOut: s.timedOut,
      itemsSeen: s.itemsSeen,
      frames: s.frames,
      frameP95Ms: round(intervals[Math.floor(intervals.length * 0.95)] ?? 0, 1),
      frameMaxMs: round(intervals.at(-1) ?? 0, 1),
      olderPages: s.pages,
      loadOlderClicks: s.clicks,
      longTasks: s.longTasks.length,
      longTasksWhileLoadingPage: s.longTasks.filter((t) => t.whileLoadingPage).length,
      longTasksDown: s.longTasks.filter((t) => t.onTheWayDown).length,
      longTaskMaxDownMs: round(max(s.longTasks.filter((t) => t.onTheWayDown).map((t) => t.duration)) ?? 0),
      longTaskMaxMs: round(max(s.longTasks.map((t) => t.duration)) ?? 0),
      longTaskTotalMs: round(s.longTasks.reduce((total, t) => total + t.duration, 0)),
    };
  } finally {
    await context.close();
  }
}

function summarize(runs, key) {
  const xs = runs.map((r) => r[key]).filter((x) => x !== null && x !== undefined);
  return { median: round(median(xs), 1), max: round(max(xs), 1) };
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`bench/web: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  // The server from dist/ (incremental), then the web app's production build, which is what is measured.
  execFileSync('npx', ['tsc', '-b', 'apps/server'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('npm', ['run', 'build', '-w', '@hearth/web', '--', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const bundle = bundleSizes();

  const database = await openBenchDatabase('web');
  let server;
  let baseline;
  let browser;
  let db;
  let stopping = false;
  try {
    const env = { DATABASE_URL: database.url, HEARTH_DATA_DIR: path.join(root, 'bench/.data/web') };
    hearth(['migrate'], env);
    db = new pg.Client({ connectionString: database.url });
    db.on('error', () => {});
    await db.connect();
    if ((await db.query('SELECT 1 FROM orgs WHERE slug = $1', [ORG])).rowCount === 0) {
      hearth(['org', 'create', '--slug', ORG, '--name', 'Web bench'], env);
      hearth(
        ['user', 'create', '--org', ORG, '--email', ADMIN_EMAIL, '--name', 'Bench Admin'].concat([
          '--roles',
          'ADMINISTRATOR,AGENT',
          '--password',
          PASSWORD,
        ]),
        env,
      );
    }
    const orgId = (await db.query('SELECT id FROM orgs WHERE slug = $1', [ORG])).rows[0].id;
    const adminId = (await db.query('SELECT id FROM users WHERE org_id = $1 AND email = $2', [orgId, ADMIN_EMAIL]))
      .rows[0].id;
    const seeded = await seedWebBench(db, {
      orgId,
      adminId,
      items: ITEMS,
      conversations: CONVERSATIONS,
      inboxConversations: INBOX_CONVERSATIONS,
    });
    await db.end();
    db = undefined;

    const port = await freePort();
    ({ child: server } = await startProcess(process.execPath, [hearthBin, 'start'], {
      cwd: root,
      env: {
        ...env,
        HEARTH_PORT: String(port),
        HEARTH_LOG_LEVEL: 'warn',
        HEARTH_DEMO: 'false',
        HEARTH_SMTP_PORT: '0',
        HEARTH_API_RATE_LIMIT_PER_SECOND: '1000000000',
      },
      ready: /Hearth is running/,
    }));
    server.once('exit', (code, signal) => {
      if (!stopping) process.stderr.write(`bench/web: Hearth exited during the run (code ${code}, signal ${signal})\n`);
    });
    const baseUrl = `http://${ORG}.hearth.localhost:${port}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
    // Log in once; every measured run starts from a fresh context that carries only the session cookie.
    const login = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const loginPage = await login.newPage();
    await loginPage.goto(`${baseUrl}/login`);
    await loginPage
      .locator('#email')
      .waitFor({ timeout: 30_000 })
      .catch(async (error) => {
        const text = await loginPage.evaluate(() => document.documentElement.outerHTML.slice(0, 800));
        throw new Error(`no login form at ${loginPage.url()}: ${text}`, { cause: error });
      });
    await loginPage.locator('#email').fill(ADMIN_EMAIL);
    await loginPage.locator('#password').fill(PASSWORD);
    await loginPage.locator('button[type=submit]').click();
    await loginPage.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    const storageState = await login.storageState();
    await login.close();
    const session = storageState.cookies.find((c) => c.name === 'hearth_session');
    if (!session) throw new Error('no hearth_session cookie after logging in');

    const timeline = await fetchWholeTimeline(
      `http://127.0.0.1:${port}`,
      `${ORG}.hearth.localhost:${port}`,
      TIMELINE_CUSTOMER_ID,
      `hearth_session=${session.value}`,
    );
    if (timeline.items.length !== ITEMS) throw new Error(`the timeline API returned ${timeline.items.length} items`);
    baseline = await serveBaseline(baselineHtml(timeline));

    const inboxRuns = [];
    const hearthRuns = [];
    const baselineRuns = [];
    // A warm-up of each page (server caches, the JIT), not counted.
    await measureInbox(browser, storageState, baseUrl);
    for (let run = 0; run < RUNS; run++) {
      const t0 = Date.now();
      const phase = (name) => process.stderr.write(`bench/web: run ${run + 1}: ${name} (${Date.now() - t0} ms)\n`);
      inboxRuns.push(await measureInbox(browser, storageState, baseUrl));
      phase('inbox measured');
      hearthRuns.push(
        await measureTimeline(browser, storageState, `${baseUrl}/customers/${TIMELINE_CUSTOMER_ID}`, {
          collect: true,
          expected: ITEMS,
        }),
      );
      phase('Hearth timeline measured');
      baselineRuns.push(await measureTimeline(browser, undefined, baseline.url, { collect: false, expected: ITEMS }));
      process.stderr.write(`bench/web: run ${run + 1}/${RUNS} done\n`);
    }

    // ---- report ----
    console.log(
      `\nbench/web: production bundle (gzip level 6); aim: first-screen JS < ${AIM_FIRST_SCREEN_KB} KB gzipped\n`,
    );
    const bw = [34, 12, 12];
    console.log(formatRow(['', 'gzip KB', 'raw KB'], bw));
    console.log(formatRow(['first-screen JS (entry + preloads)', bundle.firstJsGzipKb, bundle.firstJsRawKb], bw));
    console.log(formatRow(['first-screen CSS', bundle.firstCssGzipKb, ''], bw));
    console.log(formatRow([`all JS (${bundle.jsChunks} chunks)`, bundle.totalJsGzipKb, bundle.totalJsRawKb], bw));
    console.log(formatRow(['all CSS', bundle.totalCssGzipKb, ''], bw));
    console.log(
      `first screen: ${bundle.firstScreenFiles.join(', ')} — ${bundle.firstJsGzipKb <= AIM_FIRST_SCREEN_KB ? 'within' : 'OVER'} the ${AIM_FIRST_SCREEN_KB} KB aim (${ratio(bundle.firstJsGzipKb, AIM_FIRST_SCREEN_KB)} of it)`,
    );

    console.log(
      `\nbench/web: headless Chromium 1440×900, cold cache per run, no throttling; ${RUNS} runs, median / max; ` +
        `inbox of ${INBOX_CONVERSATIONS} new conversations (50 per page); timeline of ${ITEMS.toLocaleString('en-US')} items in ${CONVERSATIONS} conversations${seeded ? ' (seeded this run)' : ''}\n`,
    );
    const w = [40, 20, 20, 10];
    const mm = (runs, key, unit = '') => {
      const s = summarize(runs, key);
      return `${s.median}${unit} / ${s.max}${unit}`;
    };
    const rat = (key) => ratio(summarize(hearthRuns, key).median, summarize(baselineRuns, key).median);
    console.log(formatRow(['inbox', 'Hearth', '', ''], w));
    console.log(formatRow(['  navigation → rows visible', mm(inboxRuns, 'rowsMs', ' ms'), '', ''], w));
    console.log(formatRow(['  navigation → interactive (TTI)', mm(inboxRuns, 'ttiMs', ' ms'), '', ''], w));
    console.log(formatRow(['  long tasks before TTI (count)', mm(inboxRuns, 'loadLongTasks'), '', ''], w));
    console.log(formatRow(['  longest of them', mm(inboxRuns, 'loadLongTaskMaxMs', ' ms'), '', ''], w));
    console.log(formatRow(['timeline', 'Hearth', 'baseline (plain DOM)', 'ratio'], w));
    const line = (label, key, unit = '') =>
      console.log(formatRow([`  ${label}`, mm(hearthRuns, key, unit), mm(baselineRuns, key, unit), rat(key)], w));
    line('navigation → first item visible', 'firstItemMs', ' ms');
    line('navigation → newest item visible', 'newestVisibleMs', ' ms');
    line('long tasks while loading (count)', 'loadLongTasks');
    line('longest of them', 'loadLongTaskMaxMs', ' ms');
    line('timeline items in the DOM at open', 'itemsInDom');
    line('scroll newest → oldest', 'scrollUpMs', ' ms');
    line('  of which waiting for older pages', 'pagesWaitMs', ' ms');
    line('scroll oldest → newest', 'scrollDownMs', ' ms');
    line('frames during the scroll', 'frames');
    line('frame interval p95', 'frameP95Ms', ' ms');
    line('frame interval max', 'frameMaxMs', ' ms');
    line(`long tasks during scroll (> ${LONG_TASK_AIM_MS} ms)`, 'longTasks');
    line('longest long task during scroll', 'longTaskMaxMs', ' ms');
    line('  of them while an older page arrived', 'longTasksWhileLoadingPage');
    line('  of them oldest → newest (all loaded)', 'longTasksDown');
    line('  longest oldest → newest', 'longTaskMaxDownMs', ' ms');
    line('long task time during scroll', 'longTaskTotalMs', ' ms');
    const seen = hearthRuns.map((r) => r.itemsSeen);
    console.log(
      `\nHearth timeline, per scroll: stops at the top waiting for an older page: ${hearthRuns.map((r) => r.olderPages).join(', ')}; ` +
        `of them resumed only by pressing "Load older history" (no automatic load within 1 s): ${hearthRuns.map((r) => r.loadOlderClicks).join(', ')}`,
    );
    const stalls = hearthRuns.reduce((total, r) => total + r.stalls, 0);
    const timeouts = [...hearthRuns, ...baselineRuns].filter((r) => r.timedOut).length;
    if (timeouts) console.log(`${timeouts} scroll(s) gave up after 300 s: their figures cover part of the timeline`);
    console.log(
      `Hearth timeline: items rendered at least once per scroll: ${seen.join(', ')} of ${ITEMS}` +
        (stalls ? `; ${stalls} scroll(s) stopped at the top with older pages never arriving` : ''),
    );
    const scrollTasks = hearthRuns.reduce((total, r) => total + r.longTasks, 0);
    console.log(
      `aim "no long task over ${LONG_TASK_AIM_MS} ms while scrolling": ${scrollTasks === 0 ? 'met' : `NOT met (${scrollTasks} long tasks over ${RUNS} runs)`}`,
    );

    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    const out = {
      date: new Date().toISOString(),
      runs: RUNS,
      items: ITEMS,
      conversations: CONVERSATIONS,
      inboxConversations: INBOX_CONVERSATIONS,
      bundle,
      inbox: inboxRuns,
      timeline: { hearth: hearthRuns, baseline: baselineRuns },
    };
    writeFileSync(path.join(root, 'bench/results/web.json'), `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await db?.end().catch(() => {});
    await browser?.close();
    baseline?.server.close();
    stopping = true;
    if (server) await stopProcess(server);
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error ?? 'bench failed');
  process.exit(1);
});
