/** Audience object (API spec 4.10): answers are tagged with audiences to tailor them (product spec 8.2). */
export function presentAudience(audience: { id: string; name: string }) {
  return { id: audience.id, name: audience.name };
}
