/**
 * The Data step's data check in words: the counts of the checked tables, with the span in the
 * checked data's period ("over 12 weeks", "over 18 months"; period.ts words, never "weeks" for
 * monthly data).
 */
import { countPeriods } from "../../engine/input/period";
import type { ValidationReport } from "../worker/protocol";

/** "200 customers, 3,600 sales rows over 18 months, 0 stock rows." */
export function dataCheckCounts(report: ValidationReport): string {
  const n = (x: number): string => x.toLocaleString("en-US");
  const span = countPeriods(report.counts.weeks, report.period?.unit ?? "week");
  return `${n(report.counts.customers)} customers, ${n(report.counts.salesRows)} sales rows over ${span}, ${n(report.counts.stockRows)} stock rows.`;
}
