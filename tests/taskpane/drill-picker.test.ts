/**
 * The Drill-down's customer picker: "rank. id — money at risk (band)" by rank, customers without
 * gaps after them when searched; and the index the worker sends (rank, money and band from the
 * run's customers) on the seed data.
 */
import { resolve } from "node:path";
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { pickerOptions, pickerText } from "../../src/taskpane/state/drill-picker";
import { drillIndex } from "../../src/taskpane/worker/customer-detail";
import type { DrillIndex } from "../../src/taskpane/worker/protocol";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

const SEED = resolve(__dirname, "../../../shared/data/seed");

const INDEX: DrillIndex = {
  withGaps: ["C9", "C1"],
  ranked: [
    { customerId: "C9", rank: 3, revenueAtRisk: 20, band: "Medium" },
    { customerId: "C1", rank: 1, revenueAtRisk: 186.26, band: "High" },
  ],
  all: ["C1", "C2", "C9"],
};

test("hand-worked: options by rank with money and band, then the others when searched", () => {
  expect(pickerOptions(INDEX, "", "USD").map((o) => o.text)).toEqual([
    "1. C1 — $186.26 a week at risk (High)",
    "3. C9 — $20.00 a week at risk (Medium)",
    "C2 — no gap",
  ]);
  expect(pickerOptions(INDEX, " c2 ", "USD")).toEqual([{ customerId: "C2", text: "C2 — no gap" }]);
  expect(pickerOptions(INDEX, "high", "USD").map((o) => o.customerId)).toEqual(["C1"]);
  expect(pickerOptions(INDEX, "", "USD", "week", 1).map((o) => o.customerId)).toEqual(["C1"]);
  expect(
    pickerText({ customerId: "K", rank: 2, revenueAtRisk: 5, band: null }, "GBP", "month"),
  ).toBe("2. K — £5.00 a month at risk");
});

test("any index and query: no customer twice, ranked first in rank order, every option matches", () => {
  const id = fc.stringMatching(/^[A-Za-z0-9_ -]{1,6}$/);
  fc.assert(
    fc.property(
      fc.uniqueArray(id, { minLength: 0, maxLength: 30 }),
      fc.integer({ min: 0, max: 30 }),
      fc.string({ maxLength: 4 }),
      fc.integer({ min: 1, max: 60 }),
      (ids, k, query, limit) => {
        const withGaps = ids.slice(0, k);
        const index: DrillIndex = {
          withGaps,
          ranked: withGaps.map((customerId, i) => ({
            customerId,
            rank: (i * 7) % (withGaps.length + 3),
            revenueAtRisk: i,
            band: null,
          })),
          all: ids,
        };
        const out = pickerOptions(index, query, "USD", "week", limit);
        expect(out.length).toBeLessThanOrEqual(limit);
        expect(new Set(out.map((o) => o.customerId)).size).toBe(out.length);
        const q = query.trim().toLowerCase();
        const ranks = new Map(index.ranked.map((e) => [e.customerId, e.rank]));
        let seenUnranked = false;
        let lastRank = -Infinity;
        for (const o of out) {
          const r = ranks.get(o.customerId);
          if (r === undefined) {
            seenUnranked = true;
            expect(o.customerId.toLowerCase()).toContain(q);
          } else {
            expect(seenUnranked).toBe(false);
            expect(r).toBeGreaterThanOrEqual(lastRank);
            lastRank = r;
            expect(o.text.toLowerCase()).toContain(q);
          }
        }
        // With no query and room for all: every analysed customer is offered.
        if (q === "" && limit >= ids.length) expect(out.length).toBe(ids.length);
      },
    ),
  );
});

test("seed-tier2 on the seed data: the index's ranks, money and bands are each customer's", async () => {
  const checked = validatePack(BUILTIN_PACKS["seed-tier2"], RGO_REGISTRY);
  if (!checked.ok) throw new Error("pack");
  const { dataset } = buildDataset(await readCsvFolder(SEED));
  const result = await analyze(dataset, checked.pack, { runAt: new Date("2026-01-01T00:00:00Z") });
  const index = drillIndex(result);
  expect(index.ranked.map((e) => e.customerId)).toEqual(index.withGaps);
  // From the gap rows, independently: a customer's best rank, and its primary row's amount and band.
  for (const e of index.ranked) {
    const rows = result.gaps.filter((g) => g.customerId === e.customerId);
    const primary = rows.filter((g) => g.primary);
    expect(primary.length).toBe(1);
    expect(e.rank).toBe(Math.min(...rows.map((g) => g.rank)));
    expect(e.revenueAtRisk).toBeCloseTo(primary[0].gapAmount, 6);
    const worst = rows.reduce((a, g) => (g.priorityScore > a.priorityScore ? g : a));
    expect(e.band).toBe(worst.priorityBand);
  }
  const ranks = index.ranked.map((e) => e.rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(index.ranked.length).toBe(result.portfolio.customersWithGaps);
  // seed-logic.md: customer 154 holds rank 1.
  expect(pickerOptions(index, "", "USD")[0].text).toMatch(
    /^1\. 154 — \$[\d,]+\.\d\d a week at risk/,
  );
});
