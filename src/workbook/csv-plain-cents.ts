/**
 * Plain money text as integer cents, straight from a CSV's code units (csv-columns.ts): the text
 * `-?digits[.d[d]]` of at most 15 units gives exactly the cents coerce-number.ts coerceMoney gives
 * for it; any other text (a quoted field, a currency sign, a thousands separator, an exponent...)
 * gives NaN and is read through the cell's text instead.
 */
import type { CsvUnits } from "./csv-field-codes";

/** The plain cents of units [from, to), NaN when they are not plain money text. */
export function plainCentsOf(text: CsvUnits, from: number, to: number): number {
  if (to === from || to - from > 15) return NaN;
  let k = from;
  const neg = text[k] === 45; /* - */
  if (neg) k++;
  let units = 0;
  let digits = 0;
  for (; k < to; k++) {
    const c = text[k] - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    digits++;
  }
  if (digits === 0) return NaN;
  let cents = units * 100;
  if (k < to) {
    if (text[k] !== 46 /* . */) return NaN;
    k++;
    const decimals = to - k;
    if (decimals < 1 || decimals > 2) return NaN;
    for (let m = 0; m < decimals; m++) {
      const c = text[k + m] - 48;
      if (c < 0 || c > 9) return NaN;
      cents += c * (m === 0 ? 10 : 1);
    }
  }
  return neg && cents !== 0 ? -cents : cents;
}
