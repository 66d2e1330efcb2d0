import { useSyncExternalStore } from 'react';
import { Modal } from '../../ui/ui';
import { groupEntries, strokeLabels } from './registry';
import s from './shortcuts.module.css';
import { isMac, useShortcut, useShortcutEntries } from './use-shortcut';

// The `?` overlay: every shortcut registered right now, grouped by scope. Mounted once by the shell.

let open = false;
const listeners = new Set<() => void>();
function setOpen(next: boolean): void {
  open = next;
  for (const l of listeners) l();
}
export function openShortcutsHelp(): void {
  setOpen(true);
}

/** Renders a key spec as keycaps: "g i" → [G] then [I]; "mod+enter" → [Ctrl]+[Enter]. */
export function ShortcutKeys({ spec }: { spec: string }) {
  const strokes = strokeLabels(spec, isMac);
  return (
    <span className={s.keys}>
      {strokes.map((parts, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: strokes of one spec never reorder
        <span key={i} className={s.stroke}>
          {i > 0 && <span className={s.then}>then</span>}
          {parts.map((p) => (
            <kbd key={p} className={s.kbd}>
              {p}
            </kbd>
          ))}
        </span>
      ))}
    </span>
  );
}

export function ShortcutsHelp() {
  const isOpen = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
    () => false,
  );
  useShortcut('?', () => setOpen(!open), { description: 'Show keyboard shortcuts' });
  useShortcut('escape', () => (open ? setOpen(false) : false), { description: 'Close', hidden: true });
  const entries = useShortcutEntries();
  if (!isOpen) return null;
  const groups = groupEntries(entries);
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setOpen(false)}>
      <div data-testid="shortcuts-help" className={s.help}>
        {groups.map((group) => (
          <section key={group.scope} className={s.group}>
            <h3 className={s.scope}>{group.scope}</h3>
            <ul className={s.list}>
              {group.entries.map((entry) => (
                <li key={entry.id} className={s.row}>
                  <span>{entry.description}</span>
                  <span className={s.alternatives}>
                    {entry.keys.map((k, i) => (
                      <span key={k} className={s.alt}>
                        {i > 0 && <span className={s.or}>or</span>}
                        <ShortcutKeys spec={k} />
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <p className={s.hint}>
          Single-key shortcuts pause while you type; Esc and {isMac ? '⌘' : 'Ctrl'}+Enter still work.
        </p>
      </div>
    </Modal>
  );
}
