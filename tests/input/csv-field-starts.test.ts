/**
 * FieldStarts.cut (csv-field-starts.ts), the plain-row scan's one pass over a field of a column
 * kept by starts, against the two passes it replaced as the reference: the scan's delimiter loop
 * (where the field ends) then FieldStarts.put (its start, and plainCentsOf's cents). On random
 * fields made mostly of the characters plain money text is made of (digits, sign, point) with
 * anything else mixed in, up to and past the 15-unit edge, followed by a delimiter, a line end or
 * the end of the text, in UTF-8 bytes and UTF-16 units: the same end, start and cents (NaN and
 * the sign of zero included).
 */
import fc from "fast-check";
import { FieldCodes } from "../../src/workbook/csv-field-codes";
import { FieldStarts } from "../../src/workbook/csv-field-starts";

const UNIT = fc.constantFrom(...'0123456789012345678901234567890123456789--..x $,;"e\r\n\té');
const DIGIT = fc.constantFrom(..."0123456789");

/** Money-shaped text around the 15-unit edge: -?digits(.digits)?, 0-3 decimals. */
const MONEY = fc
  .tuple(
    fc.constantFrom([], ["-"]),
    // Lengths drawn evenly (fast-check's arrays favour short ones).
    fc
      .integer({ min: 0, max: 17 })
      .chain((length) => fc.array(DIGIT, { minLength: length, maxLength: length })),
    fc.option(fc.array(DIGIT, { maxLength: 3 }), { nil: undefined }),
  )
  .map(([sign, whole, decimals]) => [
    ...sign,
    ...whole,
    ...(decimals === undefined ? [] : [".", ...decimals]),
  ]);

/** The reference: the delimiter loop, then put. */
function referenceCut(
  starts: FieldStarts,
  row: number,
  text: Uint8Array | Uint16Array,
  from: number,
  d: number,
): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === d || c === 10 || c === 13) break;
    i++;
  }
  starts.put(row, text, from, i);
  return i;
}

const fresh = (text: Uint8Array | Uint16Array): FieldStarts =>
  new FieldStarts(new FieldCodes(4, 0), 0, 4, text);

describe("FieldStarts.cut: one pass gives the delimiter loop's end and put's start and cents", () => {
  it("on random fields (money-like, odd, empty, long) after random text, UTF-8 and UTF-16", () => {
    fc.assert(
      fc.property(
        fc.array(UNIT, { maxLength: 4 }),
        fc.oneof(MONEY, fc.array(UNIT, { maxLength: 20 })),
        fc.array(UNIT, { maxLength: 4 }),
        fc.constantFrom(",", ";", "\t"),
        fc.boolean(),
        (before, field, after, delimiter, wide) => {
          const whole = before.join("") + field.join("") + after.join("");
          const text = wide
            ? Uint16Array.from(whole, (ch) => ch.charCodeAt(0))
            : new Uint8Array(Buffer.from(whole, "latin1"));
          const from = before.length;
          // The scan never calls cut on a field that opens with a quote.
          if (text[from] === 34) return;
          const d = delimiter.charCodeAt(0);
          const got = fresh(text);
          const want = fresh(text);
          const end = got.cut(1, text, from, d);
          expect(end).toBe(referenceCut(want, 1, text, from, d));
          expect(got.at[1]).toBe(want.at[1]);
          expect(Object.is(got.cents[1], want.cents[1])).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("hand-worked fields", () => {
    const cases: [string, number, number][] = [
      // [text, end, cents]
      ["68.15,111", 5, 6815],
      ["-0,", 2, 0],
      ["-3.5\n", 4, -350],
      ["1.234,", 5, NaN],
      ["1.,", 2, NaN],
      ["-,", 1, NaN],
      ["12x,", 3, NaN],
      ["123456789012.34", 15, 12345678901234],
      ["1234567890123.45", 16, NaN],
      [",", 0, NaN],
      ["7", 1, 700],
    ];
    for (const [written, end, cents] of cases) {
      const text = new Uint8Array(Buffer.from(written, "latin1"));
      const starts = fresh(text);
      expect(starts.cut(0, text, 0, 44)).toBe(end);
      expect(starts.at[0]).toBe(end === 0 ? -1 : 0);
      expect(Object.is(starts.cents[0], cents)).toBe(true);
    }
  });
});
