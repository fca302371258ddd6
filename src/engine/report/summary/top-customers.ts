/**
 * RGO Summary's top customers: each customer once (its revenue at risk is counted once, see
 * stages/customer-money.ts), sorted by revenue at risk, the page's one sort order. One urgency
 * scale: the priority band with its 0-10 score beside it. Columns in words, the owner from RGO
 * Actions ("unassigned" when none is recorded).
 */
import type { AnalysisResult, CustomerResult } from "../../analysis-result";
import { labelOf } from "../../registry/labels";
import { footCents } from "../money-blocks";
import type { ReportMeta } from "../report-meta";
import type { ResultCell, ResultColumn, SummaryBlock } from "../result-book";
import { cents } from "../summary-json";
import { ownerOf, ownersOf } from "./owners";
import { centsOf, col, type PageUnits, percentText } from "./page-units";

export const TOP_CUSTOMERS_TABLE = "RGO_Summary_TopCustomers";

/**
 * Customers with a gap, most revenue at risk first (in cents, as shown); ties by their best gap
 * row's rank, so the order is the RGO Gaps order among equals.
 */
export function customersByRisk(result: AnalysisResult): CustomerResult[] {
  return result.customers
    .filter((c) => c.gapCount > 0)
    .sort((a, b) => centsOf(b.revenueAtRisk) - centsOf(a.revenueAtRisk) || a.bestRank - b.bestRank);
}

/** Whether the customers with gaps have more than one primary gap type (else the column is noise). */
const severalGapTypes = (customers: readonly CustomerResult[]): boolean =>
  new Set(customers.map((c) => c.primaryGapType)).size > 1;

export function topCustomerBlocks(
  result: AnalysisResult,
  meta: ReportMeta,
  units: PageUnits,
): SummaryBlock[] {
  const all = customersByRisk(result);
  if (all.length === 0) return [];
  const n = result.portfolio.topN;
  const top = all.slice(0, n);
  const exposure = result.parameters.exposure.enabled;
  const gapType = severalGapTypes(all);
  // A pack that attributes no cause says "none" for everyone: no column for it.
  const cause = all.some((c) => (c.rootCause ?? "none") !== "none");
  const owners = ownersOf(meta);
  const columns: ResultColumn[] = [
    col("Rank", "integer"),
    col("Customer", "text"),
    col(`Revenue at risk ${units.per}`, "currency"),
    ...(exposure ? [col(`Exposure ${units.per}`, "currency")] : []),
    col("Priority band", "text"),
    col("Score (0-10)", "score"),
    ...(cause ? [col("Cause", "text")] : []),
    ...(gapType ? [col("Gap type", "text")] : []),
    col("Owner", "text"),
  ];
  const rows: ResultCell[][] = top.map((c, i) => [
    i + 1,
    c.customerId,
    cents(c.revenueAtRisk),
    ...(exposure ? [cents(c.exposure)] : []),
    c.priorityBand,
    c.priorityScore,
    ...(cause ? [labelOf("cause", c.rootCause ?? "none")] : []),
    ...(gapType ? [labelOf("gapType", c.primaryGapType ?? "")] : []),
    ownerOf(owners, c.customerId),
  ]);
  const shown = footCents(rows.map((r) => r[2]));
  const total = cents(result.portfolio.revenueAtRisk);
  const title =
    top.length < all.length
      ? `Top ${top.length} customers by revenue at risk`
      : `All ${all.length.toLocaleString("en-US")} customers with a gap, by revenue at risk`;
  return [
    { kind: "heading", text: title, level: 2 },
    { kind: "table", table: { name: TOP_CUSTOMERS_TABLE, columns, rows } },
    {
      kind: "figures",
      items: [
        {
          label: `Total revenue at risk ${units.per}, these ${top.length} customers`,
          value: shown,
          format: "currency",
        },
        ...(exposure
          ? [
              {
                label: `Total exposure ${units.per}, these ${top.length} customers`,
                value: footCents(rows.map((r) => r[3])),
                format: "currency" as const,
              },
            ]
          : []),
      ],
    },
    {
      kind: "paragraph",
      text: `These ${top.length} of the ${all.length.toLocaleString("en-US")} customers with a gap hold ${percentText(total > 0 ? shown / total : 0)} of the revenue at risk. Each customer is listed once, with its largest gap; every gap row is on RGO Gaps.`,
    },
  ];
}
