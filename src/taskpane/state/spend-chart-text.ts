/**
 * The words of the Drill-down's spend chart, in the run's period (period.ts words, never built by
 * replacing "week"): the chart's accessible label, a bar's title and the forecast's titles.
 * The customer model's forecast exists only for weekly runs (it is off for monthly data), so its
 * horizon is counted in the same periods as the bars.
 */
import { countPeriods, periodWords } from "../../engine/input/period";
import type { CustomerDetail } from "../worker/protocol";

export interface SpendChartText {
  /** The chart's accessible label (aria-label). */
  label: string;
  /** The forecast band's title ("Next 13 weeks: $10-$40 in total (80%)"), "" without forecast. */
  forecastBand: string;
  /** The forecast line's title ("Expected $25 over the next 13 weeks"), "" without forecast. */
  forecastLine: string;
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
  return {
    label:
      `${w.ly.charAt(0).toUpperCase()}${w.ly.slice(1)} spend of ${detail.customerId}: ${countPeriods(n, u)} from ${first} to ${last}, ` +
      `total ${money(total)}, highest ${w.one} ${money(max)}; baseline and current windows shaded.${forecast}`,
    forecastBand:
      f !== undefined
        ? `Next ${horizon}: ${money(f.low)}-${money(f.high)} in total (${Math.round(f.level * 100)}%)`
        : "",
    forecastLine: f !== undefined ? `Expected ${money(f.expected)} over the next ${horizon}` : "",
  };
}
