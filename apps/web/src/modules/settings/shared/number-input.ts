/** A number field's text as the API expects it: a number, or null when blank or not a number (the server says why). */
export function parseNumberInput(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Minutes as people read them: "90 min" → "1 h 30 min", "1440" → "1 day". */
export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return '0 min';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days} day${days > 1 ? 's' : ''}` : '', hours ? `${hours} h` : '', mins ? `${mins} min` : ''];
  return parts.filter(Boolean).join(' ');
}
