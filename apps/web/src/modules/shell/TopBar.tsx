import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { canManage, type TSession } from '../../app/session';
import { api } from '../../lib/api-client';
import { realtime } from '../../realtime';
import { ArrowRightIcon, KeyboardIcon, LogoutIcon, SettingsIcon, TeamIcon } from '../../ui/icons';
import { Avatar, Button, showToast } from '../../ui/ui';
import { useNext } from '../offers/offers-api';
import { AvailabilityChips } from '../presence/AvailabilityChips';
import type { TPresence } from '../presence/presence-api';
import { StatusMenu } from '../presence/StatusMenu';
import { GlobalSearchBox } from '../search/GlobalSearchBox';
import { openShortcutsHelp, ShortcutKeys, useShortcut } from '../shortcuts';
import { MenuItem, MenuSection, Popover } from './Popover';
import s from './shell.module.css';

export function Logo() {
  return (
    <span className={s.logo}>
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
        <rect width="24" height="24" rx="7" fill="var(--brand)" />
        <path
          d="M12 5.5c.6 2.4 3.9 4 3.9 7.4A3.9 3.9 0 0 1 12 16.8a3.9 3.9 0 0 1-3.9-3.9c0-1.6.9-2.6 1.7-3.3.2 1.1.8 1.8 1.5 2 0-2.2-.4-4 .7-6.1Z"
          fill="#fff"
        />
      </svg>
      Hearth
    </span>
  );
}

/** Why Next is unavailable, or null when it can be clicked (spec 2.6 and 5.4). */
export function nextBlockedReason(presence: TPresence | undefined): string | null {
  if (!presence) return 'Loading your status…';
  if (!presence.loggedIn) return 'Log in to routing first';
  if (presence.status === 'AWAY') return 'You are Away';
  if (presence.focusMode) return 'Focus mode is on';
  if (presence.availableFor.length === 0) return 'Turn on at least one channel';
  return null;
}

export function TopBar({ session, presence }: { session: TSession; presence: TPresence | undefined }) {
  const next = useNext();
  const blocked = nextBlockedReason(presence);
  const requestNext = () => {
    if (blocked) {
      showToast(`Next is unavailable: ${blocked.toLowerCase()}.`);
      return;
    }
    if (!next.isPending) next.mutate();
  };
  useShortcut('n', requestNext, { description: 'Next: get the next conversation' });

  return (
    <header className={s.topbar}>
      <Link to="/inbox/mine" className={s.brandLink} aria-label="Hearth home">
        <Logo />
      </Link>
      <div className={s.search}>
        <GlobalSearchBox />
      </div>
      <div className={s.topRight}>
        <AvailabilityChips presence={presence} />
        <StatusMenu presence={presence} />
        <Button
          variant="primary"
          className={s.nextButton}
          onClick={requestNext}
          disabled={!!blocked || next.isPending}
          title={blocked ?? 'Get the next conversation (N)'}
          data-testid="next"
        >
          Next
          <ArrowRightIcon size={14} />
        </Button>
        <UserMenu session={session} />
      </div>
    </header>
  );
}

function UserMenu({ session }: { session: TSession }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const manager = canManage(session.user);
  const go = (to: string) => () => {
    setOpen(false);
    navigate(to);
  };
  const logout = async () => {
    setOpen(false);
    try {
      await api.post('/api/internal/auth/logout');
    } catch {
      // Signed out either way: the cookie is gone or was already invalid.
    }
    realtime.stop();
    queryClient.clear();
    navigate('/login', { replace: true });
  };
  return (
    <Popover
      open={open}
      onClose={close}
      label="Account"
      width={248}
      trigger={
        <button
          type="button"
          className={s.userButton}
          data-testid="user-menu"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-label={`Account: ${session.user.name}`}
          onClick={() => setOpen((o) => !o)}
        >
          <Avatar name={session.user.name} size={28} />
        </button>
      }
    >
      <div className={s.userHeader}>
        <Avatar name={session.user.name} size={32} />
        <div className={s.userText}>
          <strong>{session.user.name}</strong>
          <span>{session.user.email}</span>
        </div>
      </div>
      <MenuSection>
        {manager && (
          <MenuItem icon={<TeamIcon size={15} />} onSelect={go('/team')}>
            Team
          </MenuItem>
        )}
        {manager && (
          <MenuItem icon={<SettingsIcon size={15} />} onSelect={go('/settings')}>
            Settings
          </MenuItem>
        )}
        <MenuItem
          icon={<KeyboardIcon size={15} />}
          hint={<ShortcutKeys spec="?" />}
          onSelect={() => {
            setOpen(false);
            openShortcutsHelp();
          }}
        >
          Keyboard shortcuts
        </MenuItem>
      </MenuSection>
      <MenuSection>
        <MenuItem icon={<LogoutIcon size={15} />} onSelect={logout} testId="logout">
          Log out
        </MenuItem>
      </MenuSection>
    </Popover>
  );
}
