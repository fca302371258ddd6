import fc from "fast-check";
import { grown } from "../../src/workbook/grown-array";

describe("grown", () => {
  test("a hand-worked case: [1, 2, 3] grown to 4 with -1 is [1, 2, 3, -1, -1, -1]", () => {
    const a = Int32Array.of(1, 2, 3);
    expect([...grown(a, 4, -1)]).toEqual([1, 2, 3, -1, -1, -1]);
    expect(grown(a, 3)).toBe(a);
  });

  test("keeps the entries, makes room for need (at least doubling), fills the rest, keeps the type", () => {
    const kinds = [
      (xs: number[]) => Int32Array.from(xs),
      (xs: number[]) => Uint8Array.from(xs.map((x) => x & 255)),
      (xs: number[]) => Float64Array.from(xs),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 40 }),
        fc.nat({ max: 200 }),
        fc.constantFrom(0, 7),
        fc.nat({ max: 2 }),
        (xs, need, fill, kind) => {
          const a = kinds[kind](xs);
          const b = grown(a, need, fill);
          expect(b.constructor).toBe(a.constructor);
          if (need <= a.length) {
            expect(b).toBe(a);
            return;
          }
          expect(b.length).toBe(Math.max(need, 2 * a.length));
          expect([...b.subarray(0, a.length)]).toEqual([...a]);
          expect([...b.subarray(a.length)].every((v) => v === fill)).toBe(true);
          expect([...a]).toEqual([...kinds[kind](xs)]); // the input is not changed
        },
      ),
    );
  });
});
