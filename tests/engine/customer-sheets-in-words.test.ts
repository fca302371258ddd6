/**
 * RGO Gaps, RGO Customers and RGO Churn in words (issue 13), on the seed data: each cell a reader
 * sees is the registry's word for the engine value on the same row of the result objects; each
 * fact is one column (no "lifecycle" twice, which exceljs renamed "lifecycle 2"); a percent-point
 * fact says "(%)"; and the trend label agrees with the trend: a pack that sets it (seed-tier2)
 * has it follow its own rules on the row's trend figure, a pack that never sets it (default,
 * seed-v2) says "Not assessed" rather than the segment's default "stable" next to a -100% trend.
 */
import { analyze } from "../../src/engine/pipeline/analyze";
import type { AnalysisResult } from "../../src/engine/analysis-result";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type { ResultCell, ResultTable } from "../../src/engine/report/result-book";
import {
  CAUSE_LABELS,
  GAP_TYPE_LABELS,
  IDENTIFIER_PATTERN,
  MONTH_FACT_LABELS,
  factLabel,
} from "../../src/engine/registry/labels";
import { METRIC_FACTS, SEGMENTS } from "../../src/engine/registry/customer-facts";
import { customerFactColumns } from "../../src/engine/report/customer-fact-columns";
import { rawPack, RUN_AT, seedDataset, seedMeta } from "./seed-helpers";

async function run(name: string): Promise<{
  result: AnalysisResult;
  table: (sheet: string) => ResultTable;
}> {
  const pack = rawPack(name);
  const result = await analyze(await seedDataset(), pack, { runAt: RUN_AT });
  const book = buildResultBook(result, seedMeta(pack));
  const table = (sheet: string): ResultTable => {
    const s = book.sheets.find((x) => x.name === sheet);
    if (s === undefined || s.content.kind !== "table") throw new Error(`no ${sheet}`);
    return s.content.table;
  };
  return { result, table };
}

const column = (t: ResultTable, header: string): ResultCell[] => {
  const j = t.columns.findIndex((c) => c.header === header);
  if (j < 0)
    throw new Error(`no column "${header}" in ${t.columns.map((c) => c.header).join(", ")}`);
  return t.rows.map((r) => r[j]);
};

describe.each(["default", "seed-tier2", "seed-v2"])("%s on the seed data", (name) => {
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    r = await run(name);
  }, 60_000);

  it("RGO Gaps: gap type, root cause and severity are the registry's words for the row's values", () => {
    const t = r.table("RGO Gaps");
    expect(t.rows).toHaveLength(r.result.gaps.length);
    expect(column(t, "Gap type")).toEqual(r.result.gaps.map((g) => GAP_TYPE_LABELS[g.gapType]));
    expect(column(t, "Root cause")).toEqual(
      r.result.gaps.map((g) => (g.rootCause === null ? null : CAUSE_LABELS[g.rootCause])),
    );
    const sev: Record<string, string> = { high: "High", medium: "Medium", low: "Low" };
    expect(column(t, "Severity")).toEqual(r.result.gaps.map((g) => sev[g.severity]));
  });

  it("RGO Customers: one column per fact, every header unique in Excel's sense (case ignored) and in words", () => {
    const t = r.table("RGO Customers");
    const headers = t.columns.map((c) => c.header);
    const lower = headers.map((h) => h.toLowerCase());
    expect(lower.filter((h, i) => lower.indexOf(h) !== i)).toEqual([]);
    expect(headers.filter((h) => IDENTIFIER_PATTERN.test(h))).toEqual([]);
    // Every metric fact is shown exactly once: under its own words, or (stockoutExplainedShare,
    // valueTier, lifecycle) among the columns in front.
    const front: Record<string, string> = {
      stockoutExplainedShare: "Stockout share of gap",
      valueTier: "Value tier",
      lifecycle: "Lifecycle",
    };
    for (const f of [...METRIC_FACTS.map((x) => x.name), ...Object.keys(SEGMENTS)]) {
      const words = front[f] ?? factLabel(f);
      const spec = METRIC_FACTS.find((x) => x.name === f);
      const header = spec?.unit === "percent" ? `${words} (%)` : words;
      expect([f, headers.filter((h) => h === header).length]).toEqual([f, 1]);
    }
    // The cells under a fact's words are that fact's values, customer by customer.
    expect(column(t, "Change vs baseline (%)")).toEqual(
      r.result.customers.map((c) => c.facts.trendPct ?? null),
    );
    expect(column(t, "Primary gap type")).toEqual(
      r.result.customers.map((c) =>
        c.primaryGapType === null ? null : GAP_TYPE_LABELS[c.primaryGapType],
      ),
    );
  });

  it("the trend label agrees with the trend figure on every row", () => {
    const t = r.table("RGO Customers");
    const trend = column(t, "Trend");
    const pct = column(t, "Change vs baseline (%)");
    const weeks = column(t, "Weeks observed");
    if (name === "seed-tier2") {
      // seed-tier2's own rules: fewer than 4 weeks: too little data; below -15%: declining;
      // above 15%: growing; else stable.
      const want = pct.map((p, i) =>
        Number(weeks[i]) < 4
          ? "Too little data"
          : Number(p) < -15
            ? "Declining"
            : Number(p) > 15
              ? "Growing"
              : "Stable",
      );
      expect(trend).toEqual(want);
      expect(new Set(trend).size).toBeGreaterThan(1);
    } else {
      expect(new Set(trend)).toEqual(new Set(["Not assessed"]));
      // Customers whose spend fell 100% are there: they used to read "stable".
      expect(pct.some((p) => Number(p) <= -99.99)).toBe(true);
    }
  });

  it("RGO Churn: the factors in words", () => {
    const t = r.table("RGO Churn");
    const words: Record<string, string> = {
      zero_spend_weeks: "Weeks without spend",
      declining_trend: "Declining trend",
    };
    expect(column(t, "Factors")).toEqual(
      r.result.churn.map((c) => c.factors.map((f) => words[f]).join(", ")),
    );
  });
});

describe("fact columns in a monthly run", () => {
  it("name months, never weeks, for the facts counted per period", () => {
    const cols = customerFactColumns(false, "month", 13, new Set());
    const byName = new Map(cols.map((c) => [c.name, c.header]));
    expect(byName.get("baselineAvg")).toBe("Baseline spend per month");
    expect(byName.get("trailingZeroWeeks")).toBe("Months without spend (latest run)");
    for (const name of Object.keys(MONTH_FACT_LABELS))
      if (byName.has(name))
        expect([name, /week/i.test(byName.get(name) ?? "")]).toEqual([name, false]);
  });
});
