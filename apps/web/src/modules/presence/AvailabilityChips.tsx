import { ChatIcon, MailIcon, PhoneIcon } from '../../ui/icons';
import s from './presence.module.css';
import {
  AVAILABILITY_TOGGLES,
  isToggleOn,
  type TPresence,
  toggleAvailability,
  useChangePresence,
} from './presence-api';

const ICONS = { VOICE: PhoneIcon, MESSAGING: ChatIcon, MAIL: MailIcon } as const;

/** Voice / Messaging / Mail & Tasks: which channel groups routing may offer this agent. */
export function AvailabilityChips({ presence }: { presence: TPresence | undefined }) {
  const change = useChangePresence();
  const current = presence?.availableFor ?? [];
  const disabled = !presence?.loggedIn;
  return (
    <fieldset className={s.chips} aria-label="Available for">
      {AVAILABILITY_TOGGLES.map((toggle) => {
        const on = isToggleOn(current, toggle.groups);
        const Icon = ICONS[toggle.id];
        return (
          <button
            key={toggle.id}
            type="button"
            className={`${s.chip} ${on ? s.chipOn : ''}`}
            aria-pressed={on}
            data-testid={`availability-${toggle.id}`}
            disabled={disabled}
            title={
              disabled
                ? 'Log in to routing to choose channels'
                : `${on ? 'Stop receiving' : 'Receive'} ${toggle.label.toLowerCase()} work`
            }
            onClick={() => change.mutate({ availableFor: toggleAvailability(current, toggle.groups) })}
          >
            <Icon size={14} />
            <span>{toggle.label}</span>
          </button>
        );
      })}
    </fieldset>
  );
}
