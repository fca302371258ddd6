import fc from "fast-check";
import {
  CELL_LIMIT,
  PAYLOAD_LIMIT_BYTES,
  TARGET_REQUEST_BYTES,
  blockBytes,
  cellBytes,
  estimateBytesPerCell,
  halve,
  planBlocks,
  planRead,
} from "../../src/workbook/excel-blocks";

/** A realistic weekly-sales sample: customer id, Excel date serial, revenue, units. */
function salesSample(rows: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let i = 0; i < rows; i++)
    out.push([`C${String(100000 + i).slice(1)}`, 45000 + (i % 52) * 7, 1234.56 + i / 7, i % 40]);
  return out;
}

describe("block planning for the largest sheet Excel can hold", () => {
  const rows = 1_048_575;
  const columns = 4;
  const bytesPerCell = estimateBytesPerCell(salesSample(100));
  const plan = planRead(rows, columns, bytesPerCell);
  // Figures for the lead's notes.
  console.log(
    `planRead(1,048,575 x 4, ${bytesPerCell} B/cell): ${plan.requests} requests, largest ${plan.largestBytes} bytes, ${plan.largestCells} cells`,
  );

  test(`1,048,575 x 4 at ${bytesPerCell} B/cell: ${plan.requests} requests, largest ${plan.largestBytes} bytes`, () => {
    expect(plan.largestBytes).toBeLessThanOrEqual(TARGET_REQUEST_BYTES);
    expect(plan.largestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 2 + 1);
    expect(plan.largestCells).toBeLessThan(CELL_LIMIT);
    expect(plan.blocks.reduce((n, b) => n + b.count, 0)).toBe(rows);
    // Not absurdly fragmented either: each request carries at least 1 MB.
    expect(plan.requests).toBeLessThan(
      Math.ceil((rows * columns * (bytesPerCell + 1)) / 1_000_000),
    );
  });

  test("the byte estimate covers the sample's real JSON size", () => {
    const sample = salesSample(100);
    const real = JSON.stringify(sample).length;
    expect(blockBytes(100, 4, bytesPerCell, 0)).toBeGreaterThanOrEqual(real);
  });

  test("even 1-byte cells stay under the cell limit (cells, not bytes, bind)", () => {
    const tiny = planRead(rows, 5, 1);
    expect(tiny.largestCells).toBeLessThan(CELL_LIMIT);
    expect(tiny.largestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });
});

test("cellBytes is the JSON length of the value", () => {
  for (const v of ["", "abc", 'a"b\\c', "é", "\u20ac", 12.5, -3, true, false])
    expect(cellBytes(v)).toBe(v === "" ? 2 : Buffer.byteLength(JSON.stringify(v)));
});

test("halve splits in two ordered halves; a one-row block cannot be halved", () => {
  expect(halve({ start: 10, count: 5 })).toEqual([
    { start: 10, count: 3 },
    { start: 13, count: 2 },
  ]);
  expect(halve({ start: 4, count: 1 })).toBeNull();
});

test("property: every row is covered exactly once, in order, each block within both limits", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 50_000 }),
      fc.integer({ min: 1, max: 16384 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 10_000, max: 4_000_000 }),
      fc.integer({ min: 1, max: 5_000_000 }),
      (rows, columns, bytesPerCell, targetBytes, maxCells) => {
        const limits = { targetBytes, maxCells, overheadBytes: 1000 };
        const blocks = planBlocks(rows, columns, bytesPerCell, limits);
        const problems: string[] = [];
        let next = 0;
        for (const b of blocks) {
          if (b.start !== next || b.count < 1) problems.push(`gap or overlap at ${b.start}`);
          next += b.count;
          if (b.count > 1 && blockBytes(b.count, columns, bytesPerCell, 1000) > targetBytes)
            problems.push(`block at ${b.start} over the byte target`);
          if (b.count > 1 && b.count * columns > maxCells)
            problems.push(`block at ${b.start} over maxCells`);
          if (b.count * columns > CELL_LIMIT)
            problems.push(`block at ${b.start} over the cell limit`);
          if (problems.length > 0) break;
        }
        if (next !== rows && problems.length === 0) problems.push(`covered ${next} of ${rows}`);
        expect(problems).toEqual([]);
      },
    ),
    { numRuns: 100 },
  );
});

test("property: halving keeps every row exactly once", () => {
  fc.assert(
    fc.property(fc.nat(1_000_000), fc.integer({ min: 2, max: 1_000_000 }), (start, count) => {
      const h = halve({ start, count });
      expect(h).not.toBeNull();
      const [a, b] = h!;
      expect(a.start).toBe(start);
      expect(b.start).toBe(start + a.count);
      expect(a.count + b.count).toBe(count);
      expect(Math.abs(a.count - b.count)).toBeLessThanOrEqual(1);
    }),
  );
});

test("property: the estimate is at least the sample's mean JSON bytes per cell", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(
          fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
          { minLength: 1, maxLength: 6 },
        ),
        { minLength: 1, maxLength: 20 },
      ),
      (sample) => {
        const cells = sample.reduce((n, r) => n + r.length, 0);
        const mean = sample.flat().reduce<number>((n, v) => n + cellBytes(v), 0) / cells;
        expect(estimateBytesPerCell(sample)).toBeGreaterThanOrEqual(mean);
      },
    ),
  );
});
