/**
 * The portfolio stage's sorts without a comparator (issue 14, engine2 round). largestFirst against
 * the comparator sort it replaced: the same values in the same sequence (-0 and 0 taken as one,
 * the only values whose places may differ) and the same running sums, on random amounts with
 * ties, -0, infinities and NaN (NaN: the comparator sort itself). The customers' best-rank order
 * is held by portfolio-rollup.test.ts (the whole stage against reference/portfolio-before.ts).
 */
import fc from "fast-check";
import { largestFirst } from "../../src/engine/stages/portfolio-rollup";

const amount = fc.oneof(
  fc.constantFrom(0, -0, 100, 100, 250, Infinity, -Infinity),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ noNaN: true }),
);

test("largestFirst: the comparator sort's sequence and sums, -0 and 0 as one", () => {
  fc.assert(
    fc.property(fc.array(amount, { maxLength: 400 }), (xs) => {
      const a = xs.slice();
      const b = xs.slice();
      largestFirst(a);
      b.sort((x, y) => y - x);
      expect(a.map((x) => x + 0)).toEqual(b.map((x) => x + 0));
      let sa = 0;
      let sb = 0;
      for (let j = 0; j < a.length; j++) {
        sa += a[j];
        sb += b[j];
        expect(Object.is(sa, sb)).toBe(true);
      }
    }),
    { numRuns: 500 },
  );
});

test("largestFirst with NaN is the comparator sort itself", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(amount, fc.constant(Number.NaN)), { maxLength: 100 }), (xs) => {
      const a = [...xs, Number.NaN];
      const b = a.slice();
      largestFirst(a);
      b.sort((x, y) => y - x);
      expect(a).toEqual(b);
    }),
  );
});

test("largestFirst by hand", () => {
  const a = [3, 10, -1, 10, 0];
  largestFirst(a);
  expect(a).toEqual([10, 10, 3, 0, -1]);
});
