/** The CLI's "since last run" lines under the headline (only when there was a run to compare). */
import { verdictText, type TrendJson } from "../engine/history/trend";
import { formatCurrency } from "../engine/currency";

export function formatTrend(t: TrendJson, currency = "USD"): string {
  const lines = [`Since last run   as of ${t.previousAsOf}`];
  if (t.verdict !== null)
    lines.push(
      `Trend            ${verdictText(t.verdict)} (${t.verdict.measure === "exposure" ? "risk-weighted exposure" : "revenue at risk"}; stable within ${t.verdict.stablePct}%)`,
    );
  if (t.revenueAtRiskChange !== null)
    lines.push(
      `Revenue at risk  ${t.revenueAtRiskChange >= 0 ? "+" : ""}${formatCurrency(t.revenueAtRiskChange, currency)} a week`,
    );
  if (t.new !== null)
    lines.push(
      `Customers        ${t.new} new, ${t.persisting} persisting, ${t.worsening} worsening, ${t.improving} improving, ${t.closed} closed`,
    );
  return lines.join("\n") + "\n";
}
