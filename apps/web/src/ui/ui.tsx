import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode } from 'react';
import { useEffect, useSyncExternalStore } from 'react';
import s from './ui.module.css';

// The small design system: the only place generic look-and-feel lives. ui/ never imports from modules/ or pages/.

type TButtonVariant = 'default' | 'primary' | 'danger' | 'ghost';

export function Button({
  variant = 'default',
  size,
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TButtonVariant; size?: 'small' }) {
  const classes = [s.button, variant !== 'default' ? s[variant] : '', size === 'small' ? s.small : '', className ?? ''];
  return <button type={type} className={classes.filter(Boolean).join(' ')} {...rest} />;
}

export function Badge({
  tone,
  children,
  title,
}: {
  tone?: 'brand' | 'ok' | 'warn' | 'danger';
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`${s.badge} ${tone ? s[`badge-${tone}`] : ''}`} title={title}>
      {children}
    </span>
  );
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]?.[0], parts[parts.length - 1]?.[0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}

export function Avatar({ name, size = 32 }: { name: string; size?: number }) {
  return (
    <span className={s.avatar} style={{ width: size, height: size, fontSize: size * 0.4 }} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className={s.spinner} role="status" aria-label={label} />;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className={s.empty}>{children}</div>;
}

export function TextField({
  label,
  id,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string }) {
  return (
    <div className={s.field}>
      <label htmlFor={id}>{label}</label>
      <input id={id} className={s.input} {...rest} />
    </div>
  );
}

export const inputClass = s.input;
export const fieldClass = s.field;

export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicking the backdrop closes; Escape does the same
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape is handled on window
    <div className={s.backdrop} onClick={onClose}>
      <div
        className={s.modal}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

// Toasts: a tiny external store so any code (mutations, the realtime client) can tell the user something.
interface TToast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}
let toasts: TToast[] = [];
let nextToastId = 1;
const toastListeners = new Set<() => void>();
function emitToasts() {
  for (const l of toastListeners) l();
}

export function showToast(text: string, tone: 'info' | 'error' = 'info', ms = 5000): void {
  const toast = { id: nextToastId++, text, tone };
  toasts = [...toasts, toast];
  emitToasts();
  setTimeout(() => {
    toasts = toasts.filter((t) => t.id !== toast.id);
    emitToasts();
  }, ms);
}

export function Toasts() {
  const list = useSyncExternalStore(
    (l) => {
      toastListeners.add(l);
      return () => toastListeners.delete(l);
    },
    () => toasts,
  );
  return (
    <div className={s.toasts} aria-live="polite">
      {list.map((t) => (
        <div key={t.id} className={`${s.toast} ${t.tone === 'error' ? s['toast-error'] : ''}`} role="alert">
          {t.text}
        </div>
      ))}
    </div>
  );
}
