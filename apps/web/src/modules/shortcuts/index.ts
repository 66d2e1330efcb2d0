// Keyboard shortcuts: the public API other modules use.
//
//   import { useShortcut } from '../shortcuts';
//   useShortcut('r', () => setMode('reply'), { description: 'Reply', scope: 'Conversation' });
//
// See use-shortcut.ts for the key syntax and the "not while typing" rule; `?` lists every registered shortcut.

export type { TKeyInput, TShortcutEntry, TShortcutHandler, TShortcutOptions } from './registry';
export { openShortcutsHelp, ShortcutKeys, ShortcutsHelp } from './ShortcutsHelp';
export { isMac, isTypingTarget, shortcuts, useShortcut, useShortcutEntries } from './use-shortcut';
