/**
 * The bottom of RGO Summary: the rule pack, what was read, when it ran, the input issues, and the
 * source path in full (a paragraph, which wraps, so a long path is never cut off).
 */
import type { AnalysisResult } from "../../analysis-result";
import { issueTotals } from "../../issue";
import type { ReportMeta } from "../report-meta";
import type { SummaryBlock } from "../result-book";
import type { PageUnits } from "./page-units";

export function runDetailBlocks(
  result: AnalysisResult,
  meta: ReportMeta,
  units: PageUnits,
): SummaryBlock[] {
  return [
    { kind: "heading", text: "Run details", level: 2 },
    {
      kind: "figures",
      items: [
        { label: "Rule pack", value: `${meta.pack.name} ${meta.pack.version}`, format: "text" },
        { label: "Rule pack hash", value: meta.packHash, format: "text" },
        {
          label: "Customers analysed",
          value: result.portfolio.customersAnalyzed,
          format: "integer",
        },
        {
          label: "Customers / sales rows / stock rows",
          value: `${meta.inputCounts.customers} / ${meta.inputCounts.salesRows} / ${meta.inputCounts.stockRows}`,
          format: "text",
        },
        { label: units.u.Many, value: meta.weeks ?? result.weeks, format: "integer" },
        ...(meta.asOf !== undefined
          ? [{ label: "As of (last day analysed)", value: meta.asOf, format: "text" as const }]
          : []),
        { label: "Currency", value: units.currency, format: "text" },
        { label: "Run at", value: meta.runAt, format: "date" },
        { label: "Input issues", value: issueTotals(meta.issues).total, format: "integer" },
      ],
    },
    { kind: "paragraph", text: `Source: ${meta.source}` },
  ];
}
