// Card-number redaction before anything leaves the browser (product spec 3.4): numbers of 13–19 digits that pass
// the Luhn check become "••••" plus their last four digits. Digits may be grouped with single spaces or dashes
// ("4111 1111 1111 1111", "4111-1111-1111-1111"). Never touched: numbers failing Luhn, digits that are part of a
// longer unbroken digit run, shorter/longer numbers, and international phone numbers written with a leading "+".

export const CARD_MASK = '••••';

/** The Luhn (mod 10) checksum over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

interface TGroup {
  start: number;
  end: number;
  digits: string;
}

/** Runs of digit groups joined by exactly one space or dash, not touching other digits. */
const RUN = /\d+(?:[ -]\d+)*/g;

export interface TMaskResult {
  text: string;
  /** How many card numbers were masked. */
  masked: number;
}

export function maskCardNumbersDetailed(text: string): TMaskResult {
  let masked = 0;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(RUN)) {
    const runStart = match.index ?? 0;
    if (text[runStart - 1] === '+') continue; // "+44 7700 900123 …": a phone number, not a card
    const groups: TGroup[] = [];
    for (const g of match[0].matchAll(/\d+/g)) {
      const start = runStart + (g.index ?? 0);
      groups.push({ start, end: start + g[0].length, digits: g[0] });
    }
    // Try consecutive groups, longest first from each start, so "4111 1111 1111 1111 exp 12" and
    // "card 4111-1111-1111-1111 12/26" both mask the card and leave the rest; a single group is never split.
    let i = 0;
    while (i < groups.length) {
      let matchedTo = -1;
      for (let j = groups.length - 1; j >= i; j--) {
        const digits = groups
          .slice(i, j + 1)
          .map((g) => g.digits)
          .join('');
        if (digits.length < 13 || digits.length > 19) continue;
        if (passesLuhn(digits)) {
          matchedTo = j;
          out += text.slice(last, groups[i]!.start) + CARD_MASK + digits.slice(-4);
          last = groups[j]!.end;
          masked++;
          break;
        }
      }
      i = matchedTo >= 0 ? matchedTo + 1 : i + 1;
    }
  }
  out += text.slice(last);
  return { text: out, masked };
}

/** The text with every Luhn-valid card number masked to "••••1234". */
export function maskCardNumbers(text: string): string {
  return maskCardNumbersDetailed(text).text;
}
