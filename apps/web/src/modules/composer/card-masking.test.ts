import { describe, expect, it } from 'vitest';
import { maskCardNumbers, maskCardNumbersDetailed, passesLuhn } from './card-masking';

// An independent Luhn check digit, so the long/short cases are valid numbers that only the length rule protects.
function withCheckDigit(partial: string): string {
  let sum = 0;
  let double = true;
  for (let i = partial.length - 1; i >= 0; i--) {
    let d = Number(partial[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

describe('passesLuhn', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['378282246310005', true],
    ['79927398713', true],
    ['79927398710', false],
    ['', false],
    ['4111 1111', false],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('maskCardNumbers', () => {
  const twelve = withCheckDigit('12345678901');
  const twenty = withCheckDigit('4111111111111111111');
  const nineteen = withCheckDigit('630400000000000000');
  const thirteen = '4222222222222';

  it.each([
    // Visa, Mastercard (5- and 2-series), Amex, Discover, Diners, JCB test numbers, bare
    ['4111111111111111', '••••1111'],
    ['4012888888881881', '••••1881'],
    ['5555555555554444', '••••4444'],
    ['5105105105105100', '••••5100'],
    ['2223003122003222', '••••3222'],
    ['378282246310005', '••••0005'],
    ['371449635398431', '••••8431'],
    ['6011111111111117', '••••1117'],
    ['30569309025904', '••••5904'],
    ['3530111333300000', '••••0000'],
    // 13 and 19 digits are the bounds
    [thirteen, '••••2222'],
    [nineteen, `••••${nineteen.slice(-4)}`],
    // grouped with spaces or dashes
    ['4111 1111 1111 1111', '••••1111'],
    ['4111-1111-1111-1111', '••••1111'],
    ['3782 822463 10005', '••••0005'],
    ['5555-5555 5555-4444', '••••4444'],
    // inside text
    ['my card is 4111 1111 1111 1111, thanks', 'my card is ••••1111, thanks'],
    ['card:4111111111111111.', 'card:••••1111.'],
    ['(5105105105105100)', '(••••5100)'],
    ['4111 1111 1111 1111 exp 12/26 cvv 123', '••••1111 exp 12/26 cvv 123'],
    ['4111-1111-1111-1111 12 26', '••••1111 12 26'],
    ['order 12345 4111111111111111', 'order 12345 ••••1111'],
    // two cards in one text
    ['first 4111111111111111 then 5555-5555-5555-4444 ok', 'first ••••1111 then ••••4444 ok'],
    ['line one 378282246310005\nline two 6011 1111 1111 1117', 'line one ••••0005\nline two ••••1117'],
  ])('masks %j', (input, expected) => {
    expect(maskCardNumbers(input)).toBe(expected);
  });

  it.each([
    ['fails Luhn', '4111111111111112'],
    ['fails Luhn, spaced', '4111 1111 1111 1112'],
    ['12 digits even though Luhn-valid', twelve],
    ['20 digits even though Luhn-valid', twenty],
    ['a card inside a longer digit run', `9${'4111111111111111'}`],
    ['a card followed by more digits', '41111111111111110'],
    ['US phone', 'call me at 415-555-2671 or (415) 555 2671'],
    ['international phone with +, Luhn-valid digits', 'call +4915112345678'],
    ['international phone with + and spaces', '+49 151 1234 5678'],
    ['order number', 'Order #100234 shipped'],
    ['dates and amounts', 'On 2024-05-01 we charged $1,234.56'],
    ['two separators are not one number', '4111  1111  1111  1111'],
    ['empty', ''],
    ['no digits', 'hello there'],
  ])('leaves alone: %s', (_label, input) => {
    expect(maskCardNumbers(input)).toBe(input);
  });

  it('counts what it masked', () => {
    expect(maskCardNumbersDetailed('a 4111111111111111 b 378282246310005 c 4111111111111112')).toEqual({
      text: 'a ••••1111 b ••••0005 c 4111111111111112',
      masked: 2,
    });
    expect(maskCardNumbersDetailed('nothing here').masked).toBe(0);
  });

  it('is idempotent', () => {
    const once = maskCardNumbers('pay with 4111 1111 1111 1111');
    expect(maskCardNumbers(once)).toBe(once);
  });
});
