/**
 * RGO Summary, one page a finance manager reads top to bottom (docs/SUMMARY.md): the verdict and
 * headline figures, the top customers (each once, by revenue at risk), the breakdowns (one table
 * per dimension), the forecast and the run history, recommendations, a glossary, then the
 * methodology and the run details; charts beside it (by cause, by segment, the forecast band and
 * line; the history line is added by history/run-history.ts).
 */
import type { AnalysisResult } from "../../analysis-result";
import type { ReportMeta } from "../report-meta";
import type { ResultChart, SummaryBlock } from "../result-book";
import { breakdownBlocks, breakdownCharts } from "./breakdowns";
import { forecastBlocks, forecastCharts } from "./forecast";
import { glossaryBlocks } from "./glossary";
import { methodologyBlocks } from "./methodology";
import { pageUnits } from "./page-units";
import { recommendationBlocks } from "./recommendations";
import { runDetailBlocks } from "./run-details";
import { customersByRisk, topCustomerBlocks } from "./top-customers";
import { verdictBlocks } from "./verdict";

export function summaryPage(
  result: AnalysisResult,
  meta: ReportMeta,
): { blocks: SummaryBlock[]; charts: ResultChart[] } {
  const units = pageUnits(result, meta);
  const customers = customersByRisk(result);
  const breakdowns = breakdownBlocks(result, customers, units);
  const blocks: SummaryBlock[] = [
    ...verdictBlocks(result, meta, customers, units),
    ...topCustomerBlocks(result, meta, units),
    ...breakdowns.blocks,
    ...forecastBlocks(result, units),
    ...(meta.sinceLastRun ?? []),
    ...(meta.actions?.summaryBlocks ?? []),
    ...recommendationBlocks(result, meta, customers, units),
    ...glossaryBlocks(result, units),
    ...methodologyBlocks(result),
    ...runDetailBlocks(result, meta, units),
  ];
  return { blocks, charts: [...breakdownCharts(breakdowns, units), ...forecastCharts(result)] };
}
