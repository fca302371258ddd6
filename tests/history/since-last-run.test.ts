/**
 * What changed since the last run, on hand-worked cases, and the trend verdict on the original
 * RGOv2's printed numbers (../shared/spec/seed-logic.md 7.3).
 */
import fc from "fast-check";
import { numberOfCell } from "../../src/engine/history/read-history";
import { biggestMovers, sinceLastRun } from "../../src/engine/history/since-last-run";
import { trendVerdict, verdictText } from "../../src/engine/history/trend";

const c = (customerId: string, gapCount: number, revenueAtRisk: number) => ({
  customerId,
  gapCount,
  revenueAtRisk,
});

test("each status, hand-worked, with the change in revenue at risk", () => {
  const previous = new Map([
    ["A", { flagged: true, revenueAtRisk: 100 }], // 100 -> 104: within 5% -> persisting
    ["B", { flagged: true, revenueAtRisk: 100 }], // 100 -> 120 -> worsening
    ["C", { flagged: true, revenueAtRisk: 100 }], // 100 -> 60 -> improving
    ["D", { flagged: true, revenueAtRisk: 30 }], // no gap now -> closed
    ["E", { flagged: false, revenueAtRisk: 0 }], // flagged now -> new
    ["G", { flagged: true, revenueAtRisk: 12.5 }], // gone from the data -> closed
  ]);
  const s = sinceLastRun(
    [
      c("A", 1, 104),
      c("B", 2, 120),
      c("C", 1, 60),
      c("D", 0, 0),
      c("E", 1, 7.25),
      c("F", 1, 3),
      c("H", 0, 0),
    ],
    previous,
    5,
  );
  expect(s.changes.map((x) => [x.customerId, x.status, x.change])).toEqual([
    ["A", "persisting", 4],
    ["B", "worsening", 20],
    ["C", "improving", -40],
    ["D", "closed", -30],
    ["E", "new", 7.25],
    ["F", "new", 3],
    ["G", "closed", -12.5],
  ]);
  expect(s.totals.closed).toEqual({ customers: 2, previous: 42.5, now: 0, change: -42.5 });
  expect(s.totals.new).toEqual({ customers: 2, previous: 0, now: 10.25, change: 10.25 });
  expect(biggestMovers(s, 3).map((m) => m.customerId)).toEqual(["C", "D", "B"]);
});

test("the original's trend verdicts: Improving 33%, Declining 1436%, Stable within 5%", () => {
  const improving = trendVerdict(10754.95, 7249.54, 5, "exposure");
  expect(improving?.label).toBe("Improving");
  expect(verdictText(improving!)).toBe("Improving ↓ 33%");
  expect(verdictText(trendVerdict(700.12, 10754.95, 5, "exposure")!)).toBe("Declining ↑ 1436%");
  expect(trendVerdict(100, 104.99, 5, "exposure")?.label).toBe("Stable");
  expect(trendVerdict(100, 105, 5, "exposure")?.label).toBe("Declining");
  expect(trendVerdict(null, 5, 5, "exposure")).toBeNull();
});

test("property: money typed as text reads as the amount it says", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1e11, max: 1e11 }),
      fc.constantFrom("", "$", "GBP ", "€"),
      (cents, sym) => {
        const x = cents / 100;
        const grouped = Math.abs(x)
          .toFixed(2)
          .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
        expect(numberOfCell(`${x < 0 ? "-" : ""}${sym}${grouped}`)).toBe(Math.abs(x) === 0 ? 0 : x);
        expect(numberOfCell(`about ${grouped}`)).toBeNull();
      },
    ),
  );
});
