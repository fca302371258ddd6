/**
 * The sales reader's week pass for a table with no blank row and no total line
 * (sales-typed-pass.ts weekKindsByCount: rows counted per code, then each used code parsed once)
 * against weekKindsByCode, the per-row pass it stands in for: the same counts per kind, kinds and
 * used codes, each used code parsed exactly once, on random codes and kinds. Hand-worked: three
 * codes, one unused.
 */
import fc from "fast-check";
import { weekKindsByCode, weekKindsByCount } from "../../src/engine/input/sales-typed-pass";

const table = fc
  .record({
    codes: fc.integer({ min: 1, max: 12 }),
    kinds: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }),
  })
  .chain(({ codes, kinds }) =>
    fc.record({
      codes: fc.constant(codes),
      kinds: fc.constant(kinds),
      rows: fc.array(fc.integer({ min: 0, max: codes - 1 }), { maxLength: 60 }),
    }),
  );

/** One pass's outputs, and how often each code was parsed. */
function run(byCount: boolean, codes: number, kinds: number[], rows: number[]) {
  const code = Int32Array.from(rows);
  const kindOf = new Int8Array(codes).fill(-1);
  const used = new Uint8Array(codes);
  const parsed = new Int32Array(codes);
  const parse = (c: number): void => {
    parsed[c]++;
    kindOf[c] = kinds[c];
  };
  const counts = byCount
    ? weekKindsByCount(code, rows.length, parse, kindOf, used)
    : weekKindsByCode(
        { code, values: Array.from({ length: codes }, () => null) },
        parse,
        kindOf,
        new Uint8Array(rows.length),
        new Set<number>(),
        new Uint8Array(rows.length),
        used,
      );
  return {
    counts: Array.from(counts),
    kindOf: Array.from(kindOf),
    used: Array.from(used),
    parsed: Array.from(parsed),
  };
}

describe("weekKindsByCount", () => {
  it("gives weekKindsByCode's counts, kinds and used codes, each used code parsed once", () => {
    fc.assert(
      fc.property(table, ({ codes, kinds, rows }) => {
        const a = run(true, codes, kinds, rows);
        expect(a).toEqual(run(false, codes, kinds, rows));
        expect(a.parsed.every((p, c) => p === (rows.includes(c) ? 1 : 0))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("hand-worked: codes 0 and 2 used (3 and 1 rows), code 1 never", () => {
    const r = run(true, 3, [1, 3, 5], [0, 2, 0, 0]);
    // Code 0 is kind 1 (3 rows), code 2 kind 5 (1 row); code 1 unused stays -1.
    expect(r.counts).toEqual([0, 3, 0, 0, 0, 1, 0, 0]);
    expect(r.kindOf).toEqual([1, -1, 5]);
    expect(r.used).toEqual([1, 0, 1]);
  });
});
