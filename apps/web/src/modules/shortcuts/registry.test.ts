import { describe, expect, it, vi } from 'vitest';
import {
  groupEntries,
  parseSpec,
  SEQUENCE_TIMEOUT_MS,
  ShortcutRegistry,
  strokeLabels,
  type TKeyInput,
} from './registry';

const key = (k: string, extra: Partial<TKeyInput> = {}): TKeyInput => ({ key: k, ...extra });

describe('parseSpec', () => {
  it.each([
    ['c', [{ key: 'c', mod: false, shift: false, alt: false }]],
    ['shift+n', [{ key: 'n', mod: false, shift: true, alt: false }]],
    ['Mod+Enter', [{ key: 'enter', mod: true, shift: false, alt: false }]],
    ['?', [{ key: '?', mod: false, shift: false, alt: false }]],
    ['esc', [{ key: 'escape', mod: false, shift: false, alt: false }]],
    [
      'g i',
      [
        { key: 'g', mod: false, shift: false, alt: false },
        { key: 'i', mod: false, shift: false, alt: false },
      ],
    ],
  ])('%s', (spec, strokes) => {
    expect(parseSpec(spec)).toEqual(strokes);
  });

  it('rejects an empty spec', () => {
    expect(() => parseSpec('  ')).toThrow();
    expect(() => parseSpec('shift+')).toThrow();
  });
});

describe('ShortcutRegistry: single keys', () => {
  // [registered spec, pressed key, expected to fire]
  it.each<[string, TKeyInput, boolean]>([
    ['c', key('c'), true],
    ['c', key('C', { shiftKey: true }), false],
    ['c', key('c', { ctrlKey: true }), false],
    ['c', key('c', { metaKey: true }), false],
    ['c', key('c', { altKey: true }), false],
    ['shift+n', key('N', { shiftKey: true }), true],
    ['shift+n', key('n'), false],
    ['?', key('?', { shiftKey: true }), true],
    ['/', key('/'), true],
    ['mod+enter', key('Enter', { ctrlKey: true }), true],
    ['mod+enter', key('Enter', { metaKey: true }), true],
    ['mod+enter', key('Enter'), false],
    ['escape', key('Escape'), true],
    ['arrowdown', key('ArrowDown'), true],
    ['space', key(' '), true],
  ])('%s on %o → %s', (spec, input, fires) => {
    const r = new ShortcutRegistry();
    const handler = vi.fn();
    r.register(spec, handler, { description: 'x' });
    expect(r.handleKey(input, 0)).toBe(fires);
    expect(handler).toHaveBeenCalledTimes(fires ? 1 : 0);
  });

  it('ignores modifier-only presses and IME composition', () => {
    const r = new ShortcutRegistry();
    const handler = vi.fn();
    r.register('shift+n', handler, { description: 'x' });
    expect(r.handleKey(key('Shift', { shiftKey: true }), 0)).toBe(false);
    expect(r.handleKey(key('N', { shiftKey: true, isComposing: true }), 0)).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets the newest binding of the same key win, and falls back when it returns false', () => {
    const r = new ShortcutRegistry();
    const older = vi.fn();
    r.register('j', older, { description: 'older' });
    let pass = false;
    const newer = vi.fn(() => (pass ? false : undefined));
    const unregister = r.register('j', newer, { description: 'newer' });
    r.handleKey(key('j'), 0);
    expect(newer).toHaveBeenCalledTimes(1);
    expect(older).not.toHaveBeenCalled();
    pass = true;
    r.handleKey(key('j'), 0);
    expect(older).toHaveBeenCalledTimes(1);
    unregister();
    r.handleKey(key('j'), 0);
    expect(newer).toHaveBeenCalledTimes(2);
    expect(older).toHaveBeenCalledTimes(2);
  });

  it('fires any of several alternative keys', () => {
    const r = new ShortcutRegistry();
    const handler = vi.fn();
    r.register(['j', 'arrowdown'], handler, { description: 'next' });
    r.handleKey(key('j'), 0);
    r.handleKey(key('ArrowDown'), 0);
    expect(handler).toHaveBeenCalledTimes(2);
  });
});

describe('ShortcutRegistry: typing in a field', () => {
  it.each<[string, TKeyInput, boolean]>([
    ['c', key('c', { typing: true }), false],
    ['/', key('/', { typing: true }), false],
    ['?', key('?', { shiftKey: true, typing: true }), false],
    ['shift+n', key('N', { shiftKey: true, typing: true }), false],
    ['escape', key('Escape', { typing: true }), true],
    ['mod+enter', key('Enter', { ctrlKey: true, typing: true }), true],
    ['mod+enter', key('Enter', { metaKey: true, typing: true }), true],
    ['enter', key('Enter', { typing: true }), false],
  ])('%s on %o → %s', (spec, input, fires) => {
    const r = new ShortcutRegistry();
    const handler = vi.fn();
    r.register(spec, handler, { description: 'x' });
    expect(r.handleKey(input, 0)).toBe(fires);
    expect(handler).toHaveBeenCalledTimes(fires ? 1 : 0);
  });

  it('fires while typing when the binding allows it', () => {
    const r = new ShortcutRegistry();
    const handler = vi.fn();
    r.register('enter', handler, { description: 'x', allowInInputs: true });
    expect(r.handleKey(key('Enter', { typing: true }), 0)).toBe(true);
  });

  it('does not start a sequence while typing', () => {
    const r = new ShortcutRegistry();
    const handler = vi.fn();
    r.register('g i', handler, { description: 'x' });
    expect(r.handleKey(key('g', { typing: true }), 0)).toBe(false);
    expect(r.handleKey(key('i'), 10)).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('ShortcutRegistry: sequences', () => {
  it('fires "g i" when i follows g in time', () => {
    const r = new ShortcutRegistry();
    const gi = vi.fn();
    const i = vi.fn();
    r.register('g i', gi, { description: 'mine' });
    r.register('i', i, { description: 'i alone' });
    expect(r.handleKey(key('g'), 1000)).toBe(true);
    expect(r.handleKey(key('i'), 1000 + SEQUENCE_TIMEOUT_MS)).toBe(true);
    expect(gi).toHaveBeenCalledTimes(1);
    expect(i).not.toHaveBeenCalled();
  });

  it('drops the first key after the timeout; the second then counts on its own', () => {
    const r = new ShortcutRegistry();
    const gi = vi.fn();
    const i = vi.fn();
    r.register('g i', gi, { description: 'mine' });
    r.register('i', i, { description: 'i alone' });
    r.handleKey(key('g'), 1000);
    r.handleKey(key('i'), 1001 + SEQUENCE_TIMEOUT_MS);
    expect(gi).not.toHaveBeenCalled();
    expect(i).toHaveBeenCalledTimes(1);
  });

  it('an unknown second key is handled as a single key and clears the sequence', () => {
    const r = new ShortcutRegistry();
    const gi = vi.fn();
    const k = vi.fn();
    r.register('g i', gi, { description: 'mine' });
    r.register('k', k, { description: 'up' });
    r.handleKey(key('g'), 0);
    expect(r.handleKey(key('k'), 1)).toBe(true);
    expect(k).toHaveBeenCalledTimes(1);
    expect(r.handleKey(key('i'), 2)).toBe(false);
    expect(gi).not.toHaveBeenCalled();
  });

  it('reset() forgets a half-typed sequence', () => {
    const r = new ShortcutRegistry();
    const gi = vi.fn();
    r.register('g i', gi, { description: 'mine' });
    r.handleKey(key('g'), 0);
    r.reset();
    r.handleKey(key('i'), 1);
    expect(gi).not.toHaveBeenCalled();
  });

  it('a key that is not a sequence prefix is not swallowed', () => {
    const r = new ShortcutRegistry();
    r.register('g i', vi.fn(), { description: 'mine' });
    expect(r.handleKey(key('x'), 0)).toBe(false);
  });
});

describe('entries and help grouping', () => {
  it('lists registrations live and notifies subscribers', () => {
    const r = new ShortcutRegistry();
    const listener = vi.fn();
    r.subscribe(listener);
    const off = r.register('r', () => {}, { description: 'Reply', scope: 'Conversation' });
    r.register('?', () => {}, { description: 'Help' });
    r.register('escape', () => {}, { description: 'Close', hidden: true });
    expect(listener).toHaveBeenCalledTimes(3);
    const groups = groupEntries(r.entries());
    expect(groups.map((g) => g.scope)).toEqual(['Global', 'Conversation']);
    expect(groups[0]!.entries.map((e) => e.description)).toEqual(['Help']);
    off();
    expect(groupEntries(r.entries()).map((g) => g.scope)).toEqual(['Global']);
  });

  it('shows one row when two components register the same shortcut', () => {
    const r = new ShortcutRegistry();
    r.register('c', () => {}, { description: 'Close', scope: 'Conversation' });
    r.register('c', () => {}, { description: 'Close', scope: 'Conversation' });
    expect(groupEntries(r.entries())[0]!.entries).toHaveLength(1);
  });

  it.each([
    ['mod+enter', false, [['Ctrl', 'Enter']]],
    ['mod+enter', true, [['⌘', 'Enter']]],
    ['shift+n', false, [['Shift', 'N']]],
    ['g i', false, [['G'], ['I']]],
    ['?', false, [['?']]],
  ])('labels %s (mac=%s)', (spec, mac, labels) => {
    expect(strokeLabels(spec, mac)).toEqual(labels);
  });
});
