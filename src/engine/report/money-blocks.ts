/**
 * Money helpers shared by the result sheets: the exact foot of displayed money cells, the recovery
 * scope in words, and the per-customer money columns of RGO Customers. (RGO Summary's blocks are in
 * summary/.)
 */
import type { AnalysisResult, CustomerResult } from "../analysis-result";
import type { ResultCell, ResultColumn } from "./result-book";
import { cents } from "./summary-json";
import { capitalised, labelOf } from "../registry/labels";

const col = (header: string, format: ResultColumn["format"], width?: number): ResultColumn =>
  width === undefined ? { header, format } : { header, format, width };

/** Sum of displayed money cells, in exact cents, back to dollars. */
export function footCents(values: readonly ResultCell[]): number {
  let c = 0;
  for (const v of values) if (typeof v === "number") c += Math.round(v * 100);
  return c / 100;
}

/** "the top 20 gap rows" / "all customers" ... for the pack's recovery scope. */
export function recoveryScopeLabel(result: AnalysisResult): string {
  const n = result.portfolio.topN;
  switch (result.parameters.recovery.scope) {
    case "all":
      return "all gap rows";
    case "top-n-customers":
      return `top ${n} customers`;
    case "all-customers":
      return "all customers";
    default:
      return `top ${n} gap rows`;
  }
}

/** The per-customer money columns, in the order RGO Customers and the summary's top list show them. */
export const CUSTOMER_MONEY_COLUMNS: readonly ResultColumn[] = [
  col("Customer", "text"),
  col("Primary gap type", "text"),
  col("Priority band", "text"),
  col("Priority score", "score"),
  col("Revenue at risk", "currency"),
  col("Exposure", "currency"),
  col("Recovery potential", "currency"),
  col("Root cause", "text"),
];

/** One customer's cells for CUSTOMER_MONEY_COLUMNS in words (no priority score without a gap). */
export const customerMoneyCells = (c: CustomerResult): ResultCell[] => [
  c.customerId,
  c.primaryGapType === null ? null : labelOf("gapType", c.primaryGapType),
  c.priorityBand === null ? null : capitalised(c.priorityBand),
  c.gapCount > 0 ? c.priorityScore : null,
  cents(c.revenueAtRisk),
  cents(c.exposure),
  cents(c.recoveryPotential),
  c.rootCause === null ? null : labelOf("cause", c.rootCause),
];
