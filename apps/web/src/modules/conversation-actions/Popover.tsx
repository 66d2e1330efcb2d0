import { type ReactNode, useEffect, useRef } from 'react';
import s from './ConversationBar.module.css';

/** A panel anchored under its trigger; closes on Escape or a click outside. */
export function Popover({
  open,
  onClose,
  children,
  label,
  align = 'left',
}: {
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  label: string;
  align?: 'left' | 'right';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const parent = ref.current?.parentElement;
      if (parent && !parent.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open, onClose]);
  if (!open) return null;
  return (
    <div
      ref={ref}
      className={`${s.popover} ${align === 'right' ? s.popoverRight : ''}`}
      role="dialog"
      aria-label={label}
    >
      {children}
    </div>
  );
}

/** Arrow-key movement through a list of options while focus stays in a search box. */
export function moveActive(key: string, active: number, count: number): number | null {
  if (!count) return null;
  if (key === 'ArrowDown') return active < 0 ? 0 : (active + 1) % count;
  if (key === 'ArrowUp') return active <= 0 ? count - 1 : active - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
