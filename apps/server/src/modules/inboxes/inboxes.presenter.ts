/** Inbox object of the public API (API spec 4.10): exactly id, name and disabled. */
export function presentInbox(inbox: { id: string; name: string; disabled: boolean }) {
  return { id: inbox.id, name: inbox.name, disabled: inbox.disabled };
}

/** The web app's view of an inbox, with what admins configure (product spec 11.1). */
export function presentInboxDetail(
  inbox: { id: string; name: string; disabled: boolean; sla_minutes: number },
  memberIds: string[],
) {
  return { ...presentInbox(inbox), slaMinutes: inbox.sla_minutes, memberIds };
}
