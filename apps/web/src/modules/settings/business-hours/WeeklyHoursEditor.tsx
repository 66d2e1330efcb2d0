import type { Dispatch } from 'react';
import { Button, inputClass } from '../../../ui/ui';
import s from '../settings.module.css';
import { type TOfficeHours, WEEKDAYS } from '../shared/settings-types';
import { dayProblems, type THoursAction } from './hours-editor';

/** One row per weekday: open/closed, one or more time ranges (e.g. around lunch), copy to weekdays. */
export function WeeklyHoursEditor({ hours, dispatch }: { hours: TOfficeHours; dispatch: Dispatch<THoursAction> }) {
  return (
    <div data-testid="weekly-hours">
      {WEEKDAYS.map((day) => {
        const blocks = hours[day];
        const problems = dayProblems(blocks);
        return (
          <div key={day} className={s.dayRow} data-testid={`hours-${day}`}>
            <div className={s.dayName}>{day}</div>
            <label className={s.checkRow}>
              <input
                type="checkbox"
                checked={blocks.length > 0}
                onChange={(e) => dispatch({ type: 'open', day, open: e.target.checked })}
              />
              {blocks.length > 0 ? 'Open' : 'Closed'}
            </label>
            <div className={s.blocks}>
              {blocks.map((block, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity beyond their position
                <div key={index} className={s.block}>
                  <input
                    type="time"
                    className={`${inputClass} ${s.timeInput}`}
                    aria-label={`${day} range ${index + 1} start`}
                    value={block.start}
                    onChange={(e) =>
                      dispatch({ type: 'edit-block', day, index, field: 'start', value: e.target.value })
                    }
                  />
                  <span className={s.muted}>to</span>
                  <input
                    type="time"
                    className={`${inputClass} ${s.timeInput}`}
                    aria-label={`${day} range ${index + 1} end`}
                    value={block.stop}
                    onChange={(e) => dispatch({ type: 'edit-block', day, index, field: 'stop', value: e.target.value })}
                  />
                  <Button
                    size="small"
                    variant="ghost"
                    aria-label={`Remove ${day} range ${index + 1}`}
                    onClick={() => dispatch({ type: 'remove-block', day, index })}
                  >
                    ✕
                  </Button>
                </div>
              ))}
              {blocks.length > 0 ? (
                <div className={s.block}>
                  <Button size="small" variant="ghost" onClick={() => dispatch({ type: 'add-block', day })}>
                    + Add hours
                  </Button>
                  <Button size="small" variant="ghost" onClick={() => dispatch({ type: 'copy-to-weekdays', day })}>
                    Copy to Mon–Fri
                  </Button>
                </div>
              ) : null}
              {problems.map((p) => (
                <div key={p} className={s.fieldError} style={{ margin: 0 }}>
                  {p}
                </div>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
