import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../app/session';
import { ApiError, onUnauthorized } from '../lib/api-client';
import { OfferBanner } from '../modules/offers/OfferBanner';
import { usePresence, usePresenceLogin } from '../modules/presence/presence-api';
import { Sidebar } from '../modules/shell/Sidebar';
import s from '../modules/shell/shell.module.css';
import { Logo, TopBar } from '../modules/shell/TopBar';
import { ShortcutsHelp, useShortcut } from '../modules/shortcuts';
import { useRealtimeConnection } from '../realtime';
import { Spinner, Toasts } from '../ui/ui';

/** Where to come back to after signing in: the current path, unless it is the login page itself. */
export function loginPath(location: { pathname: string; search: string; hash: string }): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (location.pathname.startsWith('/login') || here === '/') return '/login';
  return `/login?next=${encodeURIComponent(here)}`;
}

/** The desktop frame: top bar, navigation, offer banner and the page. Signed-out users go to /login. */
export function AppShell() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // Any 401 from any request means the session ended (expired, signed out in another tab, revoked).
  const locationRef = useRef(location);
  locationRef.current = location;
  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.clear();
        navigate(loginPath(locationRef.current), { replace: true });
      }),
    [navigate, queryClient],
  );

  const signedIn = !!session.data;
  useRealtimeConnection(signedIn);

  if (session.isPending) {
    return (
      <div className={s.boot}>
        <Logo />
        <Spinner />
      </div>
    );
  }
  if (session.isError || !session.data) {
    if (session.error instanceof ApiError && session.error.status !== 401) {
      return (
        <div className={s.boot}>
          <Logo />
          <p className={s.bootError}>Hearth is not reachable right now ({session.error.message}).</p>
          <button type="button" className={s.bootRetry} onClick={() => session.refetch()}>
            Try again
          </button>
        </div>
      );
    }
    return <Navigate to={loginPath(location)} replace />;
  }
  return <SignedInShell session={session.data} />;
}

function SignedInShell({ session }: { session: NonNullable<ReturnType<typeof useSession>['data']> }) {
  const presence = usePresence();
  const login = usePresenceLogin();
  const navigate = useNavigate();

  // Opening the desktop logs the agent in to routing once per page load (Gladly does this at sign-in). A later
  // logout by a manager or the idle timer is respected: the status menu offers "Log in to routing".
  const triedLogin = useRef(false);
  useEffect(() => {
    if (presence.data && !presence.data.loggedIn && !triedLogin.current) {
      triedLogin.current = true;
      login.mutate();
    } else if (presence.data) triedLogin.current = true;
  }, [presence.data, login]);

  useShortcut('g i', () => navigate('/inbox/mine'), { description: 'Go to My conversations' });
  useShortcut(
    '/',
    () => {
      const el = document.querySelector<HTMLElement>('[data-testid=global-search]');
      const input = el instanceof HTMLInputElement ? el : el?.querySelector<HTMLInputElement>('input');
      if (!input) return false;
      input.focus();
      input.select();
    },
    { description: 'Search customers and conversations' },
  );

  return (
    <div className={s.app}>
      <TopBar session={session} presence={presence.data} />
      <div className={s.body}>
        <Sidebar />
        <main className={s.main}>
          <OfferBanner />
          <Outlet />
        </main>
      </div>
      <ShortcutsHelp />
      <Toasts />
    </div>
  );
}
