/** The seed presets' figures on the result sheets: labelled honestly, and footing. */
import { analyze } from "../../src/engine/pipeline/analyze";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type { ResultTable, SummaryBlock } from "../../src/engine/report/result-book";
import { rawPack, RUN_AT, seedDataset, seedMeta } from "./seed-helpers";

async function book(name: string) {
  const pack = rawPack(name);
  const result = await analyze(await seedDataset(), pack, { runAt: RUN_AT });
  const b = buildResultBook(result, seedMeta(pack));
  const summary = b.sheets[0].content as { kind: "report"; blocks: SummaryBlock[] };
  const fig = (label: string) =>
    summary.blocks
      .flatMap((x) => (x.kind === "figures" ? x.items : []))
      .find((i) => i.label === label)?.value;
  const table = (sheet: string) =>
    (b.sheets.find((s) => s.name === sheet)?.content as { table: ResultTable }).table;
  const sum = (t: ResultTable, header: string) => {
    const i = t.columns.findIndex((c) => c.header === header);
    return t.rows.reduce((a, r) => a + Math.round(Number(r[i]) * 100), 0) / 100;
  };
  const glossary = (term: string) =>
    summary.blocks
      .flatMap((x) => (x.kind === "bullets" ? x.items : []))
      .find((t) => t.startsWith(term)) ?? "";
  return { result, fig, table, sum, glossary };
}

test("seed-tier2: the total over gap rows $22,583.22 is the sum of the 343 displayed gap rows; revenue at risk counts 155 customers once", async () => {
  const { result, fig, table, sum, glossary } = await book("seed-tier2");
  expect(glossary("Total gap over gap rows")).toContain("$22,583.22 per week");
  expect(table("RGO Gaps").rows).toHaveLength(343);
  expect(sum(table("RGO Gaps"), "Gap amount")).toBe(22583.22);
  expect(fig("Potential recovery per week (top 20 gap rows)")).toBe(3200.96);
  const risk = fig("Revenue at risk per week");
  expect(risk).toBe(result.portfolio.revenueAtRisk);
  expect(sum(table("RGO Customers"), "Revenue at risk")).toBe(risk);
  // Declining and below-baseline rows of a customer carry the same amount: counting each customer
  // once removes at least those 135 duplicates, so revenue at risk is well under the row total.
  expect(Number(risk)).toBeLessThan(22583.22 / 2);
  expect(result.customers.filter((c) => c.revenueAtRisk > 0)).toHaveLength(155);
});

test("seed-v2: one gap row per customer, so revenue at risk is the printed total gap $6,257.13; exposure $10,754.95 foots on RGO Customers", async () => {
  const { result, fig, table, sum, glossary } = await book("seed-v2");
  expect(fig("Revenue at risk per week")).toBe(6257.13);
  expect(glossary("Total gap over gap rows")).toContain("$6,257.13 per week");
  expect(fig("Exposure per week (risk-weighted)")).toBe(10754.95);
  // Why exposure exceeds the gap is said next to the two figures.
  expect(glossary("Exposure:")).toContain("$10,754.95 per week against $6,257.13");
  expect(sum(table("RGO Customers"), "Exposure")).toBe(10754.95);
  expect(result.portfolio.exposureByTier).toEqual({ standard: 9414.48, high: 1340.47 });
  const causes = Object.values(result.portfolio.revenueAtRiskByCause);
  expect(causes.reduce((a, v) => a + Math.round(v * 100), 0)).toBe(625713);
});
