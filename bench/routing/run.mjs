// bench/routing: the pure routing engine (apps/server/src/modules/routing/engine) on a large org: 1,000 agents and
// 10,000 queued conversations in 20 inboxes, with People Match boosts. A realistic loop: decide(snapshot, now), apply
// the decisions to the in-memory snapshot (agents accept 80 % of offers, decline 15 %, let 5 % expire; accepted
// messaging becomes a session the customer later leaves silent), let customers end some sessions, let new
// conversations arrive as fast as others are routed (the queue stays at 10,000; --drain lets it shrink instead), then
// advance the clock by one second. Items and agents are values: a decline replaces the item by a new object, a
// changed agent is a new object (copy on write), as the service's snapshots are (engine/README.md).
//
//   node bench/routing/run.mjs [--agents 1000] [--items 10000] [--steps 300] [--warmup 20] [--seed 7] [--drain]
//                              [--verify] [--no-save] [--ab DIR [--rounds 6]]
//
// One engine (createRoutingEngine, as the service keeps one per org) serves the whole loop. Its first decide on the
// full queue builds its item index (`first`); the next decides of the warm-up still pay for that index moving to the
// heap's old generation and for the JIT (`warm-up max`); p50, p99 and max are over the --steps measured decides after
// the warm-up, the engine's steady state in a running service. Every decide() call is timed.
//
// --verify also runs the reference algorithm (engine/decide-reference.ts: the original decide, every eligible pair
// materialised and sorted) on every snapshot of the engine's loop, warm-up included, fails if any decision list
// differs from the engine's (same decisions, same order), and prints its timings as a `reference` row. Slow: the
// reference takes seconds per decide at full size (use --steps 60).
//
// --ab DIR compares another copy of the engine's sources (A, e.g. the engine before a change; DIR is the engine folder
// or the root of a copy of the work tree) with the current one (B) in one process: rounds of the same loop alternate between them, so a busy machine weighs on both alike. The
// `fastest` rows take, for each step, the fastest of the rounds (an estimate of a quiet machine). No results file.
// A full garbage collection runs between phases (after the bare loop, before each A/B round), never inside one.
// --no-save leaves bench/results/routing.json as it is.
//
// With DATABASE_URL set, a second phase (service.mjs) measures the service itself on a throw-away database of the
// same size: snapshot load, a cold run (load + decide + apply every offer), and an idle wake-up run.
//
// Baseline: the same loop with a bare matcher (oldest item first to the first free eligible agent, no scoring, no
// sort over pairs) — the least work any engine must do for the same eligibility rules. The ratio is engine
// decisions/s over bare decisions/s; the previous run (bench/results/routing.json) is shown beside it.
// Times are wall-clock per decide() call; the process's CPU time per call (process.cpuUsage, which includes GC
// threads) is printed too, since it moves less than wall time on a shared, busy machine. The engine is
// bundled from its TypeScript sources with esbuild, so the figures are for the code as it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { root } from '../lib/hearth.mjs';
import { formatRow } from '../lib/measure.mjs';

const { values: args } = parseArgs({
  strict: false,
  options: {
    agents: { type: 'string', default: '1000' },
    items: { type: 'string', default: '10000' },
    steps: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    verify: { type: 'boolean', default: false },
    drain: { type: 'boolean', default: false },
    ab: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '6' },
  },
});
const AGENTS = Number(args.agents);
const ITEMS = Number(args.items);
const STEPS = Number(args.steps);
const WARMUP = Number(args.warmup);
const INBOXES = 20;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');

async function loadEngine(engineDir = path.join(root, 'apps/server/src/modules/routing/engine'), name = 'engine') {
  const outfile = path.join(root, `bench/.data/routing/${name}.mjs`);
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    stdin: {
      contents: `export { decide, createRoutingEngine } from './decide.ts'; export { decideReference } from './decide-reference.ts'; export { isRoutableAgent, capacitySlot, pairAllowed } from './eligibility.ts'; export { inboxConfig, offerTimeoutMs } from './config.ts'; export { CHANNEL_GROUP } from './routing-types.ts';`,
      resolveDir: path.resolve(engineDir),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
  });
  return import(`${outfile}?t=${Date.now()}`);
}

/** A full garbage collection (between phases, never inside a measured loop). */
function fullGc() {
  setFlagsFromString('--expose-gc');
  runInNewContext('gc')();
}

/** Deterministic pseudo-random numbers (mulberry32), so every run routes the same world. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MESSAGING = ['CHAT', 'SMS', 'WHATSAPP', 'FB_MESSENGER'];
const SKILLS = ['billing', 'returns', 'spanish', 'french', 'vip', 'tech'];

function makeWorld(seed) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const inboxIds = Array.from({ length: INBOXES }, (_, i) => `inbox-${String(i).padStart(2, '0')}`);
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const inboxes = new Set([pick(inboxIds), pick(inboxIds), pick(inboxIds)]);
    const availableFor = ['MESSAGING'];
    if (random() < 0.6) availableFor.push('MAIL', 'TASK');
    if (random() < 0.1) availableFor.push('VOICE');
    return {
      id: `agent-${String(i).padStart(5, '0')}`,
      loggedIn: true,
      status: 'ACTIVE',
      availableFor,
      inboxIds: [...inboxes],
      skills: SKILLS.filter(() => random() < 0.3),
      load: { voice: 0, messaging: 0, mail: 0, tasks: 0 },
      pendingOffer: null,
      messagingCapacity: { standard: 3, maximum: 5 },
      focusMode: false,
      nextRequests: 0,
      mailTaskAutoPushPending: true,
      lastOfferedAt: null,
      lastAssignedAt: null,
      lastMessagingAssignedAt: null,
    };
  });
  let itemCount = 0;
  const newItem = (enqueuedAt) => {
    const r = random();
    const channel = r < 0.6 ? pick(MESSAGING) : r < 0.95 ? 'EMAIL' : 'PHONE_CALL';
    return {
      id: `conv-${String(itemCount++).padStart(6, '0')}`,
      kind: 'CONVERSATION',
      inboxId: pick(inboxIds),
      channel,
      customerAttributes: { tier: pick(['gold', 'silver', 'bronze']), spend: Math.floor(random() * 5000) },
      topicIds: random() < 0.5 ? [pick(['t-billing', 't-returns', 't-shipping'])] : [],
      dueAt: enqueuedAt + pick([15, 60, 240, 1440]) * 60_000,
      enqueuedAt,
      transferred: random() < 0.05,
      declinedBy: [],
      missedBy: [],
    };
  };
  const items = Array.from({ length: ITEMS }, () => newItem(T0 - Math.floor(random() * 4 * 3600_000)));
  const boosts = [
    {
      id: 'b-vip',
      points: 10,
      conditions: [
        { kind: 'SKILLS', match: 'ALL', skills: ['vip'] },
        { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ONLY', values: ['gold'] },
      ],
    },
    {
      id: 'b-spanish',
      points: 5,
      conditions: [
        { kind: 'SKILLS', match: 'ANY', skills: ['spanish'] },
        { kind: 'CHANNEL', channels: ['WHATSAPP'] },
      ],
    },
    {
      id: 'b-billing',
      points: 3,
      conditions: [
        { kind: 'SKILLS', match: 'ANY', skills: ['billing'] },
        { kind: 'TOPICS', match: 'ANY', topicIds: ['t-billing'] },
      ],
    },
    { id: 'b-overdue', points: 3, conditions: [{ kind: 'DUE', op: 'OVERDUE', seconds: 0 }] },
    { id: 'b-wait', points: 1, conditions: [{ kind: 'WAIT_TIME', op: 'LONGER_THAN', seconds: 3600 }] },
    {
      id: 'b-big',
      points: 5,
      conditions: [{ kind: 'NUMBER_ATTRIBUTE', key: 'spend', negate: false, comparator: 'GT', value: 4000 }],
    },
    { id: 'b-rematch', points: 1, conditions: [{ kind: 'TRANSFER_STATUS', status: 'REMATCHING' }] },
    {
      id: 'b-tech',
      points: 3,
      conditions: [
        { kind: 'SKILLS', match: 'ANY', skills: ['tech'] },
        { kind: 'INBOX', op: 'INCLUDES', inboxIds: inboxIds.slice(0, 5) },
      ],
    },
  ];
  const config = {
    defaults: {
      offerTimeoutSeconds: { VOICE: 45, MESSAGING: 45, MAIL: 45, TASK: 45 },
      messagingAutoAssign: false,
      nextMessageDelaySeconds: 10,
      declineGraceSeconds: 30,
      messagingAutoEndSeconds: 900,
    },
    inboxes: Object.fromEntries(inboxIds.slice(0, 4).map((id) => [id, { messagingAutoAssign: true }])),
  };
  return { agents, items, sessions: [], boosts, config, random, newItem };
}

/** The bare matcher: oldest item first, to the first free eligible agent of its inbox (same eligibility rules). */
function bareDecide(engine, snapshot, now) {
  const decisions = [];
  const usedAgents = new Set();
  const byInbox = new Map();
  for (const agent of snapshot.agents) {
    if (!engine.isRoutableAgent(agent)) continue;
    for (const inboxId of agent.inboxIds) {
      if (!byInbox.has(inboxId)) byInbox.set(inboxId, []);
      byInbox.get(inboxId).push(agent);
    }
  }
  const offered = new Set(snapshot.agents.filter((a) => a.pendingOffer).map((a) => a.pendingOffer.itemId));
  for (const item of snapshot.items) {
    if (offered.has(item.id)) continue;
    const config = engine.inboxConfig(snapshot.config, item.inboxId);
    const group = engine.CHANNEL_GROUP[item.channel];
    for (const agent of byInbox.get(item.inboxId) ?? []) {
      if (usedAgents.has(agent.id) || !engine.pairAllowed(item, agent, now, config)) continue;
      const slot = engine.capacitySlot(agent, group, now, config.nextMessageDelaySeconds * 1000);
      if (!slot) continue;
      usedAgents.add(agent.id);
      decisions.push({
        type: 'OFFER',
        itemId: item.id,
        agentId: agent.id,
        group,
        expiresAt: now + engine.offerTimeoutMs(snapshot.config, item.inboxId, group),
        declinable: group !== 'MAIL',
        viaNext: slot.viaNext,
        consumesAutoPush: slot.consumesAutoPush,
        points: 0,
        matchReasons: [],
      });
      break;
    }
  }
  return decisions;
}

const LOAD_KEY = { VOICE: 'voice', MESSAGING: 'messaging', MAIL: 'mail', TASK: 'tasks' };

/** Apply decisions and the agents' and customers' reactions to the in-memory world, as the service would. */
function applyToWorld(world, decisions, now) {
  const agentsById = new Map(world.agents.map((a) => [a.id, a]));
  const itemsById = new Map(world.items.map((i) => [i.id, i]));
  const removed = new Set();
  // Items and agents are values (engine/README.md): a decline or miss replaces the item by a new object with the same
  // id, and an agent whose state changes is replaced by a new object (copied once per step) with the same id.
  world.items = [...world.items]; // the engine may still hold the last snapshot's array: never change it in place
  world.agents = [...world.agents];
  const positions = new Map(world.items.map((i, k) => [i.id, k]));
  const agentPositions = new Map(world.agents.map((a, k) => [a.id, k]));
  const copied = new Set();
  /** The agent's object of this step, safe to change: a copy of the last snapshot's. */
  const edit = (agentId) => {
    const agent = agentsById.get(agentId);
    if (copied.has(agent)) return agent;
    const copy = { ...agent, load: { ...agent.load } };
    copied.add(copy);
    agentsById.set(agentId, copy);
    world.agents[agentPositions.get(agentId)] = copy;
    return copy;
  };
  const reject = (itemId, field, agentId) => {
    const k = positions.get(itemId);
    if (k === undefined) return;
    const old = world.items[k];
    const updated = { ...old, [field]: [...old[field], { agentId, at: now }] };
    world.items[k] = updated;
    itemsById.set(itemId, updated);
  };
  const assign = (agent, item, group) => {
    removed.add(item.id);
    agent.load[LOAD_KEY[group]] += 1;
    agent.lastAssignedAt = now;
    if (group === 'MESSAGING') {
      agent.lastMessagingAssignedAt = now;
      world.sessions.push({
        conversationId: item.id,
        agentId: agent.id,
        awaitingCustomerSince: null,
        inboxId: item.inboxId,
      });
    }
  };
  for (const d of decisions) {
    if (d.type === 'EXPIRE_OFFER') {
      reject(d.itemId, 'missedBy', d.agentId);
      edit(d.agentId).pendingOffer = null;
    } else if (d.type === 'END_SESSION') {
      world.sessions = world.sessions.filter((s) => s.conversationId !== d.conversationId);
      const agent = edit(d.agentId);
      agent.load.messaging = Math.max(0, agent.load.messaging - 1);
    } else {
      const agent = edit(d.agentId);
      const item = itemsById.get(d.itemId);
      if (d.viaNext) agent.nextRequests -= 1;
      if (d.consumesAutoPush) agent.mailTaskAutoPushPending = false;
      agent.lastOfferedAt = now;
      if (d.type === 'ASSIGN') assign(agent, item, d.group);
      else
        agent.pendingOffer = {
          offerId: `o-${d.itemId}-${now}`,
          itemId: d.itemId,
          offeredAt: now,
          expiresAt: d.expiresAt,
          group: d.group,
        };
    }
  }
  // Agents answer the offers they hold: accept 80 %, decline 15 %, let 5 % run out.
  for (const current of world.agents) {
    const offer = current.pendingOffer;
    if (!offer || offer.offeredAt === now) continue;
    const r = world.random();
    const item = itemsById.get(offer.itemId);
    if (r < 0.8) {
      const agent = edit(current.id);
      assign(agent, item, offer.group);
      agent.pendingOffer = null;
    } else if (r < 0.95) {
      reject(item.id, 'declinedBy', current.id);
      edit(current.id).pendingOffer = null;
    }
  }
  // Customers: some sessions go quiet (the agent spoke last), a few end by themselves; mail agents click Next.
  for (const session of world.sessions) {
    if (session.awaitingCustomerSince === null && world.random() < 0.05) session.awaitingCustomerSince = now;
  }
  const ending = new Set(world.sessions.filter(() => world.random() < 0.02).map((s) => s.conversationId));
  for (const session of world.sessions) {
    if (ending.has(session.conversationId)) {
      const agent = edit(session.agentId);
      agent.load.messaging = Math.max(0, agent.load.messaging - 1);
    }
  }
  world.sessions = world.sessions.filter((s) => !ending.has(s.conversationId));
  for (const current of world.agents) {
    if (current.availableFor.includes('MAIL') && world.random() < 0.02) edit(current.id).nextRequests += 1;
    if (current.load.voice > 0 && world.random() < 0.1) edit(current.id).load.voice -= 1;
  }
  world.items = world.items.filter((i) => !removed.has(i.id));
  // New conversations arrive as fast as others are routed: the queue stays at its size (unless --drain).
  if (!args.drain) while (world.items.length < ITEMS) world.items.push(world.newItem(now));
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

function summarize(times, decisions, offers, itemsLeft, cpuTimes = null) {
  const totalMs = times.reduce((a, b) => a + b, 0);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    decides: times.length,
    decisions,
    offersAndAssigns: offers,
    itemsLeft,
    decisionsPerSec: Math.round(decisions / (totalMs / 1000)),
    decidesPerSec: Number((times.length / (totalMs / 1000)).toFixed(1)),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    maxMs: Number(sorted[sorted.length - 1].toFixed(2)),
    firstMs: Number(times[0].toFixed(2)),
    ...(cpuTimes ? cpuSummary(cpuTimes) : {}),
  };
}

function cpuSummary(cpuTimes) {
  const sorted = [...cpuTimes].sort((a, b) => a - b);
  return {
    cpuP50Ms: Number(percentile(sorted, 50).toFixed(2)),
    cpuP99Ms: Number(percentile(sorted, 99).toFixed(2)),
    cpuTotalMs: Number(cpuTimes.reduce((a, b) => a + b, 0).toFixed(1)),
  };
}

// With `check`, every snapshot is also handed to check(snapshot, now, out) before the decisions are applied; it
// returns the reference's time for that snapshot, summarised as a second result.
function runLoop(decideFn, seed, steps = STEPS, check = null, warmup = WARMUP) {
  const world = makeWorld(seed);
  const times = [];
  const cpuTimes = [];
  const checkTimes = [];
  const warmupTimes = [];
  let decisions = 0;
  let offers = 0;
  let now = T0;
  for (let step = 0; step < warmup + steps; step++) {
    const snapshot = {
      agents: world.agents,
      items: world.items,
      sessions: world.sessions,
      boosts: world.boosts,
      config: world.config,
    };
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    const out = decideFn(snapshot, now);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuStarted);
    if (check) checkTimes.push(check(snapshot, now, out, step));
    if (step < warmup) {
      warmupTimes.push(ms);
    } else {
      times.push(ms);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      decisions += out.length;
      offers += out.filter((d) => d.type === 'OFFER' || d.type === 'ASSIGN').length;
    }
    applyToWorld(world, out, now);
    now += 1000;
  }
  const result = summarize(times, decisions, offers, world.items.length, cpuTimes);
  // The start: the first decide of a fresh engine on the full queue (it builds its item index), and the slowest
  // decide of the warm-up that follows (the index settling into the old generation of the heap, the JIT).
  result.firstMs = Number((warmupTimes[0] ?? times[0]).toFixed(2));
  result.warmupMaxMs = Number(Math.max(...warmupTimes, 0).toFixed(2));
  if (check) result.checked = summarize(checkTimes.slice(warmup), decisions, offers, world.items.length);
  Object.defineProperty(result, 'times', { value: { wall: times, cpu: cpuTimes }, enumerable: false });
  return result;
}

/** --verify: the reference decides the same snapshot; any difference in the decision lists stops the bench. */
function verifier(engine) {
  return (snapshot, now, out, step) => {
    const started = process.hrtime.bigint();
    const expected = engine.decideReference(snapshot, now);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!isDeepStrictEqual(out, expected)) {
      const at = out.findIndex((d, i) => !isDeepStrictEqual(d, expected[i]));
      console.error(`--verify: step ${step}: engine and reference differ at decision ${at}`);
      console.error({
        engine: out[at],
        reference: expected[at],
        engineCount: out.length,
        referenceCount: expected.length,
      });
      process.exit(1);
    }
    return ms;
  };
}

/**
 * --ab DIR: A/B in one process. DIR is another copy of the engine's sources (e.g. the engine before a change); both
 * are bundled, and rounds of the same loop (fresh engine, same seed) alternate between them (A B, then B A, ...), so
 * a busy machine weighs on both alike. Prints p50/p99 per round and over all rounds; writes no results file.
 */
async function abMain() {
  const inTree = path.join(args.ab, 'apps/server/src/modules/routing/engine');
  const a = await loadEngine(existsSync(inTree) ? inTree : args.ab, 'engine-ab');
  const b = await loadEngine();
  const seed = Number(args.seed);
  const engines = [
    ['A (--ab)', a],
    ['B (current)', b],
  ];
  for (const [, engine] of engines) {
    const warm = engine.createRoutingEngine();
    runLoop((s, now) => warm.decide(s, now), seed + 1, 3, null, 0);
  }
  const pooled = engines.map(() => ({ wall: [], cpu: [] }));
  // Every round replays the same world, so the fastest of the rounds for each step is that step's time with the
  // least interference from other processes: its percentiles estimate a quiet machine's.
  const fastest = engines.map(() => []);
  const widths = [14, 7, 10, 12, 10, 10, 10, 10, 10, 10];
  console.log(
    `\nA/B: A = ${args.ab}, B = the current engine; ${args.rounds} rounds of ${WARMUP} warm-up + ${STEPS} measured decides each\n`,
  );
  console.log(
    formatRow(
      ['engine', 'round', 'decisions', 'decisions/s', 'p50', 'p90', 'p99', 'max', 'cpu p50', 'cpu p99'],
      widths,
    ),
  );
  // `decided`: the decisions made in the decides timed in `wall`.
  const row = (name, round, r, wall, cpu, decided) => {
    const w = [...wall].sort((x, y) => x - y);
    const c = [...cpu].sort((x, y) => x - y);
    const f = (v) => `${v.toFixed(2)} ms`;
    console.log(
      formatRow(
        [
          name,
          round,
          r ? r.decisions : '',
          Math.round(decided / (wall.reduce((x, y) => x + y, 0) / 1000)),
          f(percentile(w, 50)),
          f(percentile(w, 90)),
          f(percentile(w, 99)),
          f(w[w.length - 1]),
          f(percentile(c, 50)),
          f(percentile(c, 99)),
        ],
        widths,
      ),
    );
  };
  // Every round replays the same world: the same decisions per round.
  let roundDecisions = [0, 0];
  for (let round = 0; round < Number(args.rounds); round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const decisions = [];
    for (const e of order) {
      const [name, engine] = engines[e];
      fullGc(); // each round starts from a collected heap, whatever the previous round left
      const routing = engine.createRoutingEngine();
      const result = runLoop((s, now) => routing.decide(s, now), seed);
      decisions[e] = result.decisions;
      pooled[e].wall.push(...result.times.wall);
      pooled[e].cpu.push(...result.times.cpu);
      result.times.wall.forEach((ms, step) => {
        fastest[e][step] = Math.min(fastest[e][step] ?? Number.POSITIVE_INFINITY, ms);
      });
      row(name, round, result, result.times.wall, result.times.cpu, result.decisions);
    }
    if (decisions[0] !== decisions[1]) console.log(`round ${round}: decision counts differ (${decisions})`);
    roundDecisions = decisions;
  }
  console.log('');
  engines.forEach(([name], e) => {
    row(name, 'all', null, pooled[e].wall, pooled[e].cpu, roundDecisions[e] * Number(args.rounds));
  });
  engines.forEach(([name], e) => {
    row(name, 'fastest', null, fastest[e], pooled[e].cpu, roundDecisions[e]);
  });
  console.log('\n(fastest: per step, the fastest of the rounds; cpu columns there are over all rounds)');
}

async function main() {
  if (args.ab) return abMain();
  const engine = await loadEngine();
  const seed = Number(args.seed);
  // Warm-up (JIT), not measured: a few steps of another world.
  const warmEngine = engine.createRoutingEngine();
  runLoop((s, now) => warmEngine.decide(s, now), seed + 1, 3, null, 0);
  const bare = runLoop((s, now) => bareDecide(engine, s, now), seed);
  // The bare loop leaves a heap full of garbage (tens of seconds of allocation): collect it now, so that the engine's
  // measured decides do not pay for the baseline's garbage.
  fullGc();
  // One engine for the whole loop, as the service keeps one per org: it carries what it learnt about the queue.
  const routing = engine.createRoutingEngine();
  const result = runLoop((s, now) => routing.decide(s, now), seed, STEPS, args.verify ? verifier(engine) : null);
  const reference = result.checked;
  delete result.checked;
  const resultsFile = path.join(root, 'bench/results/routing.json');
  let previous = null;
  try {
    previous = JSON.parse(readFileSync(resultsFile, 'utf8')).engine;
  } catch {}

  const widths = [10, 9, 11, 13, 10, 10, 10, 10, 12, 11, 9];
  console.log(
    `\nbench/routing: pure engine, ${AGENTS.toLocaleString('en-US')} agents, ${ITEMS.toLocaleString('en-US')} queued conversations, ${INBOXES} inboxes, 8 boosts; ${args.drain ? 'the queue drains (--drain)' : 'arrivals keep the queue at its size'}; one engine through ${WARMUP} warm-up and ${STEPS} measured decide() calls one simulated second apart (p50, p99, max over the measured ones)\n`,
  );
  console.log(
    formatRow(
      [
        'loop',
        'decides',
        'decisions',
        'decisions/s',
        'p50',
        'p99',
        'max',
        'first',
        'warm-up max',
        'queue end',
        'ratio',
      ],
      widths,
    ),
  );
  result.ratio = Number((result.decisionsPerSec / bare.decisionsPerSec).toFixed(3));
  if (reference) reference.ratio = Number((reference.decisionsPerSec / bare.decisionsPerSec).toFixed(3));
  const rows = [
    ['bare', bare],
    ['engine', result],
    ...(reference ? [['reference', reference]] : []),
    ...(previous ? [['previous', previous]] : []),
  ];
  for (const [name, r] of rows) {
    console.log(
      formatRow(
        [
          name,
          r.decides,
          r.decisions,
          r.decisionsPerSec,
          `${r.p50Ms} ms`,
          `${r.p99Ms} ms`,
          `${r.maxMs} ms`,
          `${r.firstMs} ms`,
          r.warmupMaxMs === undefined ? '-' : `${r.warmupMaxMs} ms`,
          r.itemsLeft,
          r.ratio ?? '1',
        ],
        widths,
      ),
    );
  }
  console.log(
    `\nCPU time per decide (process): ${rows
      .filter(([, r]) => r.cpuP50Ms !== undefined)
      .map(([name, r]) => `${name} p50 ${r.cpuP50Ms} ms, p99 ${r.cpuP99Ms} ms`)
      .join('; ')}`,
  );
  if (previous) {
    console.log(
      `\nengine vs previous run: decisions/s ×${(result.decisionsPerSec / previous.decisionsPerSec).toFixed(2)}, p99 ×${(result.p99Ms / previous.p99Ms).toFixed(2)}`,
    );
  }
  if (reference) {
    console.log(
      `\n--verify: all ${WARMUP + result.decides} decision lists (warm-up included) identical to the reference algorithm's; engine vs reference: decisions/s ×${(result.decisionsPerSec / reference.decisionsPerSec).toFixed(1)}, p99 ${result.p99Ms} ms vs ${reference.p99Ms} ms`,
    );
  }
  let service = null;
  if (process.env.DATABASE_URL) {
    const { runServicePhase } = await import('./service.mjs');
    service = await runServicePhase(process.env.DATABASE_URL, { agents: AGENTS, items: ITEMS, inboxes: INBOXES });
    console.log(
      `\nservice on PostgreSQL (same org size, one process): snapshot load p50 ${service.snapshotLoadP50Ms} ms; cold run ${service.coldRunMs} ms (load ${service.coldTimings.loadMs} + decide ${service.coldTimings.decideMs} + apply ${service.coldTimings.applyMs}) applying ${service.coldApplied} offers (${service.coldAppliedPerSec}/s, one set-based transaction per run); idle wake-up run p50 ${service.idleRunP50Ms} ms with the snapshot read whole, ${service.keptIdleRunP50Ms} ms with agents and queue kept (×${service.keptIdleRatio}); a kept run after one new message p50 ${service.keptRunAfterMessageP50Ms} ms`,
    );
  } else {
    console.log('\n(set DATABASE_URL to also measure the service on PostgreSQL)');
  }
  if (args['no-save']) return; // leave bench/results/routing.json as it is
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    agents: AGENTS,
    items: ITEMS,
    steps: STEPS,
    seed,
    bare,
    engine: result,
    ...(reference ? { reference } : {}),
    service,
    previous,
  };
  writeFileSync(resultsFile, `${JSON.stringify(out, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error ?? 'bench failed');
  process.exit(1);
});
