/** The plain-words "why": exact sentences for hand-made facts, and the composed text on the seed data. */
import { analyze } from "../../src/engine/pipeline/analyze";
import type { WindowParameters } from "../../src/engine/parameters/pack-parameters";
import { FACT_SPECS_BY_NAME } from "../../src/engine/registry/rgo-registry";
import { CAUSE_LABELS, IDENTIFIER_PATTERN } from "../../src/engine/registry/labels";
import { composeWhy } from "../../src/engine/stages/explain-gaps";
import { plainWhyClauses, wholePercent } from "../../src/engine/stages/plain-why";
import type { FactRecord } from "../../src/rules/types";
import { gapRow } from "./gap-row";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

const TRAILING: WindowParameters = {
  baselineWeeks: 6,
  baselineAnchor: "trailing",
  currentWeeks: 4,
  structuralWeeks: 8,
};
const FIRST: WindowParameters = { ...TRAILING, baselineWeeks: 4, baselineAnchor: "first" };
const why = (row: Parameters<typeof gapRow>[0], facts: FactRecord, w = TRAILING): string =>
  plainWhyClauses(gapRow(row), facts, w, FACT_SPECS_BY_NAME).join("; ");

test("decline and stockout depth, in units: the issue's example", () => {
  // (81.52 - 48.10) / 81.52 = 41.0% below
  expect(
    why(
      { current: 48.1, expected: 81.52 },
      {
        currentAvg: 48.1,
        baselineAvg: 81.52,
        stockoutWeeksCurrent: 3,
        stockoutDepth: 0.7,
        storeId: "S012",
        trailingZeroInStockWeeks: 0,
        trailingZeroWeeks: 0,
      },
    ),
  ).toBe(
    "recent 4-week average $48.10 is 41% below the 6-week baseline $81.52; 3 of 4 recent weeks had 70% of store S012's SKUs out of stock",
  );
});

test("churn while in stock", () => {
  expect(
    why(
      { current: 20, expected: 80 },
      { currentAvg: 20, baselineAvg: 80, trailingZeroInStockWeeks: 3, trailingZeroWeeks: 3 },
    ),
  ).toBe(
    "recent 4-week average $20.00 is 75% below the 6-week baseline $80.00; no purchase in the last 3 weeks while the store was in stock",
  );
});

test("zero spend against the first weeks (seed Tier2 form), without the stockout facts", () => {
  expect(
    why(
      { gapType: "zero_spend", current: 0, expected: 180.72, weeksAtRisk: 2 },
      { currentAvg: 90, baselineAvg: 180.72, zeroWeeksCurrent: 2, trailingZeroWeeks: 2 },
      FIRST,
    ),
  ).toBe(
    "no spend in 2 of the last 4 weeks against the first-4-week baseline $180.72 a week; no purchase in the last 2 weeks",
  );
});

test("expected level from in-stock weeks, noise, explained share, in-stock decline, sharp drops", () => {
  // (90 - 48.10) / 90 = 46.6% -> 47%
  expect(
    why(
      { current: 48.1, expected: 90 },
      {
        currentAvg: 48.1,
        baselineAvg: 81.52,
        expectedAvg: 90,
        noiseSd: 10,
        shortfallZ: 4.2,
        stockoutWeeksCurrent: 1,
        stockoutDepth: 0.5,
        stockoutExplainedShare: 0.25,
        inStockDeclinePct: 30,
        sharpDropWeeks: 2,
        storeId: "101",
      },
    ),
  ).toBe(
    "recent 4-week average $48.10 is 47% below the expected $90.00 (6-week baseline, in-stock weeks only); " +
      "the shortfall is 4.2x normal week-to-week noise (usual weekly swing $10.00); " +
      "1 of 4 recent weeks had 50% of store 101's SKUs out of stock; stockouts explain 25% of the shortfall; " +
      "in the weeks the store was in stock, spend was 30% below expected; " +
      "2 of the last 8 weeks had a sharp drop in spend while the store was in stock",
  );
});

test("no store id, no depth; current above the baseline", () => {
  expect(
    why(
      { current: 120, expected: 100 },
      { currentAvg: 120, baselineAvg: 100, stockoutWeeksCurrent: 2, storeId: "" },
    ),
  ).toBe(
    "recent 4-week average $120.00 is above the 6-week baseline $100.00; 2 of 4 recent weeks had the store's SKUs out of stock",
  );
});

test("percent wording and composition", () => {
  expect([40.996, 0.4, 0, 100, 12.5].map(wholePercent)).toEqual([
    "41%",
    "0.4%",
    "0%",
    "100%",
    "13%",
  ]);
  expect(composeWhy(["recent spend fell", "store out"], ["gap-rule: x is above 0"])).toBe(
    "Recent spend fell; store out. Rules: gap-rule: x is above 0.",
  );
  expect(composeWhy([], ["a", "b"])).toBe("Rules: a; b.");
  expect(composeWhy([], [])).toBe("");
});

test("seed-v2: every row starts in plain words, then names the rules, on both trace paths", async () => {
  const r = await analyze(await seedDataset(), rawPack("seed-v2"), { runAt: RUN_AT });
  const top = r.gaps[0];
  expect(top.whySource).toBe("reference");
  expect(r.gaps[100].whySource).toBe("compiled");
  for (const g of [top, r.gaps[100]]) {
    expect(g.why).toMatch(/^Recent 4-week average \$[\d,]+\.\d\d is \d+% below the /);
    expect(g.why).toContain(". Rules: revenue-gap: ");
    // The root cause in the registry's words, never its engine name.
    const cause = CAUSE_LABELS[g.rootCause ?? ""];
    expect(cause).toBeDefined();
    expect(g.why).toContain(`root cause ${cause[0].toLowerCase()}${cause.slice(1)} by cause-`);
    expect(g.why).not.toMatch(IDENTIFIER_PATTERN);
  }
  // Customer 152: the 6-week baseline and current average shown on its row.
  expect(top.customerId).toBe("152");
  const pct = Math.round(((top.expected - top.current) / top.expected) * 100);
  expect(
    top.why.startsWith(`Recent 4-week average $${top.current.toFixed(2)} is ${pct}% below`),
  ).toBe(true);
});
