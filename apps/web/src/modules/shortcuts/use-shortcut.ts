import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ShortcutRegistry, type TShortcutEntry, type TShortcutHandler, type TShortcutOptions } from './registry';

// The app's one registry and its window listener. The listener is attached on the first registration, so tests
// and pages that register nothing pay nothing.

export const shortcuts = new ShortcutRegistry();

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether keystrokes on this element are typing (so single-key shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase());
  if (el.isContentEditable) return true;
  const editable = el.getAttribute?.('contenteditable');
  if (editable !== null && editable !== undefined && editable !== 'false') return true;
  return !!el.closest?.('[contenteditable]:not([contenteditable="false"])');
}

let installed = false;
function install(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    const handled = shortcuts.handleKey(
      {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        isComposing: event.isComposing,
        typing: isTypingTarget(event.target),
      },
      Date.now(),
    );
    if (handled) event.preventDefault();
  });
  window.addEventListener('blur', () => shortcuts.reset());
}

/**
 * Binds keys while the calling component is mounted.
 *
 *   useShortcut('r', () => openReply(), { description: 'Reply', scope: 'Conversation' });
 *   useShortcut('g i', goToMine, { description: 'Go to My conversations' });
 *   useShortcut('mod+enter', send, { description: 'Send', scope: 'Composer' });  // also fires while typing
 *   useShortcut(['j', 'arrowdown'], next, { description: 'Next row', scope: 'Inbox' });
 *
 * Key specs: a letter or symbol ("c", "?", "/"), modifiers joined by "+" ("shift+n", "mod+enter" = Ctrl or ⌘,
 * "alt+x"), named keys ("escape", "enter", "arrowdown", "space"), and two-key sequences separated by a space
 * ("g i"). Single keys are ignored while focus is in a text field, except Escape and Mod+Enter (or when
 * `allowInInputs` is set). The newest registration of the same keys wins; return false from the handler to pass
 * the key on. `enabled: false` unregisters (e.g. a button that is disabled).
 */
export function useShortcut(
  keys: string | string[],
  handler: TShortcutHandler,
  options: TShortcutOptions & { enabled?: boolean },
): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  const keyId = Array.isArray(keys) ? keys.join('|') : keys;
  const { description, scope, allowInInputs, hidden, enabled = true } = options;
  useEffect(() => {
    if (!enabled) return;
    install();
    return shortcuts.register(keyId.split('|'), (input) => handlerRef.current(input), {
      description,
      scope,
      allowInInputs,
      hidden,
    });
  }, [keyId, description, scope, allowInInputs, hidden, enabled]);
}

/** Every registered shortcut, live (for the help overlay). */
export function useShortcutEntries(): TShortcutEntry[] {
  return useSyncExternalStore(
    (l) => shortcuts.subscribe(l),
    () => shortcuts.entries(),
    () => shortcuts.entries(),
  );
}

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
