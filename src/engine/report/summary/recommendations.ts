/**
 * RGO Summary's recommendations: who to call first (distinct customers, most revenue at risk
 * first, each with its owner from RGO Actions or "owner: unassigned"), where the money is, and
 * the weekly routine.
 */
import type { AnalysisResult, CustomerResult } from "../../analysis-result";
import { labelOf } from "../../registry/labels";
import { recoveryScopeLabel } from "../money-blocks";
import type { ReportMeta } from "../report-meta";
import type { SummaryBlock } from "../result-book";
import { cents } from "../summary-json";
import { ownerOf, ownersOf, UNASSIGNED } from "./owners";
import { centsOf, moneyText, type PageUnits } from "./page-units";
import { mainCause } from "./verdict";

/** Customers named in the first recommendation. */
export const CALL_FIRST = 5;

/** The first `n` distinct customers of `customers` (already sorted by revenue at risk). */
export function distinctCustomers(
  customers: readonly CustomerResult[],
  n: number,
): CustomerResult[] {
  const seen = new Set<string>();
  const out: CustomerResult[] = [];
  for (const c of customers) {
    if (out.length >= n) break;
    if (seen.has(c.customerId)) continue;
    seen.add(c.customerId);
    out.push(c);
  }
  return out;
}

export function recommendationBlocks(
  result: AnalysisResult,
  meta: ReportMeta,
  customers: readonly CustomerResult[],
  units: PageUnits,
): SummaryBlock[] {
  const s = result.portfolio;
  const items: string[] = [];
  if (customers.length === 0) items.push("No customer has a gap: nothing to follow up this time.");
  else {
    const owners = ownersOf(meta);
    const first = distinctCustomers(customers, CALL_FIRST);
    const together = first.reduce((a, c) => a + centsOf(c.revenueAtRisk), 0) / 100;
    items.push(
      `Call first the ${first.length === 1 ? "customer" : `${first.length} customers`} with the most revenue at risk (${moneyText(together, units)} ${units.per} together): ${first
        .map(
          (c) =>
            `${c.customerId} (${moneyText(cents(c.revenueAtRisk), units)}, owner: ${ownerOf(owners, c.customerId)})`,
        )
        .join("; ")}.`,
    );
    const cause = mainCause(customers);
    if (cause !== null && cause.cause !== "none")
      items.push(
        `Start with the largest cause, ${labelOf("cause", cause.cause).toLowerCase()} (${cause.customers.toLocaleString("en-US")} ${cause.customers === 1 ? "customer" : "customers"}, ${moneyText(cause.cents / 100, units)} ${units.per}); RGO Gaps lists each gap's recommended actions.`,
      );
    items.push(
      `${moneyText(cents(s.potentialRecovery), units)} ${units.per} can be won back (${recoveryScopeLabel(result)}).`,
    );
    const unassigned = customers.filter((c) => ownerOf(owners, c.customerId) === UNASSIGNED).length;
    items.push(
      unassigned === 0
        ? "Every customer with a gap has an owner in RGO Actions: ask each for a status within 5 business days."
        : `${unassigned.toLocaleString("en-US")} of the ${customers.length.toLocaleString("en-US")} customers with a gap ${unassigned === 1 ? "has" : "have"} no owner: give them one in RGO Actions (Owner column) and ask for a status within 5 business days.`,
    );
  }
  items.push(`Re-run ${units.u.ly} with the same rule pack to track the trend.`);
  return [
    { kind: "heading", text: "Recommendations", level: 2 },
    { kind: "bullets", items },
  ];
}
