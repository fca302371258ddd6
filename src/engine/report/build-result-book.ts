/**
 * The result workbook as data: RGO Summary (report blocks), RGO Gaps, RGO Customers, RGO Churn,
 * RGO Pipeline and RGO Reps (when the input has deals), RGO Rules (the pack as JSON, chunked) and
 * RGO Issues.
 */
import { DEFAULT_CURRENCY } from "../currency";
import type { AnalysisResult } from "../analysis-result";
import type { ResultBook, ResultCell, ResultColumn, ResultSheet, ResultTable } from "./result-book";
import { lazyTable } from "./lazy-table";
import { pipelineSheet, repsSheet } from "./pipeline-sheets";
import type { ReportMeta } from "./report-meta";
import { CUSTOMER_MONEY_COLUMNS, customerMoneyCells } from "./money-blocks";
import { cents } from "./summary-json";
import { periodWords } from "../input/period";
import { chunkText } from "./rules-sheet";
import { capitalised, factLabel, labelOf } from "../registry/labels";
import { assessedSegments, customerFactColumns, factCellOf } from "./customer-fact-columns";

import { summaryPage } from "./summary/summary-page";

const col = (header: string, format: ResultColumn["format"], width?: number): ResultColumn =>
  width === undefined ? { header, format } : { header, format, width };

function tableSheet(
  name: string,
  tableName: string,
  columns: ResultColumn[],
  rows: ResultCell[][],
): ResultSheet {
  return sheetOf(name, { name: tableName, columns, rows });
}

const sheetOf = (name: string, table: ResultTable): ResultSheet => ({
  name,
  content: { kind: "table", table },
  freezeHeader: true,
});

/**
 * A table sheet of one row per item, its rows built when first read (lazy-table.ts): the
 * preview's worker holds them and reads them only for a sheet view or the download.
 */
function lazyTableSheet<T>(
  name: string,
  tableName: string,
  columns: ResultColumn[],
  items: readonly T[],
  row: (item: T) => ResultCell[],
): ResultSheet {
  return sheetOf(
    name,
    lazyTable({ name: tableName, columns }, items.length, () => items.map(row)),
  );
}

/** Builds every RGO result sheet for one run. */
export function buildResultBook(result: AnalysisResult, meta: ReportMeta): ResultBook {
  const u = periodWords(result.period);
  const gaps = lazyTableSheet(
    "RGO Gaps",
    "RGO_Gaps",
    [
      col("Rank", "integer"),
      col("Customer", "text"),
      col("Gap type", "text"),
      col("Severity", "text"),
      col("Priority score", "score"),
      col("Priority band", "text"),
      col("Revenue impact", "score"),
      col("Churn risk", "score"),
      col("Customer value", "score"),
      col("Recovery probability", "score"),
      col("Current", "currency"),
      col("Expected", "currency"),
      col("Gap amount", "currency"),
      col("Gap %", "percent"),
      col(`${u.Many} at risk`, "integer"),
      col("Root cause", "text"),
      col("Exposure", "currency"),
      col("Recovery potential", "currency"),
      col("Recommended actions", "text", 50),
      col("Counted in revenue at risk", "text"),
      col("Why", "text", 80),
    ],
    result.gaps,
    (g) => [
      g.rank,
      g.customerId,
      labelOf("gapType", g.gapType),
      labelOf("value", g.severity),
      g.priorityScore,
      capitalised(g.priorityBand),
      g.subScores.revenueImpact,
      g.subScores.churnRisk,
      g.subScores.customerValue,
      g.subScores.recoveryProbability,
      cents(g.current),
      cents(g.expected),
      cents(g.gapAmount),
      g.gapPct / 100,
      g.weeksAtRisk,
      g.rootCause === null ? null : labelOf("cause", g.rootCause),
      cents(g.exposure),
      cents(g.recoveryPotential),
      g.recommendedActions.join("; "),
      g.primary ? "yes" : "no",
      g.why,
    ],
  );
  const withModel = result.model?.summary != null;
  // Money columns first (each customer once; they add up to the RGO Summary headline figures),
  // then the stockout share and segments a finance reader filters by, then every other fact
  // (customer-fact-columns.ts: one column per fact, headed in words).
  const H = result.model?.parameters.horizonWeeks ?? 13;
  const level = Math.round((result.model?.parameters.intervalLevel ?? 0.8) * 100);
  const extraFacts: { name: string; header: string; format: ResultColumn["format"] }[] = [
    ...(withModel
      ? [
          {
            name: "expectedSpendNext",
            header: `Expected spend next ${H} weeks`,
            format: "currency" as const,
          },
          { name: "expectedSpendLow", header: `Low (${level}%)`, format: "currency" as const },
          { name: "expectedSpendHigh", header: `High (${level}%)`, format: "currency" as const },
          { name: "recentRunRate", header: `At recent rate`, format: "currency" as const },
          { name: "pActive", header: "Chance still buying", format: "percent" as const },
          { name: "lossRisk", header: "Loss risk", format: "percent" as const },
        ]
      : []),
    { name: "stockoutExplainedShare", header: "Stockout share of gap", format: "percent" },
    { name: "valueTier", header: "Value tier", format: "text" },
    { name: "lifecycle", header: "Lifecycle", format: "text" },
  ];
  const assessed = assessedSegments(meta.pack.rules);
  const factColumns = customerFactColumns(
    withModel,
    result.period ?? "week",
    H,
    new Set(extraFacts.map((f) => f.name)),
    result.stockAssessed !== false,
  );
  const extraCells = extraFacts.map((f) => factCellOf(f.name, assessed));
  const factCells = factColumns.map((f) => factCellOf(f.name, assessed));
  const customers = lazyTableSheet(
    "RGO Customers",
    "RGO_Customers",
    [
      ...CUSTOMER_MONEY_COLUMNS,
      ...extraFacts.map((f) => col(f.header, f.format)),
      col("Gaps", "integer"),
      col("Churn listed", "text"),
      col("Churn score", "decimal"),
      ...factColumns.map((f) => col(f.header, f.format)),
    ],
    result.customers,
    (c) => {
      const row = customerMoneyCells(c);
      for (const cell of extraCells) row.push(cell(c.facts));
      row.push(c.gapCount, c.churnListed ? "yes" : "no", c.churnScore);
      for (const cell of factCells) row.push(cell(c.facts));
      return row;
    },
  );
  const churn = lazyTableSheet(
    "RGO Churn",
    "RGO_Churn",
    [
      col("Customer", "text"),
      col("Churn score", "decimal"),
      col("Probability", "percent"),
      col(factLabel("trailingZeroWeeks", result.period), "integer"),
      col(`${u.Many} since purchase`, "integer"),
      col("Factors", "text", 40),
    ],
    result.churn,
    (c) => [
      c.customerId,
      c.score,
      c.probability,
      c.trailingZeroWeeks,
      c.weeksSinceLastPurchase,
      c.factors.map((f) => labelOf("value", f)).join(", "),
    ],
  );
  const summary = summaryPage(result, meta);
  const packJson = JSON.stringify(meta.pack, null, 2);
  const rules = tableSheet(
    "RGO Rules",
    "RGO_Rules",
    [
      col("Part", "integer"),
      col("Name", "text"),
      col("Version", "text"),
      col("Hash", "text"),
      col("Pack JSON", "text", 100),
    ],
    chunkText(packJson).map((chunk, i) => [
      i + 1,
      meta.pack.name,
      meta.pack.version,
      meta.packHash,
      chunk,
    ]),
  );
  const issues = tableSheet(
    "RGO Issues",
    "RGO_Issues",
    [
      col("Severity", "text"),
      col("Sheet", "text"),
      col("Row", "integer"),
      col("Column", "text"),
      col("Message", "text", 80),
    ],
    meta.issues.map((i) => [i.severity, i.sheet, i.row, i.column, i.message]),
  );
  const sheets: ResultSheet[] = [
    {
      name: "RGO Summary",
      content: { kind: "report", blocks: summary.blocks },
      charts: summary.charts,
    },
    gaps,
    customers,
    churn,
    ...(meta.actions !== undefined ? [meta.actions.sheet] : []),
    ...(result.pipeline !== undefined
      ? [pipelineSheet(result.pipeline), repsSheet(result.pipeline)]
      : []),
    rules,
    issues,
  ];
  // Money cells in the run's currency: every sheet says which (absent: USD, as always).
  const currency = meta.currency ?? DEFAULT_CURRENCY;
  return {
    sheets: currency === DEFAULT_CURRENCY ? sheets : sheets.map((sh) => ({ ...sh, currency })),
    properties: {
      rulePackName: meta.pack.name,
      rulePackVersion: meta.pack.version,
      rulePackHash: meta.packHash,
      runAt: meta.runAt.toISOString(),
      ...(currency === DEFAULT_CURRENCY ? {} : { currency }),
    },
  };
}
