import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../app/session';
import { ApiError, api } from '../lib/api-client';
import { qk } from '../lib/query-keys';
import s from '../modules/shell/login.module.css';
import { Logo } from '../modules/shell/TopBar';
import { Button, Spinner } from '../ui/ui';

/** Only same-site paths are followed after sign-in (no open redirect to another origin). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return '/';
  }
  return next;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.data && !busy) return <Navigate to={next} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/internal/auth/login', { email: email.trim(), password });
      queryClient.clear();
      await queryClient.fetchQuery({ queryKey: qk.me, queryFn: () => api.get('/api/internal/auth/me') });
      navigate(next, { replace: true });
    } catch (err) {
      const message =
        err instanceof ApiError && err.status === 401
          ? 'That email and password do not match an account.'
          : err instanceof ApiError && err.status === 429
            ? 'Too many attempts. Wait a minute and try again.'
            : err instanceof Error
              ? err.message
              : 'Sign-in failed.';
      setError(message);
      setBusy(false);
    }
  };

  return (
    <div className={s.page}>
      <div className={s.card}>
        <div className={s.brand}>
          <Logo />
        </div>
        <h1 className={s.title}>Sign in to your desk</h1>
        <p className={s.subtitle}>Every customer, every channel, one timeline.</p>
        <form onSubmit={submit} noValidate className={s.form}>
          <label className={s.field} htmlFor="email">
            <span>Email</span>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              // biome-ignore lint/a11y/noAutofocus: the only thing to do on this page
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={!!error}
              className={s.input}
            />
          </label>
          <label className={s.field} htmlFor="password">
            <span>Password</span>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={!!error}
              className={s.input}
            />
          </label>
          <div className={s.error} role="alert" aria-live="polite">
            {error}
          </div>
          <Button type="submit" variant="primary" className={s.submit} disabled={busy}>
            {busy ? <Spinner label="Signing in" /> : 'Sign in'}
          </Button>
        </form>
      </div>
      <p className={s.footer}>Hearth · open-source customer service</p>
    </div>
  );
}
