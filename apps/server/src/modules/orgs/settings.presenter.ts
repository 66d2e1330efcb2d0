import type { TOrgRow } from '../../db/schema.js';

/** The organization settings administrators edit in the web app. */
export function presentOrgSettings(org: TOrgRow) {
  return {
    name: org.name,
    timezone: org.timezone,
    reopenWindowMinutes: org.reopen_window_minutes,
    topicsRequiredOnClose: org.topics_required_on_close,
  };
}
