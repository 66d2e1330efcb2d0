import { useCallback, useState } from 'react';
import { CheckIcon, ChevronDownIcon } from '../../ui/icons';
import { MenuItem, MenuSection, Popover } from '../shell/Popover';
import s from './presence.module.css';
import { statusLabel, type TPresence, useChangePresence, usePresenceLogin, useStatusReasons } from './presence-api';

type TTone = 'active' | 'away' | 'focus' | 'out';

export function presenceTone(p: TPresence | undefined): TTone {
  if (!p?.loggedIn) return 'out';
  if (p.status === 'AWAY') return 'away';
  return p.focusMode ? 'focus' : 'active';
}

/** The agent's Active/Away status with its reason, always visible in the top bar; a menu changes it. */
export function StatusMenu({ presence }: { presence: TPresence | undefined }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const reasons = useStatusReasons();
  const change = useChangePresence();
  const login = usePresenceLogin();
  const tone = presenceTone(presence);
  const active = (reasons.data ?? []).filter((r) => r.kind === 'ACTIVE' && !r.disabled);
  const away = (reasons.data ?? []).filter((r) => r.kind === 'AWAY' && !r.disabled);
  const pick = (fn: () => void) => () => {
    fn();
    setOpen(false);
  };
  const canFocus = !!presence && presence.availableFor.length > 0 && presence.status === 'ACTIVE';

  return (
    <Popover
      open={open}
      onClose={close}
      label="Status"
      width={272}
      trigger={
        <button
          type="button"
          className={`${s.status} ${s[`tone-${tone}`]}`}
          data-testid="agent-status"
          data-status={presence ? (presence.loggedIn ? presence.status : 'LOGGED_OUT') : 'LOADING'}
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <span className={s.dot} aria-hidden="true" />
          <span className={s.statusText}>{presence ? statusLabel(presence) : 'Loading…'}</span>
          <ChevronDownIcon size={14} />
        </button>
      }
    >
      {presence && !presence.loggedIn ? (
        <MenuSection>
          <p className={s.menuNote}>You are logged out of routing, so no work is offered to you.</p>
          <MenuItem onSelect={pick(() => login.mutate())}>Log in to routing</MenuItem>
        </MenuSection>
      ) : (
        <>
          <MenuSection title="Active">
            {active.length === 0 && (
              <MenuItem
                checked={presence?.status === 'ACTIVE'}
                icon={presence?.status === 'ACTIVE' ? <CheckIcon size={14} /> : null}
                onSelect={pick(() => change.mutate({ status: 'ACTIVE' }))}
              >
                Active
              </MenuItem>
            )}
            {active.map((r) => {
              const checked = presence?.status === 'ACTIVE' && presence.activeReason?.id === r.id;
              return (
                <MenuItem
                  key={r.id}
                  checked={checked}
                  icon={checked ? <CheckIcon size={14} /> : null}
                  onSelect={pick(() => change.mutate({ status: 'ACTIVE', activeReasonId: r.id }))}
                >
                  {r.name}
                </MenuItem>
              );
            })}
          </MenuSection>
          <MenuSection title="Away">
            {away.length === 0 && (
              <MenuItem
                checked={presence?.status === 'AWAY'}
                icon={presence?.status === 'AWAY' ? <CheckIcon size={14} /> : null}
                onSelect={pick(() => change.mutate({ status: 'AWAY' }))}
              >
                Away
              </MenuItem>
            )}
            {away.map((r) => {
              const checked = presence?.status === 'AWAY' && presence.awayReason?.id === r.id;
              return (
                <MenuItem
                  key={r.id}
                  checked={checked}
                  icon={checked ? <CheckIcon size={14} /> : null}
                  onSelect={pick(() => change.mutate({ status: 'AWAY', awayReasonId: r.id }))}
                >
                  {r.name}
                </MenuItem>
              );
            })}
          </MenuSection>
          <MenuSection>
            <label
              className={`${s.focusRow} ${canFocus || presence?.focusMode ? '' : s.disabled}`}
              title={canFocus ? undefined : 'Be Active and available in at least one channel to focus'}
            >
              <span>
                <strong>Focus mode</strong>
                <span className={s.focusHint}>Pause new offers; finish what you have</span>
              </span>
              <input
                type="checkbox"
                className={s.switch}
                checked={!!presence?.focusMode}
                disabled={!canFocus && !presence?.focusMode}
                onChange={(e) => change.mutate({ focusMode: e.target.checked })}
              />
            </label>
          </MenuSection>
        </>
      )}
    </Popover>
  );
}
