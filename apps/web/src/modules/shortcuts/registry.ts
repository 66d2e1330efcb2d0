// The keyboard shortcut registry: pure logic, no React and no window. It parses key specs ("g i", "shift+n",
// "mod+enter", "?"), matches keydown events (including two-key sequences), applies the "not while typing" rule,
// and lists what is registered for the help overlay. The React hook and the window listener live in
// use-shortcut.ts.

/** One key press as the registry needs it (a subset of KeyboardEvent, so tests can pass plain objects). */
export interface TKeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
  /** Whether focus is in a text field (input, textarea, select, contenteditable). */
  typing?: boolean;
}

export interface TShortcutOptions {
  /** Shown in the `?` help overlay. */
  description: string;
  /** Group in the help overlay: 'Global', 'Inbox', 'Conversation', … Defaults to 'Global'. */
  scope?: string;
  /** Also fire while the user types in a field. Escape and Mod+Enter always do. */
  allowInInputs?: boolean;
  /** Leave it out of the help overlay (e.g. an alias). */
  hidden?: boolean;
}

export interface TShortcutEntry extends Required<Omit<TShortcutOptions, 'hidden' | 'allowInInputs'>> {
  id: number;
  /** The specs as registered, e.g. ['g i'] or ['j', 'arrowdown']. */
  keys: string[];
  hidden: boolean;
  allowInInputs: boolean;
}

/** A handler returns false to say "not handled": the key then goes to older bindings and the browser. */
export type TShortcutHandler = (input: TKeyInput) => unknown;

interface TStroke {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

interface TBinding {
  entry: TShortcutEntry;
  sequences: TStroke[][];
  handler: TShortcutHandler;
}

/** How long the first key of a sequence ("g" of "g i") waits for the second. */
export const SEQUENCE_TIMEOUT_MS = 1200;

const KEY_ALIASES: Record<string, string> = {
  esc: 'escape',
  return: 'enter',
  ' ': 'space',
  spacebar: 'space',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  del: 'delete',
};

function normaliseKeyName(key: string): string {
  const lower = key.toLowerCase();
  return KEY_ALIASES[lower] ?? lower;
}

/** A printable key that is not a letter: its character already says whether Shift was held ("?" is Shift+/). */
function isShiftedSymbol(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key) && key !== ' ';
}

/** Parses one stroke like "shift+n", "mod+enter", "?", "escape". */
export function parseStroke(spec: string): TStroke {
  // "+" alone (or "shift++") is the plus key itself.
  const parts = spec === '+' ? ['+'] : spec.endsWith('++') ? [...spec.slice(0, -2).split('+'), '+'] : spec.split('+');
  const stroke: TStroke = { key: '', mod: false, shift: false, alt: false };
  for (const raw of parts) {
    const part = raw.trim().toLowerCase();
    if (part === 'mod' || part === 'ctrl' || part === 'cmd' || part === 'meta') stroke.mod = true;
    else if (part === 'shift') stroke.shift = true;
    else if (part === 'alt' || part === 'option') stroke.alt = true;
    else stroke.key = normaliseKeyName(raw.trim() || raw);
  }
  if (!stroke.key) throw new Error(`Shortcut "${spec}" has no key`);
  if (isShiftedSymbol(stroke.key)) stroke.shift = false;
  return stroke;
}

/** Parses a key spec: strokes separated by spaces form a sequence ("g i"). */
export function parseSpec(spec: string): TStroke[] {
  const trimmed = spec.trim();
  if (trimmed === '') throw new Error('Empty shortcut');
  // A lone space key is written "space"; split on whitespace otherwise.
  return trimmed.split(/\s+/).map(parseStroke);
}

export function strokeOfInput(input: TKeyInput): TStroke {
  const key = normaliseKeyName(input.key);
  return {
    key,
    mod: !!(input.ctrlKey || input.metaKey),
    shift: isShiftedSymbol(key) ? false : !!input.shiftKey,
    alt: !!input.altKey,
  };
}

function sameStroke(a: TStroke, b: TStroke): boolean {
  return a.key === b.key && a.mod === b.mod && a.shift === b.shift && a.alt === b.alt;
}

/** Escape and Mod+Enter reach shortcuts even while typing (close a picker, send a reply). */
export function isAllowedWhileTyping(stroke: TStroke): boolean {
  return (stroke.key === 'escape' && !stroke.mod && !stroke.alt) || (stroke.key === 'enter' && stroke.mod);
}

/** Pure bookkeeping of bindings plus the pending first key of a sequence. */
export class ShortcutRegistry {
  private bindings: TBinding[] = [];
  private nextId = 1;
  private pending: { strokes: TStroke[]; at: number } | null = null;
  private listeners = new Set<() => void>();
  private snapshot: TShortcutEntry[] = [];

  /** Adds a binding; the newest binding for the same keys wins (a page overrides a global). Returns unregister. */
  register(keys: string | string[], handler: TShortcutHandler, options: TShortcutOptions): () => void {
    const list = Array.isArray(keys) ? keys : [keys];
    const entry: TShortcutEntry = {
      id: this.nextId++,
      keys: list,
      description: options.description,
      scope: options.scope ?? 'Global',
      hidden: !!options.hidden,
      allowInInputs: !!options.allowInInputs,
    };
    const binding: TBinding = { entry, sequences: list.map(parseSpec), handler };
    this.bindings = [...this.bindings, binding];
    this.changed();
    return () => {
      const before = this.bindings.length;
      this.bindings = this.bindings.filter((b) => b !== binding);
      if (this.bindings.length !== before) this.changed();
    };
  }

  /** The registered entries, oldest first (a stable array between changes, for useSyncExternalStore). */
  entries(): TShortcutEntry[] {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Feeds one key press; returns true when a handler took it (the caller then prevents the default). */
  handleKey(input: TKeyInput, now: number): boolean {
    if (input.isComposing) return false;
    const key = normaliseKeyName(input.key);
    if (key === 'shift' || key === 'control' || key === 'meta' || key === 'alt' || key === 'capslock') return false;
    const stroke = strokeOfInput(input);
    const typing = !!input.typing;

    if (this.pending && now - this.pending.at > SEQUENCE_TIMEOUT_MS) this.pending = null;

    // Second key of a sequence.
    if (this.pending && !typing) {
      const strokes = [...this.pending.strokes, stroke];
      this.pending = null;
      if (this.fire(strokes, input, typing)) return true;
      // Not a known sequence: treat the key on its own, below.
    }

    if (this.fire([stroke], input, typing)) return true;

    // First key of a sequence: wait for the next one (never while typing, and never for chorded keys).
    if (!typing && !stroke.mod && !stroke.alt && this.isSequencePrefix(stroke)) {
      this.pending = { strokes: [stroke], at: now };
      return true;
    }
    return false;
  }

  /** Forgets a half-typed sequence (on blur, on route change). */
  reset(): void {
    this.pending = null;
  }

  private fire(strokes: TStroke[], input: TKeyInput, typing: boolean): boolean {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i]!;
      const matches = binding.sequences.some(
        (seq) => seq.length === strokes.length && seq.every((s, j) => sameStroke(s, strokes[j]!)),
      );
      if (!matches) continue;
      const last = strokes[strokes.length - 1]!;
      if (typing && !binding.entry.allowInInputs && !isAllowedWhileTyping(last)) continue;
      if (binding.handler(input) !== false) return true;
    }
    return false;
  }

  private isSequencePrefix(stroke: TStroke): boolean {
    return this.bindings.some((b) => b.sequences.some((seq) => seq.length > 1 && sameStroke(seq[0]!, stroke)));
  }

  private changed(): void {
    this.snapshot = this.bindings.map((b) => b.entry);
    for (const l of this.listeners) l();
  }
}

/** Groups visible entries by scope for the help overlay, Global first, and drops duplicate descriptions. */
export function groupEntries(entries: TShortcutEntry[]): { scope: string; entries: TShortcutEntry[] }[] {
  const groups = new Map<string, TShortcutEntry[]>();
  for (const entry of entries) {
    if (entry.hidden) continue;
    const list = groups.get(entry.scope) ?? [];
    if (!list.some((e) => e.description === entry.description && e.keys.join() === entry.keys.join())) {
      list.push(entry);
    }
    groups.set(entry.scope, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'Global' ? -1 : b === 'Global' ? 1 : a.localeCompare(b)))
    .map(([scope, list]) => ({ scope, entries: list }));
}

const KEY_LABELS: Record<string, string> = {
  escape: 'Esc',
  enter: 'Enter',
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  space: 'Space',
  backspace: 'Backspace',
  delete: 'Del',
  tab: 'Tab',
};

/** Display form of one stroke: ["Ctrl", "Enter"] or ["⌘", "Enter"] on a Mac; ["Shift", "N"]. */
export function strokeLabels(spec: string, mac: boolean): string[][] {
  return parseSpec(spec).map((stroke) => {
    const parts: string[] = [];
    if (stroke.mod) parts.push(mac ? '⌘' : 'Ctrl');
    if (stroke.alt) parts.push(mac ? '⌥' : 'Alt');
    if (stroke.shift) parts.push('Shift');
    parts.push(KEY_LABELS[stroke.key] ?? (stroke.key.length === 1 ? stroke.key.toUpperCase() : stroke.key));
    return parts;
  });
}
