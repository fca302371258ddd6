/**
 * The Drill-down's facts: grouped (Spend, Stock, Purchases, Model and forecast, Segments and
 * scores), named by the label registry and written for their unit; on the seed data with
 * seed-tier2 and default (model facts), no label or value a user reads is an engine name.
 */
import { resolve } from "node:path";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { analyze } from "../../src/engine/pipeline/analyze";
import { IDENTIFIER_PATTERN, MONTH_FACT_LABELS } from "../../src/engine/registry/labels";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import {
  FACT_GROUPS,
  factValueText,
  groupFacts,
  inWords,
} from "../../src/taskpane/state/drill-facts";
import { customerDetail } from "../../src/taskpane/worker/customer-detail";
import type { DrillFact } from "../../src/taskpane/worker/protocol";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

const SEED = resolve(__dirname, "../../../shared/data/seed");

const fact = (name: string, value: DrillFact["value"], unit?: string): DrillFact => ({
  name,
  value,
  ...(unit !== undefined ? { unit } : {}),
});

test("values in words for their unit: hand-worked", () => {
  const cases: [DrillFact, string, string][] = [
    [fact("stockoutGapShare", 0.625, "ratio"), "USD", "62.5%"],
    [fact("baselineAvg", 186.26, "dollars"), "GBP", "£186.26"],
    [fact("trendPct", -100, "percent"), "USD", "-100%"],
    [fact("valuePercentile", 41.5, "percent"), "USD", "41.5%"],
    [fact("weeksObserved", 12, "weeks"), "USD", "12 weeks"],
    [fact("weeksObserved", 1, "weeks"), "USD", "1 week"],
    [fact("weeksObserved", 6, "months"), "USD", "6 months"],
    [fact("purchaseIntervalWeeks", 2.5, "weeks"), "USD", "2.5 weeks"],
    [fact("firstPurchaseWeek", 1, "weeks"), "USD", "Week 1"],
    [fact("lastPurchaseWeek", 4, "months"), "USD", "Month 4"],
    [fact("pActive", 0.8312, "ratio"), "USD", "83.1%"],
    [fact("currentToBaselineRatio", 0, "ratio"), "USD", "0%"],
    [fact("lapseRatio", 6, "ratio"), "USD", "6×"],
    [fact("volatility", 1.73721, "ratio"), "USD", "1.74"],
    [fact("shortfallZ", 28.2812, "score"), "USD", "28.28"],
    [fact("trendLabel", "insufficient_data"), "USD", "Too little data"],
    [fact("churnBucket", "low"), "USD", "Low"],
    [fact("isHighValue", false), "USD", "No"],
    [fact("loyaltyMember", true), "USD", "Yes"],
    // Text from the user's workbook stays as the user wrote it.
    [fact("region", "north_east"), "USD", "north_east"],
    [fact("region", null), "USD", "—"],
  ];
  expect(cases.map(([f, currency]) => factValueText(f, currency))).toEqual(
    cases.map(([, , expected]) => expected),
  );
});

test("descriptions name facts in words", () => {
  expect(inWords("Current average below expectedAvg, in percent of expectedAvg.")).toBe(
    "Current average below expected spend per week, in percent of expected spend per week.",
  );
  expect(inWords("BG/NBD P(alive) unknownName")).toBe("BG/NBD P(alive) unknownName");
});

test("groups: in their order, each fact once, hand-worked membership", () => {
  const facts = [
    fact("pActive", 0.5, "ratio"),
    fact("baselineAvg", 10, "dollars"),
    fact("lifecycle", "active"),
    fact("stockoutGapShare", 0.5, "ratio"),
    fact("weeksSinceLastPurchase", 2, "weeks"),
    fact("structuralScore", 1, "score"),
    fact("storeId", "102"),
    fact("shortfallZ", 9.25, "score"),
  ];
  const groups = groupFacts(facts, "USD");
  expect(groups.map((g) => [g.group, g.rows.map((r) => r.label)])).toEqual([
    ["Spend", ["Baseline spend per week", "Shortfall in usual variations"]],
    ["Stock", ["Share of gap weeks with a stockout"]],
    ["Purchases", ["Weeks since last purchase"]],
    ["Model and forecast", ["Chance still buying"]],
    ["Segments and scores", ["Lifecycle", "Structural risk points", "Store"]],
  ]);
  expect(FACT_GROUPS).toEqual(groups.map((g) => g.group));
  // A monthly run names the same facts per month, as RGO Customers heads them.
  const monthly = groupFacts(facts, "USD", "month").flatMap((g) => g.rows.map((r) => r.label));
  expect(monthly).toContain(MONTH_FACT_LABELS.baselineAvg);
  expect(monthly).toContain(MONTH_FACT_LABELS.weeksSinceLastPurchase);
  expect(monthly.filter((l) => /\bweeks?\b/i.test(l))).toEqual([]);
});

describe.each(["seed-tier2", "default"])("%s on the seed data", (name) => {
  it("every customer's facts: each once, labels and values in words", async () => {
    const checked = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
    if (!checked.ok) throw new Error(name);
    const { dataset } = buildDataset(await readCsvFolder(SEED));
    const result = await analyze(dataset, checked.pack, {
      runAt: new Date("2026-01-01T00:00:00Z"),
    });
    const bad: string[] = [];
    let shown = 0;
    for (const c of result.customers) {
      const d = customerDetail(dataset, result, c.customerId);
      if (d === null) throw new Error(c.customerId);
      const groups = groupFacts(d.facts, "USD");
      const rows = groups.flatMap((g) => g.rows);
      // Every fact of the customer exactly once.
      expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(c.facts).sort());
      for (const r of rows) {
        shown++;
        const userText = r.name === "storeId" || r.name === "region";
        for (const t of [r.label, userText ? "" : r.value])
          if (IDENTIFIER_PATTERN.test(t)) bad.push(`${c.customerId} ${r.name}: ${t}`);
      }
    }
    expect(shown).toBeGreaterThan(0);
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
