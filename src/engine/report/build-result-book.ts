/**
 * The result workbook as data: RGO Summary (report blocks), RGO Gaps, RGO Customers, RGO Churn,
 * RGO Pipeline and RGO Reps (when the input has deals), RGO Rules (the pack as JSON, chunked) and
 * RGO Issues.
 */
import { DEFAULT_CURRENCY, formatCurrency } from "../currency";
import { noStockMethodology } from "../stages/stock-wording";
import { rollupBlocks } from "./rollup-blocks";
import type { AnalysisResult } from "../analysis-result";
import { issueTotals } from "../issue";
import type {
  ResultBook,
  ResultCell,
  ResultChart,
  ResultColumn,
  ResultSheet,
  SummaryBlock,
} from "./result-book";
import { pipelineSheet, repsSheet } from "./pipeline-sheets";
import type { ReportMeta } from "./report-meta";
import { priorityBands } from "../stages/priority-band";
import {
  CUSTOMER_MONEY_COLUMNS,
  customerMoneyCells,
  footCents,
  moneyBlocks,
  recoveryScopeLabel,
} from "./money-blocks";
import { cents } from "./summary-json";
import { periodWords } from "../input/period";
import { monthlyMethodology } from "../parameters/period-parameters";
import { chunkText } from "./rules-sheet";
import { capitalised, factLabel, labelOf } from "../registry/labels";
import { assessedSegments, customerFactColumns, factCell } from "./customer-fact-columns";

const col = (header: string, format: ResultColumn["format"], width?: number): ResultColumn =>
  width === undefined ? { header, format } : { header, format, width };
/** Money text in the run's currency (absent: USD), rounded to the cent as the cells are. */
const money = (x: number, code: string = DEFAULT_CURRENCY): string =>
  formatCurrency(cents(x), code);

function tableSheet(
  name: string,
  tableName: string,
  columns: ResultColumn[],
  rows: ResultCell[][],
): ResultSheet {
  return {
    name,
    content: { kind: "table", table: { name: tableName, columns, rows } },
    freezeHeader: true,
  };
}

/** Splits text into chunks of at most `size` characters. */

const fmt = (x: number, digits: number): string => x.toFixed(digits);

/** The customer model's lines of the methodology: what it is, its fit and fit quality. */
export function modelMethodology(result: AnalysisResult): string[] {
  const m = result.model;
  if (m === undefined) return [];
  // Monthly data: the model is off (metrics/customer-forecast.ts), the one line says why.
  if (result.period === "month") return [`Customer model not fitted: ${m.notFitted ?? ""}.`];
  const mp = m.parameters;
  const lines = [
    `Customer model (BG/NBD for whether and how often each customer buys, Gamma-Gamma for how much per purchase): ${
      m.summary === null
        ? "each purchase day (daily data) or week with spend (weekly data) is one purchase"
        : m.summary.purchaseUnit === "day"
          ? "each purchase day is one purchase (same-day rows summed)"
          : "each week with spend is one purchase"
    }; forecast over the next ${mp.horizonWeeks} weeks "if nothing changes" with a ${Math.round(mp.intervalLevel * 100)}% interval; recent run-rate = the last 13 weeks' spend / 13 x ${mp.horizonWeeks}; expected shortfall = max(0, run-rate - expected spend). A customer counts as lost when their weekly spend falls to at most ${mp.lossFraction} x their last 13 weeks' weekly mean.`,
  ];
  const s = m.summary;
  if (s === null) {
    lines.push(`Customer model not fitted: ${m.notFitted ?? "too little data"}.`);
    return lines;
  }
  const bg = s.bgNbd;
  const gg = s.gammaGamma;
  lines.push(
    `Model fit at ${s.asOf} on ${s.customers} customers (${s.repeatCustomers} with repeat purchases): BG/NBD r ${fmt(bg.r, 4)}, alpha ${fmt(bg.alpha, 4)}, a ${fmt(bg.a, 4)}, b ${fmt(bg.b, 4)}, log-likelihood ${fmt(bg.logLikelihood, 2)}, ${bg.converged ? "converged" : "NOT converged"} in ${bg.iterations} iterations; Gamma-Gamma p ${fmt(gg.p, 4)}, q ${fmt(gg.q, 4)}, gamma ${fmt(gg.gamma, 4)}, log-likelihood ${fmt(gg.logLikelihood, 2)}, ${gg.converged ? "converged" : "NOT converged"}; value trend x${fmt(s.valueMultiplier, 4)}.`,
  );
  lines.push(
    s.lossRisk !== null
      ? `Loss risk learned from this workbook's own history: a logistic model trained at ${s.lossRisk.cut} on ${s.lossRisk.trainingCustomers} customers active then (${Math.round(s.lossRisk.lostRate * 100)}% were lost over the following ${mp.horizonWeeks} weeks), ${s.lossRisk.converged ? "converged" : "NOT converged"} in ${s.lossRisk.iterations} iterations.`
      : `Loss risk = the model's pLoss (too little history ${mp.horizonWeeks} weeks back to learn it).`,
  );
  return lines;
}

/** What the portfolio band counts, with the model's last check in words. */
function bandText(
  s: NonNullable<NonNullable<AnalysisResult["model"]>["summary"]>,
  code: string,
): string {
  const H = s.horizonWeeks;
  const c = s.forecast.check;
  if (c === null)
    return `The band is for the ${H}-week total and counts the customers' own randomness only: the history is too short to check the model on its own past, so seasonality and trend are not in it.`;
  const pct = Math.round(c.error * 1000) / 10;
  return `The band is for the ${H}-week total: the customers' own randomness plus the model's own error at its last check. Fitted on the data up to ${c.cut}, the model forecast ${money(c.forecast, code)} for the ${H} weeks to ${s.asOf}; the customers known then spent ${money(c.realised, code)} (${pct > 0 ? "+" : ""}${pct}% against the forecast).`;
}

/** The forecast "if no action" on RGO Summary (customer model): figures and a week-by-week table. */
export function forecastBlocks(
  result: AnalysisResult,
  currency: string = DEFAULT_CURRENCY,
): SummaryBlock[] {
  const s = result.model?.summary;
  if (s === undefined || s === null) return [];
  const f = s.forecast;
  const H = s.horizonWeeks;
  const level = Math.round(s.intervalLevel * 100);
  return [
    { kind: "heading", text: `Forecast if no action: the next ${H} weeks`, level: 2 },
    {
      kind: "figures",
      items: [
        {
          label: `Expected revenue, next ${H} weeks`,
          value: s.expectedSpendNext,
          format: "currency",
        },
        { label: `${level}% band, low`, value: f.low, format: "currency" },
        { label: `${level}% band, high`, value: f.high, format: "currency" },
        {
          label: `At the recent run-rate (last 13 weeks)`,
          value: s.recentRunRate,
          format: "currency",
        },
      ],
    },
    {
      kind: "paragraph",
      text: `The customer model's expected revenue per week from ${f.weekStarts[0]} if nothing changes, next to the recent run-rate. ${bandText(s, currency)}`,
    },
    {
      kind: "table",
      table: {
        name: "RGO_Summary_Forecast",
        columns: [
          col("Week starting", "text"),
          col("Expected revenue", "currency"),
          col("Recent run-rate", "currency"),
        ],
        rows: f.weekly.map((v, t) => [f.weekStarts[t], v, f.recentWeekly]),
      },
    },
  ];
}

function forecastCharts(result: AnalysisResult): ResultChart[] {
  if (result.model?.summary == null) return [];
  return [
    {
      title: "Forecast if no action vs recent run-rate (a week)",
      table: "RGO_Summary_Forecast",
      categoryColumn: 0,
      valueColumn: 1,
      lastValueColumn: 2,
      kind: "line",
    },
  ];
}

function methodology(result: AnalysisResult): string[] {
  const p = result.parameters;
  const w = p.windows;
  const u = periodWords(result.period);
  const baseline =
    w.baselineAnchor === "first"
      ? `the average of each customer's first ${w.baselineWeeks} ${u.many}`
      : `the average of the ${w.baselineWeeks} ${u.many} before the current window`;
  const gaps = Object.entries(p.gaps)
    .map(([t, g]) => `${t} (${g?.method})`)
    .join(", ");
  const lines = [
    `Baseline = ${baseline}; current = the average of the last ${w.currentWeeks} ${u.many}; volatility over the last ${w.structuralWeeks} ${u.many}.`,
    ...(result.period === "month" ? [monthlyMethodology(w)] : []),
    `Gap types and their formulas: ${gaps}. Which customers have which gap is decided by the rules in RGO Rules.`,
    `Severity from the gap's percent change: high at ${p.severity.inclusive ? "or below " : "below "}${p.severity.high}%, medium at ${p.severity.inclusive ? "or below " : "below "}${p.severity.medium}%, else low.`,
    p.scoring.model === "loss-risk" && result.model?.summary?.lossRisk != null
      ? "Priority score = 10 x the customer's learned loss risk (lossRisk: the chance they are lost over the horizon); rows are ranked on the unrounded value, ties by exposure."
      : p.scoring.model === "loss-risk"
        ? `Priority score = ${Object.entries(p.scoring.weights)
            .map(([k, v]) => `${v} x ${k}`)
            .join(
              " + ",
            )} (each sub-score 0-10): the loss risk could not be learned (too little history), so the weighted score applies and rows are ranked by exposure.`
        : p.scoring.model === "weighted"
          ? `Priority score = ${Object.entries(p.scoring.weights)
              .map(([k, v]) => `${v} x ${k}`)
              .join(" + ")} (each sub-score 0-10).`
          : `Priority score = the worst dimension: min(10, largest sub-score x its factor)${
              p.scoring.worstOfFactors && Object.keys(p.scoring.worstOfFactors).length > 0
                ? ` (factors ${Object.entries(p.scoring.worstOfFactors)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(", ")}; others 1)`
                : " (all factors 1)"
            }.`,
    `Priority bands: ${priorityBands(p.scoring)
      .map((b) => `${b.label} from ${b.min}`)
      .join(", ")}.`,
    `Money is counted once per customer: a customer's revenue at risk is its largest gap amount (its gap types measure the same missing ${u.ly} spend), and its exposure and recovery are that gap's. Totals are exact sums of the cents shown; 'Total gap, all gap rows' adds every gap row and so counts a customer with several gap types more than once.`,
    `Ranked by ${p.scoring.model === "loss-risk" && result.model?.summary?.lossRisk == null ? "exposure" : p.ranking.by}, descending; ties keep customer file order then gap-type order. Top ${result.portfolio.topN} listed.`,
    `Rounding: ${p.rounding}.`,
  ];
  if (p.exposure.enabled) {
    lines.push(
      `Exposure = gap x min(${p.exposure.cap}, ${p.exposure.factors.map((f) => `${f.segment} multiplier`).join(" x ")}).`,
    );
  }
  if (result.stockAssessed === false) lines.push(noStockMethodology(u));
  lines.push(...modelMethodology(result));
  return lines;
}

function summaryBlocks(
  result: AnalysisResult,
  meta: ReportMeta,
  moneySection: { blocks: SummaryBlock[] },
): SummaryBlock[] {
  const s = result.portfolio;
  const u = periodWords(result.period);
  const blocks: SummaryBlock[] = [
    { kind: "heading", text: `Revenue Gap Report: ${meta.pack.name}`, level: 1 },
  ];
  for (const t of result.triggers)
    blocks.push({
      kind: "paragraph",
      text: `Executive attention required: ${t.message} (${t.why})`,
    });
  blocks.push({
    kind: "figures",
    items: [
      {
        label: "Scope",
        value:
          result.scope.mode === "single" ? `Customer ${result.scope.customerId}` : "All customers",
        format: "text",
      },
      ...(meta.asOf !== undefined
        ? [{ label: "As of (last day analysed)", value: meta.asOf, format: "text" as const }]
        : []),
      { label: "Verdict", value: result.verdict.level, format: "text" },
      { label: "Customers analysed", value: s.customersAnalyzed, format: "integer" },
      { label: "Customers with gaps", value: s.customersWithGaps, format: "integer" },
      { label: "Gaps", value: s.gapCount, format: "integer" },
      {
        label: "High / medium / low severity",
        value: `${s.severityCounts.high} / ${s.severityCounts.medium} / ${s.severityCounts.low}`,
        format: "text",
      },
      {
        label: `Revenue at risk (${u.ly}, each customer once)`,
        value: cents(s.revenueAtRisk),
        format: "currency",
      },
      { label: "Total gap, all gap rows", value: cents(s.totalGap), format: "currency" },
      {
        label: "Risk-weighted exposure (each customer once)",
        value: cents(s.totalExposure),
        format: "currency",
      },
      {
        label: `Concentration (top ${s.concentrationTopN} customers)`,
        value: s.concentrationShare,
        format: "percent",
      },
      {
        label: `Potential recovery (${recoveryScopeLabel(result)})`,
        value: cents(s.potentialRecovery),
        format: "currency",
      },
      {
        label:
          result.parameters.recovery.scope === "top-n" || result.parameters.recovery.scope === "all"
            ? "Recovery share of total gap"
            : "Recovery share of revenue at risk",
        value: s.recoveryShare,
        format: "percent",
      },
      { label: "Churn-risk customers", value: s.churnRiskCustomers, format: "integer" },
    ],
  });
  if (result.targets.length > 0) {
    blocks.push({ kind: "heading", text: "Targets vs actuals", level: 2 });
    blocks.push({
      kind: "bullets",
      items: result.targets.map(
        (t) =>
          `${t.label}: ${t.fact.startsWith("total") ? money(t.actual, meta.currency) : t.actual} vs target ${t.fact.startsWith("total") ? money(t.max, meta.currency) : t.max}: ${t.status === "on_target" ? "on target" : "above target"}`,
      ),
    });
  }
  if (meta.sinceLastRun !== undefined) blocks.push(...meta.sinceLastRun);
  blocks.push({ kind: "heading", text: "Churn-risk customers", level: 2 });
  blocks.push({
    kind: "table",
    table: {
      name: "RGO_Summary_Churn",
      columns: [
        col("Customer", "text"),
        col("Score", "decimal"),
        col("Probability", "percent"),
        col(`${u.Many} since purchase`, "integer"),
        col("Factors", "text", 40),
      ],
      rows: result.churn
        .slice(0, 10)
        .map((c) => [
          c.customerId,
          c.score,
          c.probability,
          c.weeksSinceLastPurchase,
          c.factors.join(", "),
        ]),
    },
  });
  const topRows: ResultCell[][] = result.topGaps.map((g) => [
    g.rank,
    g.customerId,
    g.gapType,
    g.severity,
    g.priorityScore,
    cents(g.gapAmount),
    cents(g.exposure),
    g.rootCause,
    g.priorityBand,
    cents(g.recoveryPotential),
  ]);
  blocks.push({ kind: "heading", text: `Top ${s.topN} priority gaps`, level: 2 });
  blocks.push({
    kind: "table",
    table: {
      name: "RGO_Summary_Top",
      columns: [
        col("Rank", "integer"),
        col("Customer", "text"),
        col("Gap type", "text"),
        col("Severity", "text"),
        col("Score", "score"),
        col("Gap", "currency"),
        col("Exposure", "currency"),
        col("Root cause", "text"),
        col("Priority band", "text"),
        col("Recovery potential", "currency"),
      ],
      rows: topRows,
    },
  });
  blocks.push({
    kind: "figures",
    items: [
      {
        label: `Total gap, top ${s.topN} gap rows`,
        value: footCents(topRows.map((r) => r[5])),
        format: "currency",
      },
      {
        label: `Total recovery potential, top ${s.topN} gap rows`,
        value: footCents(topRows.map((r) => r[9])),
        format: "currency",
      },
    ],
  });
  const byTypeRows: ResultCell[][] = s.topByType.map((t) => [
    t.gapType,
    t.count,
    cents(t.totalGap),
    Math.round(t.averageScore * 100) / 100,
  ]);
  blocks.push({ kind: "heading", text: "Gap analysis by type (top rows)", level: 2 });
  blocks.push({
    kind: "table",
    table: {
      name: "RGO_Summary_ByType",
      columns: [
        col("Gap type", "text"),
        col("Count", "integer"),
        col("Total gap", "currency"),
        col("Average score", "score"),
      ],
      rows: byTypeRows,
    },
  });
  blocks.push({
    kind: "figures",
    items: [
      {
        label: "Total gaps",
        value: byTypeRows.reduce((a, r) => a + Number(r[1]), 0),
        format: "integer",
      },
      {
        label: `Total gap, top ${s.topN} gap rows`,
        value: footCents(byTypeRows.map((r) => r[2])),
        format: "currency",
      },
    ],
  });
  blocks.push(...moneySection.blocks);
  blocks.push(...forecastBlocks(result, meta.currency));
  const owners = result.topGaps.slice(0, 5).map((g) => g.customerId);
  blocks.push({ kind: "heading", text: "Recommendations", level: 2 });
  blocks.push({
    kind: "bullets",
    items: [
      `Address the ${s.topSeverityCounts.high} high-severity gaps in the top ${s.topN} first.`,
      `${money(s.potentialRecovery, meta.currency)} recovery opportunity in the ${recoveryScopeLabel(result)}.`,
      owners.length > 0
        ? `Assign customers ${owners.join(", ")} to owners; status within 5 business days.`
        : "No gaps detected.",
      `Re-run ${u.ly} with the same rule pack to track the trend.`,
    ],
  });
  blocks.push({ kind: "heading", text: "Methodology", level: 2 });
  blocks.push({ kind: "bullets", items: methodology(result) });
  blocks.push({ kind: "heading", text: "Run metadata", level: 2 });
  blocks.push({
    kind: "figures",
    items: [
      { label: "Rule pack", value: `${meta.pack.name} ${meta.pack.version}`, format: "text" },
      { label: "Rule pack hash", value: meta.packHash, format: "text" },
      { label: "Source", value: meta.source, format: "text" },
      {
        label: "Customers / sales rows / stock rows",
        value: `${meta.inputCounts.customers} / ${meta.inputCounts.salesRows} / ${meta.inputCounts.stockRows}`,
        format: "text",
      },
      { label: u.Many, value: meta.weeks ?? result.weeks, format: "integer" },
      { label: "Run at", value: meta.runAt, format: "date" },
      { label: "Input issues", value: issueTotals(meta.issues).total, format: "integer" },
    ],
  });
  // Segment rollups last, so the blocks above keep their place whether or not the pack asks.
  blocks.push(...rollupBlocks(result));
  return blocks;
}

/** Builds every RGO result sheet for one run. */
export function buildResultBook(result: AnalysisResult, meta: ReportMeta): ResultBook {
  const u = periodWords(result.period);
  const moneySection = moneyBlocks(result);
  const gaps = tableSheet(
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
    result.gaps.map((g) => [
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
    ]),
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
  const customers = tableSheet(
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
    result.customers.map((c) => [
      ...customerMoneyCells(c),
      ...extraFacts.map((f) => factCell(c.facts, f.name, assessed)),
      c.gapCount,
      c.churnListed ? "yes" : "no",
      c.churnScore,
      ...factColumns.map((f) => factCell(c.facts, f.name, assessed)),
    ]),
  );
  const churn = tableSheet(
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
    result.churn.map((c) => [
      c.customerId,
      c.score,
      c.probability,
      c.trailingZeroWeeks,
      c.weeksSinceLastPurchase,
      c.factors.map((f) => labelOf("value", f)).join(", "),
    ]),
  );
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
      content: {
        kind: "report",
        blocks: [
          ...summaryBlocks(result, meta, moneySection),
          ...(meta.actions?.summaryBlocks ?? []),
        ],
      },
      charts: [...moneySection.charts, ...forecastCharts(result)],
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
