/** Team object (API spec 4.10). Teams are for reporting and filtering only (product spec 11.2). */
export function presentTeam(team: { id: string; name: string; description: string }, agentIds: string[]) {
  return { id: team.id, name: team.name, description: team.description, agentIds };
}
