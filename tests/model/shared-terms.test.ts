/**
 * The customer model's speed-ups keep every bit (issue 14): the same-day merge (dailyTotals)
 * against the map-per-customer merge it replaced, written here as the reference, and the BG/NBD
 * log-likelihood, whose terms are reused for equal (x, t_x, T) triples, against the sum of each
 * customer's own log-likelihood in the same order; the weekly model input made from the spend
 * matrix against the merge of the weekly transaction log.
 */
import fc from "fast-check";
import {
  buildCustomerSummaries,
  dailyTotals,
  type Transaction,
} from "../../src/engine/model/customer-summary";
import { isoDateOfDay } from "../../src/engine/input/calendar-days";
import {
  bgNbdCustomerLogLikelihood,
  bgNbdLogLikelihood,
  type RfmTriple,
} from "../../src/engine/model/bg-nbd";
import { dayNumber } from "../../src/engine/model/days";
import { buildDataset } from "../../src/engine/input/build-dataset";
import type { Dataset } from "../../src/engine/input/dataset";
import { weeklyDailyTotals, weeklyTransactions } from "../../src/engine/metrics/customer-forecast";
import { generateSample } from "../../src/engine/sample/generate-sample";
import { seedDataset } from "../engine/seed-helpers";

/** The merge as it was: a map of day -> running sum per customer, days sorted. */
function referenceTotals(
  log: readonly Transaction[],
): Map<string, { days: number[]; amounts: number[] }> {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of log) {
    const day = dayNumber(t.date);
    let m = byCustomer.get(t.customerId);
    if (!m) {
      m = new Map();
      byCustomer.set(t.customerId, m);
    }
    m.set(day, (m.get(day) ?? 0) + t.amount);
  }
  const out = new Map<string, { days: number[]; amounts: number[] }>();
  for (const [id, m] of byCustomer) {
    const days = [...m.keys()].sort((u, v) => u - v);
    out.set(id, { days, amounts: days.map((d) => m.get(d) ?? 0) });
  }
  return out;
}

const transaction = fc.record({
  customerId: fc.constantFrom("A", "B", "C", "D"),
  date: fc.constantFrom("2025-01-01", "2025-01-02", "2025-01-09", "2025-02-28", "2024-12-31"),
  amount: fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(0, -0, 0.1, 0.2, 12.5),
  ),
});

describe("dailyTotals", () => {
  it("gives the map-per-customer merge bit for bit (order, days, sums, -0)", () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 40 }), (log) => {
        const got = dailyTotals(log);
        const want = referenceTotals(log);
        expect([...got.keys()]).toEqual([...want.keys()]);
        for (const [id, w] of want) {
          const g = got.get(id);
          expect(g?.days).toEqual(w.days);
          expect(g?.amounts.length).toBe(w.amounts.length);
          w.amounts.forEach((a, i) => expect(Object.is(g?.amounts[i], a)).toBe(true));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("hand-worked: a repeated day and a day out of order are merged and sorted", () => {
    const log: Transaction[] = [
      { customerId: "A", date: "2025-01-09", amount: 5 },
      { customerId: "B", date: "2025-01-01", amount: -0 },
      { customerId: "A", date: "2025-01-02", amount: 1.5 },
      { customerId: "A", date: "2025-01-09", amount: 2 },
    ];
    const got = dailyTotals(log);
    expect([...got.keys()]).toEqual(["A", "B"]);
    expect(got.get("A")).toEqual({ days: [20090, 20097], amounts: [1.5, 7] });
    expect(Object.is(got.get("B")?.amounts[0], 0)).toBe(true); // 0 + -0
  });
});

/** Valid triples from a few values, so that customers repeat them. */
const triple: fc.Arbitrary<RfmTriple> = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, 1.5, 3, 7), fc.constantFrom(0, 2, 6))
  .map(([x, tx, extra]) => (x === 0 ? { x, tx: 0, T: tx + extra } : { x, tx, T: tx + extra }));

describe("BG/NBD log-likelihood with shared terms", () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 20, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 5, noNaN: true }),
  });

  it("is exactly the sum of each customer's log-likelihood, in order, sorted or not", () => {
    fc.assert(
      fc.property(
        fc.array(triple, { minLength: 1, maxLength: 60 }),
        params,
        fc.boolean(),
        (data, p, sort) => {
          const rows = sort
            ? [...data].sort((u, v) => u.x - v.x || u.tx - v.tx || u.T - v.T)
            : data;
          let sum = 0;
          for (const d of rows) sum += bgNbdCustomerLogLikelihood(d, p);
          expect(Object.is(bgNbdLogLikelihood(rows, p), sum)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("weekly model input straight from the spend matrix", () => {
  const same = (dataset: Dataset, weeks: number): void => {
    const got = weeklyDailyTotals(dataset, weeks);
    const want = referenceTotals(weeklyTransactions(dataset, weeks));
    expect(want.size).toBeGreaterThan(0);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [id, w] of want) {
      const g = got.get(id);
      // Views of typed arrays: compared as plain arrays, value for value (-0 apart from 0).
      expect(g && { days: Array.from(g.days), amounts: Array.from(g.amounts) }).toEqual(w);
    }
    // The summaries the model fits, from these totals and from the transaction log's merge, bit
    // for bit (the typed views and the count loop in place of filter and reduce).
    const asOf = isoDateOfDay(dataset.calendar.startDays[weeks - 1] + 6);
    for (const recentWeeks of [1, 4, 13])
      expect(buildCustomerSummaries(got, asOf, { recentWeeks })).toEqual(
        buildCustomerSummaries(weeklyTransactions(dataset, weeks), asOf, { recentWeeks }),
      );
  };

  it("is the merge of the weekly transactions on the seed data, every prefix of weeks", async () => {
    const dataset = await seedDataset();
    for (let weeks = 1; weeks <= dataset.sales.weeks; weeks++) same(dataset, weeks);
  });

  it("is the merge of the weekly transactions on generated samples (gaps, churners)", () => {
    for (const seed of [1, 2, 3]) {
      const sample = generateSample({ customers: 150, weeks: 30, seed });
      const { dataset } = buildDataset({ source: "sample", tables: sample.tables });
      same(dataset, dataset.sales.weeks);
      same(dataset, 7);
    }
  });
});
