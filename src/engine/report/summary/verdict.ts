/**
 * The top of RGO Summary: the title, what was analysed, the verdict in one or two sentences (how
 * much money is at risk per period and over the horizon, from how many customers, the main cause,
 * the pack's overall level), the executive triggers, then the headline figures, each with its
 * unit and period, and the pack's targets.
 */
import type { AnalysisResult, CustomerResult } from "../../analysis-result";
import { labelOf } from "../../registry/labels";
import { recoveryScopeLabel } from "../money-blocks";
import type { ReportMeta } from "../report-meta";
import type { SummaryBlock } from "../result-book";
import { cents } from "../summary-json";
import { centsOf, factValueText, moneyText, type PageUnits, percentText } from "./page-units";

/** Revenue at risk over the horizon if the period's shortfall goes on: exact cents x periods. */
export const horizonRisk = (result: AnalysisResult, units: PageUnits): number =>
  (centsOf(result.portfolio.revenueAtRisk) * units.horizon) / 100;

/** The cause holding the most revenue at risk: its key, cents and customers (ties: cause name). */
export function mainCause(
  customers: readonly CustomerResult[],
): { cause: string; cents: number; customers: number } | null {
  const by = new Map<string, { cents: number; customers: number }>();
  for (const c of customers) {
    const k = c.rootCause ?? "none";
    const g = by.get(k) ?? { cents: 0, customers: 0 };
    g.cents += centsOf(c.revenueAtRisk);
    g.customers++;
    by.set(k, g);
  }
  let best: { cause: string; cents: number; customers: number } | null = null;
  for (const [cause, g] of by)
    if (best === null || g.cents > best.cents || (g.cents === best.cents && cause < best.cause))
      best = { cause, ...g };
  return best;
}

function verdictText(
  result: AnalysisResult,
  customers: readonly CustomerResult[],
  units: PageUnits,
): string {
  const s = result.portfolio;
  const v = result.verdict;
  const level = `Overall level: ${v.level.toLowerCase()} (${labelOf("fact", v.fact).toLowerCase()} ${factValueText(v.fact, v.value, units)}; medium from ${factValueText(v.fact, v.medium, units)}, high from ${factValueText(v.fact, v.high, units)}).`;
  if (customers.length === 0)
    return `No revenue is at risk: none of the ${s.customersAnalyzed.toLocaleString("en-US")} customers analysed has a gap. ${level}`;
  const risk = cents(s.revenueAtRisk);
  const cause = mainCause(customers);
  const total = centsOf(s.revenueAtRisk);
  const causeText =
    // "none": the pack attributes no cause, so there is no main cause to name.
    cause === null || cause.cause === "none"
      ? ""
      : ` Main cause: ${labelOf("cause", cause.cause).toLowerCase()}, ${moneyText(cause.cents / 100, units)} ${units.per} (${percentText(total > 0 ? cause.cents / total : 0)} of it) from ${cause.customers.toLocaleString("en-US")} ${cause.customers === 1 ? "customer" : "customers"}.`;
  return `${moneyText(risk, units)} of revenue is at risk ${units.per} from ${customers.length.toLocaleString("en-US")} of the ${s.customersAnalyzed.toLocaleString("en-US")} customers analysed: ${moneyText(horizonRisk(result, units), units)} over the ${units.horizonText} if nothing changes.${causeText} ${level}`;
}

export function verdictBlocks(
  result: AnalysisResult,
  meta: ReportMeta,
  customers: readonly CustomerResult[],
  units: PageUnits,
): SummaryBlock[] {
  const s = result.portfolio;
  const scope =
    result.scope.mode === "single" ? `Customer ${result.scope.customerId}` : "All customers";
  const blocks: SummaryBlock[] = [
    { kind: "heading", text: `Revenue Gap Report: ${meta.pack.name}`, level: 1 },
    {
      kind: "paragraph",
      text: `${scope}${meta.asOf !== undefined ? `, as of ${meta.asOf} (last day analysed)` : ""}; ${units.u.ly} figures in ${units.currency}.`,
    },
    { kind: "paragraph", text: verdictText(result, customers, units) },
  ];
  for (const t of result.triggers)
    blocks.push({
      kind: "paragraph",
      text: `Executive attention required: ${t.message} (${t.why})`,
    });
  blocks.push({
    kind: "figures",
    items: [
      { label: `Revenue at risk ${units.per}`, value: cents(s.revenueAtRisk), format: "currency" },
      {
        label: `Revenue at risk, ${units.horizonText} if nothing changes`,
        value: horizonRisk(result, units),
        format: "currency",
      },
      ...(result.parameters.exposure.enabled
        ? [
            {
              label: `Exposure ${units.per} (risk-weighted)`,
              value: cents(s.totalExposure),
              format: "currency" as const,
            },
          ]
        : []),
      {
        label: `Potential recovery ${units.per} (${recoveryScopeLabel(result)})`,
        value: cents(s.potentialRecovery),
        format: "currency",
      },
      {
        label: `Customers with a gap (of ${s.customersAnalyzed.toLocaleString("en-US")} analysed)`,
        value: s.customersWithGaps,
        format: "integer",
      },
      {
        label: "Customers at churn risk (RGO Churn)",
        value: s.churnRiskCustomers,
        format: "integer",
      },
    ],
  });
  if (result.targets.length > 0) {
    blocks.push({ kind: "heading", text: "Targets vs actuals", level: 2 });
    blocks.push({
      kind: "bullets",
      items: result.targets.map(
        (t) =>
          `${t.label}: ${factValueText(t.fact, t.actual, units)} vs target ${factValueText(t.fact, t.max, units)}: ${t.status === "on_target" ? "on target" : "above target"}`,
      ),
    });
  }
  return blocks;
}
