/**
 * The words of the Drill-down's spend chart, in the run's period (period.ts words, never built by
 * replacing "week"): the chart's accessible label, a bar's title and the forecast's titles.
 * The customer model's forecast exists only for weekly runs (it is off for monthly data), so its
 * horizon is counted in the same periods as the bars.
 */
import { countPeriods, periodWords } from "../../engine/input/period";
import { periodTick } from "./spend-chart-axes";
import type { CustomerDetail } from "../worker/protocol";

export interface SpendChartText {
  /** The chart's accessible label (aria-label). */
  label: string;
  /** The forecast band's title ("Next 13 weeks: $10-$40 in total (80%)"), "" without forecast. */
  forecastBand: string;
  /** The forecast line's title ("Expected $25 over the next 13 weeks"), "" without forecast. */
  forecastLine: string;
  /** The band's words on the chart ("80% band, next 13 weeks"), "" without forecast. */
  forecastCaption: string;
  /** Under the period axis: "Weekly spend, weeks starting 2 Jan 2023 to 26 Jun 2023" / "Monthly spend, Jan 2023 to Jun 2023". */
  axisCaption: string;
  /** The hidden table's caption and its period column's header. */
  tableCaption: string;
  periodHeader: string;
  /** The hidden table's forecast row header ("Next 13 weeks (80% band)"), "" without forecast. */
  forecastRow: string;
}

/** A numeric fact of the detail (null when absent or not a finite number). */
export function numberFact(detail: CustomerDetail, name: string): number | null {
  const v = detail.facts.find((f) => f.name === name)?.value;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** `max`: the highest bar (money); `money`: the pane's money format. */
export function spendChartText(
  detail: CustomerDetail,
  max: number,
  money: (n: number) => string,
): SpendChartText {
  const u = detail.period;
  const w = periodWords(u);
  const n = detail.spend.length;
  const total = detail.spend.reduce<number>((a, v) => a + (v ?? 0), 0);
  const f = detail.forecast;
  const horizon = f !== undefined ? countPeriods(f.weeks, u) : "";
  const forecast =
    f !== undefined
      ? ` Forecast for the next ${horizon}: ${money(f.expected)} expected (${Math.round(f.level * 100)}%: ${money(f.low)}-${money(f.high)}), ${Math.round(f.pActive * 100)}% chance still buying.`
      : "";
  const first = detail.weeks[0] ?? "";
  const last = detail.weeks[n - 1] ?? "";
  const lastSpend = n > 0 ? detail.spend[n - 1] : null;
  const latest = lastSpend !== null ? `, latest ${w.one} ${money(lastSpend)}` : "";
  const b = numberFact(detail, "baselineAvg");
  const c = numberFact(detail, "currentAvg");
  const averages =
    b !== null && c !== null
      ? ` (baseline average ${money(b)} ${w.per}, current average ${money(c)} ${w.per})`
      : "";
  const Ly = `${w.ly.charAt(0).toUpperCase()}${w.ly.slice(1)}`;
  return {
    label:
      `${Ly} spend of ${detail.customerId}: ${countPeriods(n, u)} from ${first} to ${last}, ` +
      `total ${money(total)}, highest ${w.one} ${money(max)}${latest}; baseline and current windows shaded${averages}.${forecast}`,
    forecastBand:
      f !== undefined
        ? `Next ${horizon}: ${money(f.low)}-${money(f.high)} in total (${Math.round(f.level * 100)}%)`
        : "",
    forecastLine: f !== undefined ? `Expected ${money(f.expected)} over the next ${horizon}` : "",
    forecastCaption: f !== undefined ? `${Math.round(f.level * 100)}% band, next ${horizon}` : "",
    axisCaption: `${Ly} spend, ${u === "week" ? "weeks starting " : ""}${periodTick(first)} to ${periodTick(last)}`,
    tableCaption: `${Ly} spend of ${detail.customerId}`,
    periodHeader: u === "week" ? "Week starting" : "Month",
    forecastRow: f !== undefined ? `Next ${horizon} (${Math.round(f.level * 100)}% band)` : "",
  };
}
