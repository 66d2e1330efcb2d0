import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { TRealtimeOffer, TServerMessage } from '@hearth/shared';
import WebSocket from 'ws';
import { spawnHearth, type THearthChild } from '../cli/cli-helpers.js';

// The two-process routing concurrency test's machinery: a seeded PRNG, real Hearth processes, a small HTTP client,
// and simulated agents (session sign-in, the realtime socket for offers, accept / decline / miss, closing the work).

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface THearthProcess {
  name: string;
  hearth: THearthChild;
  url: string;
  alive: boolean;
}

/** `hearth start` with every role; resolves once it listens. */
export async function startHearthProcess(name: string, env: Record<string, string>): Promise<THearthProcess> {
  const hearth = spawnHearth(['start'], env);
  const output = await hearth.waitFor('Press Ctrl-C to stop.', 60_000);
  const url = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!url) throw new Error(`${name}: no URL in the banner:\n${output}`);
  const proc: THearthProcess = { name, hearth, url, alive: true };
  hearth.exited.then(() => {
    proc.alive = false;
  });
  return proc;
}

/** The processes of the cluster; clients pick a live one and move on when one dies. */
export class Cluster {
  procs: THearthProcess[] = [];
  private turn = 0;
  constructor(readonly host: string) {}

  live(): THearthProcess[] {
    return this.procs.filter((p) => p.alive);
  }

  /** Round robin over the live processes; `prefer` (an index) first when alive. */
  pick(prefer?: number): THearthProcess {
    const live = this.live();
    if (live.length === 0) throw new Error('no Hearth process is alive');
    if (prefer !== undefined) {
      const p = this.procs[prefer % this.procs.length];
      if (p?.alive) return p;
    }
    this.turn = (this.turn + 1) % live.length;
    return live[this.turn] as THearthProcess;
  }
}

/**
 * The process (among `pids`) that owns the local TCP port `port` — which Hearth process a PostgreSQL backend serves,
 * from pg_stat_activity.client_port (Linux /proc; undefined elsewhere).
 */
export function pidOwningLocalPort(port: number, pids: number[]): number | undefined {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(hex) && cols[9]) inodes.add(cols[9]);
    }
  }
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode && inodes.has(inode)) return pid;
      }
    } catch {}
  }
  return undefined;
}

export interface THttpResult {
  status: number;
  data: unknown;
  headers: Headers;
}

export interface THttpOptions {
  method?: string;
  path: string;
  body?: unknown;
  cookie?: string;
  authorization?: string;
}

/** One request to one process, as the org's host. Network errors throw (the caller retries elsewhere). */
export async function httpJson(baseUrl: string, host: string, options: THttpOptions): Promise<THttpResult> {
  const headers: Record<string, string> = { host, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) {
    headers.cookie = options.cookie;
    headers['x-requested-with'] = 'hearth';
  }
  if (options.authorization) headers.authorization = options.authorization;
  const response = await fetch(`${baseUrl}${options.path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: response.status, data, headers: response.headers };
}

/** A request to any live process, retried on another one when the connection fails (a killed process). */
export async function clusterRequest(cluster: Cluster, options: THttpOptions, prefer?: number): Promise<THttpResult> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    const proc = cluster.pick(attempt === 0 ? prefer : undefined);
    try {
      return await httpJson(proc.url, cluster.host, options);
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }
  throw lastError;
}

export interface TAgentPlan {
  acceptRate: number;
  declineRate: number;
  /** Chance per presence tick (about every 500 ms) of going Away or unavailable for a moment. */
  toggleRate: number;
  /** Chance per handled offer of clicking Next as well (work beyond standard capacity). */
  nextRate: number;
  workMs: [number, number];
}

export interface TAgentStats {
  offers: number;
  accepted: number;
  declined: number;
  ignored: number;
  closed: number;
  refused: number;
  toggles: number;
  nexts: number;
  reconnects: number;
}

/**
 * One simulated agent: signs in through a process, listens for offers on the realtime socket (and polls GET
 * /me/offer now and then, for an offer sent while the socket was reconnecting), and answers each offer once by the
 * PRNG: accept (then work briefly and close the conversation with force), decline, or ignore it until it is missed.
 * Offer handling is serialized per agent, as a person handles one banner at a time.
 */
export class SimAgent {
  cookie = '';
  stats: TAgentStats = {
    offers: 0,
    accepted: 0,
    declined: 0,
    ignored: 0,
    closed: 0,
    refused: 0,
    toggles: 0,
    nexts: 0,
    reconnects: 0,
  };
  errors: string[] = [];
  private ws: WebSocket | null = null;
  private running = false;
  private togglesOn = false;
  private chain: Promise<void> = Promise.resolve();
  private seen = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private status: 'ACTIVE' | 'AWAY' = 'ACTIVE';
  private available = false;
  private toggling: Promise<void> | null = null;
  private working = new Set<Promise<void>>();
  awayReasonId = '';

  constructor(
    readonly index: number,
    readonly user: { id: string; email: string },
    private readonly password: string,
    private readonly cluster: Cluster,
    private readonly random: () => number,
    private readonly plan: TAgentPlan,
  ) {}

  private req(options: Omit<THttpOptions, 'cookie'>) {
    return clusterRequest(this.cluster, { ...options, cookie: this.cookie }, this.index);
  }

  async signIn(): Promise<void> {
    const proc = this.cluster.pick(this.index);
    const response = await fetch(`${proc.url}/api/internal/auth/login`, {
      method: 'POST',
      headers: { host: this.cluster.host, 'content-type': 'application/json', 'x-requested-with': 'hearth' },
      body: JSON.stringify({ email: this.user.email, password: this.password }),
    });
    if (response.status !== 200)
      throw new Error(`agent ${this.index} login: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    if (!cookie) throw new Error(`agent ${this.index}: no session cookie`);
    this.cookie = cookie.split(';')[0] as string;
  }

  async start(): Promise<void> {
    this.running = true;
    this.togglesOn = true;
    await this.connect();
    await this.setPresence('ACTIVE', true);
    this.timers.push(setInterval(() => this.enqueue(() => this.poll()), 5_000));
    this.timers.push(setInterval(() => this.maybeToggle(), 500));
  }

  /** Stop changing presence, and come back Active and available (the end state the final checks rely on). */
  async settle(): Promise<void> {
    this.togglesOn = false;
    await this.toggling;
    await this.enqueue(async () => {
      await this.setPresence('ACTIVE', true);
    });
  }

  /** Go Away (end phase: this agent is no longer eligible for anything). */
  async goAway(): Promise<void> {
    this.togglesOn = false;
    await this.toggling;
    await this.enqueue(async () => {
      await this.setPresence('AWAY', this.available);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    await this.idle();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== ws.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      });
    }
  }

  /** Wait for every queued action and every conversation in hand to be closed. */
  async idle(): Promise<void> {
    await this.chain;
    await Promise.all([...this.working]);
  }

  private enqueue(action: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(action).catch((error: unknown) => {
      this.errors.push(String((error as Error)?.stack ?? error));
    });
    return this.chain;
  }

  private async connect(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const proc = this.cluster.pick(attempt === 0 ? this.index : undefined);
      const wsUrl = `${proc.url.replace(/^http/, 'ws')}/api/realtime`;
      try {
        await this.open(wsUrl);
        return;
      } catch (error) {
        if (attempt > 30) throw error;
        await sleep(200);
      }
    }
  }

  private open(wsUrl: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(wsUrl, {
        headers: { host: this.cluster.host, cookie: this.cookie, origin: `http://${this.cluster.host}` },
      });
      let opened = false;
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as TServerMessage;
        if (message.type === 'hello' && !opened) {
          opened = true;
          this.ws = ws;
          resolve();
        }
        if (message.type === 'offer') this.enqueue(() => this.handle(message.offer));
      });
      ws.on('error', (error) => {
        if (!opened) reject(error);
      });
      ws.on('unexpected-response', (_req, res) => {
        res.resume();
        reject(new Error(`upgrade refused with ${res.statusCode}`));
      });
      ws.on('close', () => {
        if (!opened) return reject(new Error('closed before hello'));
        if (this.ws !== ws || !this.running) return;
        // The process died: reconnect elsewhere and pick up an offer sent meanwhile.
        this.ws = null;
        this.stats.reconnects++;
        this.enqueue(async () => {
          await this.connect();
          await this.poll();
        });
      });
    });
  }

  private async poll(): Promise<void> {
    if (!this.running) return;
    const response = await this.req({ path: '/api/internal/me/offer' });
    if (response.status === 200 && response.data && typeof response.data === 'object') {
      await this.handle(response.data as TRealtimeOffer);
    }
  }

  private async handle(offer: TRealtimeOffer): Promise<void> {
    if (!this.running || this.seen.has(offer.offerId)) return;
    this.seen.add(offer.offerId);
    this.stats.offers++;
    const roll = this.random();
    const work = this.plan.workMs[0] + this.random() * (this.plan.workMs[1] - this.plan.workMs[0]);
    if (this.random() < this.plan.nextRate) {
      this.stats.nexts++;
      await this.req({ method: 'POST', path: '/api/internal/me/next' });
    }
    if (roll < this.plan.acceptRate) {
      const accepted = await this.req({ method: 'POST', path: `/api/internal/offers/${offer.offerId}/accept` });
      if (accepted.status !== 200) {
        // Expired or withdrawn before the click reached the server: the engine re-routes it.
        this.stats.refused++;
        return;
      }
      this.stats.accepted++;
      // The work goes on beside the next offers, so an agent holds several conversations (capacity matters).
      const job = this.work(offer.itemId, work);
      this.working.add(job);
      void job.finally(() => this.working.delete(job));
    } else if (roll < this.plan.acceptRate + this.plan.declineRate) {
      const declined = await this.req({ method: 'POST', path: `/api/internal/offers/${offer.offerId}/decline` });
      if (declined.status === 204) this.stats.declined++;
      else this.stats.refused++;
    } else {
      this.stats.ignored++;
    }
  }

  private async work(conversationId: string, ms: number): Promise<void> {
    try {
      await sleep(ms);
      const closed = await this.req({
        method: 'PATCH',
        path: `/api/v1/conversations/${conversationId}`,
        body: { status: { value: 'CLOSED', force: true } },
      });
      if (closed.status >= 300) {
        throw new Error(`agent ${this.index} close ${conversationId}: ${closed.status} ${JSON.stringify(closed.data)}`);
      }
      this.stats.closed++;
    } catch (error) {
      this.errors.push(String((error as Error)?.stack ?? error));
    }
  }

  private maybeToggle(): void {
    if (!this.running || !this.togglesOn || this.toggling || this.random() >= this.plan.toggleRate) return;
    this.stats.toggles++;
    const away = this.random() < 0.5;
    const pause = 200 + this.random() * 1_000;
    // Not through the offer chain: people change their status while a banner is showing.
    this.toggling = (async () => {
      try {
        if (away) await this.setPresence('AWAY', this.available);
        else await this.setPresence(this.status, false);
        await sleep(pause);
        await this.setPresence('ACTIVE', true);
      } catch (error) {
        this.errors.push(String(error));
      } finally {
        this.toggling = null;
      }
    })();
  }

  private async setPresence(status: 'ACTIVE' | 'AWAY', available: boolean): Promise<void> {
    const body: Record<string, unknown> = {};
    if (status !== this.status) {
      body.status = status;
      if (status === 'AWAY') body.awayReasonId = this.awayReasonId;
    }
    if (available !== this.available) body.availableFor = available ? ['MESSAGING'] : [];
    if (Object.keys(body).length === 0) return;
    const response = await this.req({ method: 'PUT', path: '/api/internal/me/presence', body });
    if (response.status !== 200) {
      throw new Error(
        `agent ${this.index} presence ${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.data)}`,
      );
    }
    this.status = status;
    this.available = available;
  }
}

// --- The audit: what the database and the outbox say happened ------------------------------------------------

export interface TAuditOffer {
  id: string;
  item_id: string;
  agent_id: string;
  status: string;
  offered_at: Date;
  resolved_at: Date | null;
}

export interface TAuditEvent {
  seq: string;
  type: string;
  content: Record<string, unknown>;
}

export interface TAuditInput {
  offers: TAuditOffer[];
  /** The org's outbox in seq order. */
  events: TAuditEvent[];
  /** Conversation ids expected closed, and ids expected still waiting untouched (never offered). */
  closedIds: ReadonlySet<string>;
  waitingIds: ReadonlySet<string>;
  maxMessaging: number;
}

export interface TAuditResult {
  violations: string[];
  /** Offer rows of one item whose time ranges overlap by the timestamps (see the report: not asserted). */
  timestampOverlaps: number;
  peakLoad: number;
  counts: Record<string, number>;
}

const agentOf = (e: TAuditEvent) => e.content.agentId as string | undefined;
const conversationOf = (e: TAuditEvent) => e.content.conversationId as string | undefined;

/**
 * Replays the outbox and checks it against the offer rows:
 * - per conversation: CONTACT/STARTED first; then OFFERED → exactly one outcome (OFFER_ACCEPTED, OFFER_REJECTED) of
 *   that agent before the next OFFERED; an accept comes with CONVERSATION_ASSIGNEE/UPDATED to that agent; a close
 *   with CONVERSATION/CLOSED and CONTACT/ENDED (CONVERSATION_CLOSED);
 * - the same per agent (never two offers pending for one agent);
 * - the (agent, outcome) pairs of a conversation's events equal its offer rows, in order, with matching statuses;
 * - messaging load per agent (assignments minus closes) never above `maxMessaging`.
 */
export function auditRouting(input: TAuditInput): TAuditResult {
  const violations: string[] = [];
  const fail = (text: string) => {
    if (violations.length < 50) violations.push(text);
  };
  interface TConv {
    live: boolean;
    started: number;
    pending: string | null;
    assigned: string | null;
    closed: boolean;
    ended: boolean;
    outcomes: { agentId: string; outcome: string }[];
  }
  const convs = new Map<string, TConv>();
  const conv = (id: string) => {
    let c = convs.get(id);
    if (!c) {
      c = { live: false, started: 0, pending: null, assigned: null, closed: false, ended: false, outcomes: [] };
      convs.set(id, c);
    }
    return c;
  };
  const pendingOfAgent = new Map<string, string>();
  const load = new Map<string, number>();
  const owner = new Map<string, string>();
  let peakLoad = 0;
  const counts: Record<string, number> = {};

  for (const e of input.events) {
    const id = conversationOf(e);
    if (!id) continue;
    const c = conv(id);
    const agentId = agentOf(e);
    counts[e.type] = (counts[e.type] ?? 0) + 1;
    switch (e.type) {
      case 'CONTACT/STARTED':
        if (c.live) fail(`${id}: CONTACT/STARTED while a contact is live (seq ${e.seq})`);
        c.live = true;
        c.started++;
        break;
      case 'CONTACT/OFFERED': {
        if (!c.live) fail(`${id}: OFFERED without a live contact (seq ${e.seq})`);
        if (c.pending) fail(`${id}: OFFERED to ${agentId} while pending with ${c.pending} (seq ${e.seq})`);
        if (c.assigned) fail(`${id}: OFFERED while assigned to ${c.assigned} (seq ${e.seq})`);
        const held = pendingOfAgent.get(agentId ?? '');
        if (held) fail(`agent ${agentId}: offered ${id} while ${held} is pending (seq ${e.seq})`);
        c.pending = agentId ?? null;
        pendingOfAgent.set(agentId ?? '', id);
        break;
      }
      case 'CONVERSATION_ASSIGNEE/UPDATED': {
        const assignee = (e.content.assignee as { agentId?: string } | undefined)?.agentId;
        if (!assignee) break;
        if (c.pending !== assignee) fail(`${id}: assigned to ${assignee} without its pending offer (seq ${e.seq})`);
        if (e.content.reason !== 'CONTACT_OFFERED') fail(`${id}: assignment reason ${String(e.content.reason)}`);
        const previous = owner.get(id);
        if (previous) load.set(previous, (load.get(previous) ?? 0) - 1);
        owner.set(id, assignee);
        c.assigned = assignee;
        const n = (load.get(assignee) ?? 0) + 1;
        load.set(assignee, n);
        peakLoad = Math.max(peakLoad, n);
        if (n > input.maxMessaging) fail(`agent ${assignee}: ${n} conversations at once (seq ${e.seq})`);
        break;
      }
      case 'CONTACT/OFFER_ACCEPTED':
      case 'CONTACT/OFFER_REJECTED': {
        if (!agentId || c.pending !== agentId)
          fail(`${id}: ${e.type} by ${agentId} but pending ${c.pending} (seq ${e.seq})`);
        if (e.type === 'CONTACT/OFFER_ACCEPTED' && c.assigned !== agentId) {
          fail(`${id}: OFFER_ACCEPTED by ${agentId} without the assignment (seq ${e.seq})`);
        }
        if (pendingOfAgent.get(agentId ?? '') !== id) fail(`agent ${agentId}: ${e.type} of ${id} not pending`);
        pendingOfAgent.delete(agentId ?? '');
        c.pending = null;
        c.outcomes.push({
          agentId: agentId ?? '',
          outcome: e.type === 'CONTACT/OFFER_ACCEPTED' ? 'ACCEPTED' : String(e.content.reason),
        });
        break;
      }
      case 'CONVERSATION/CLOSED': {
        if (!c.assigned) fail(`${id}: closed but never assigned (seq ${e.seq})`);
        c.closed = true;
        const who = owner.get(id);
        if (who) load.set(who, (load.get(who) ?? 0) - 1);
        owner.delete(id);
        break;
      }
      case 'CONTACT/ENDED':
        if (!c.live) fail(`${id}: ENDED without a live contact (seq ${e.seq})`);
        if (!c.closed || e.content.reason !== 'CONVERSATION_CLOSED') {
          fail(`${id}: ENDED (${String(e.content.reason)}) before its close (seq ${e.seq})`);
        }
        c.live = false;
        c.ended = true;
        break;
    }
  }

  // Offer rows against the story.
  const rowsOf = new Map<string, TAuditOffer[]>();
  for (const offer of input.offers) {
    const list = rowsOf.get(offer.item_id) ?? [];
    list.push(offer);
    rowsOf.set(offer.item_id, list);
  }
  let timestampOverlaps = 0;
  for (const [itemId, rows] of rowsOf) {
    rows.sort((a, b) => a.offered_at.getTime() - b.offered_at.getTime() || a.id.localeCompare(b.id));
    for (let i = 1; i < rows.length; i++) {
      const before = rows[i - 1] as TAuditOffer;
      const after = rows[i] as TAuditOffer;
      if (!before.resolved_at || before.resolved_at.getTime() > after.offered_at.getTime()) timestampOverlaps++;
    }
    const fromEvents = convs.get(itemId)?.outcomes ?? [];
    const fromRows = rows.map((r) => ({ agentId: r.agent_id, outcome: r.status }));
    if (JSON.stringify(fromEvents) !== JSON.stringify(fromRows)) {
      fail(`${itemId}: offer rows ${JSON.stringify(fromRows)} but events tell ${JSON.stringify(fromEvents)}`);
    }
  }

  for (const id of input.closedIds) {
    const c = convs.get(id);
    if (c?.started !== 1 || !c.closed || !c.ended || c.pending) {
      fail(`${id}: expected started once, closed and ended; got ${JSON.stringify(c)}`);
    }
    if (c && c.outcomes.filter((o) => o.outcome === 'ACCEPTED').length !== 1) fail(`${id}: not accepted exactly once`);
  }
  for (const id of input.waitingIds) {
    const c = convs.get(id);
    if (c?.started !== 1 || !c.live || c.closed || c.outcomes.length > 0 || c.pending) {
      fail(`${id}: expected waiting, never offered; got ${JSON.stringify(c)}`);
    }
  }
  return { violations, timestampOverlaps, peakLoad, counts };
}
