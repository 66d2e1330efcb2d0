import { type ReactNode, useEffect, useRef } from 'react';
import s from './shell.module.css';

/** A menu panel anchored under its trigger; closes on outside click and Escape. */
export function Popover({
  open,
  onClose,
  trigger,
  children,
  align = 'right',
  width = 260,
  label,
}: {
  open: boolean;
  onClose: () => void;
  trigger: ReactNode;
  children: ReactNode;
  align?: 'left' | 'right';
  width?: number;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open, onClose]);
  return (
    <div className={s.popoverWrap} ref={ref}>
      {trigger}
      {open && (
        <div
          className={`${s.popover} ${align === 'left' ? s.popoverLeft : ''}`}
          style={{ width }}
          role="menu"
          aria-label={label}
        >
          {children}
        </div>
      )}
    </div>
  );
}

export function MenuItem({
  children,
  onSelect,
  icon,
  checked,
  hint,
  testId,
  disabled,
}: {
  children: ReactNode;
  onSelect: () => void;
  icon?: ReactNode;
  checked?: boolean;
  hint?: ReactNode;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      aria-current={checked ? 'true' : undefined}
      className={s.menuItem}
      onClick={onSelect}
      data-testid={testId}
      disabled={disabled}
    >
      <span className={s.menuIcon}>{icon}</span>
      <span className={s.menuLabel}>{children}</span>
      {hint && <span className={s.menuHint}>{hint}</span>}
    </button>
  );
}

export function MenuSection({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div className={s.menuSection}>
      {title && <div className={s.menuTitle}>{title}</div>}
      {children}
    </div>
  );
}
