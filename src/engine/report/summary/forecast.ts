/**
 * The forecast "if no action" on RGO Summary (customer model, issue 9): the next H weeks' total
 * with its band next to the recent run-rate (a small table, charted as bars), and the week-by-week
 * table (charted as a line). Nothing without a fitted model.
 */
import type { AnalysisResult } from "../../analysis-result";
import type { ResultCell, ResultChart, SummaryBlock } from "../result-book";
import { col, moneyText, type PageUnits } from "./page-units";

export const FORECAST_TABLE = "RGO_Summary_Forecast";
export const FORECAST_TOTAL_TABLE = "RGO_Summary_ForecastTotal";

type ModelSummary = NonNullable<NonNullable<AnalysisResult["model"]>["summary"]>;

/** What the portfolio band counts, with the model's last check in words. */
function bandText(s: ModelSummary, units: PageUnits): string {
  const H = s.horizonWeeks;
  const c = s.forecast.check;
  if (c === null)
    return `The band is for the ${H}-week total and counts the customers' own randomness only: the history is too short to check the model on its own past, so seasonality and trend are not in it.`;
  const pct = Math.round(c.error * 1000) / 10;
  return `The band is for the ${H}-week total: the customers' own randomness plus the model's own error at its last check. Fitted on the data up to ${c.cut}, the model forecast ${moneyText(c.forecast, units)} for the ${H} weeks to ${s.asOf}; the customers known then spent ${moneyText(c.realised, units)} (${pct > 0 ? "+" : ""}${pct}% against the forecast).`;
}

export function forecastBlocks(result: AnalysisResult, units: PageUnits): SummaryBlock[] {
  const s = result.model?.summary;
  if (s === undefined || s === null) return [];
  const f = s.forecast;
  const H = s.horizonWeeks;
  const level = Math.round(s.intervalLevel * 100);
  const totals: ResultCell[][] = [
    [`Low end of the ${level}% band`, f.low],
    ["Expected if no action", s.expectedSpendNext],
    ...(f.high !== null ? [[`High end of the ${level}% band`, f.high]] : []),
    ["At the recent run-rate (last 13 weeks)", s.recentRunRate],
  ];
  return [
    { kind: "heading", text: `Forecast if no action: revenue over the next ${H} weeks`, level: 2 },
    {
      kind: "table",
      table: {
        name: FORECAST_TOTAL_TABLE,
        columns: [col("Forecast", "text"), col(`Revenue, next ${H} weeks`, "currency")],
        rows: totals,
      },
    },
    {
      kind: "paragraph",
      text: `The customer model's expected revenue if nothing changes, next to the recent run-rate, week by week from ${f.weekStarts[0]} below. ${bandText(s, units)}${f.high === null ? " The band has no upper end (the spend per purchase varies too much to bound it)." : ""}`,
    },
    {
      kind: "table",
      table: {
        name: FORECAST_TABLE,
        columns: [
          col("Week starting", "text"),
          col("Expected revenue", "currency"),
          col("Recent run-rate", "currency"),
        ],
        rows: f.weekly.map((v, t) => [f.weekStarts[t], v, f.recentWeekly]),
      },
    },
  ];
}

export function forecastCharts(result: AnalysisResult): ResultChart[] {
  const s = result.model?.summary;
  if (s === undefined || s === null) return [];
  return [
    {
      title: `Next ${s.horizonWeeks} weeks: expected revenue, its band and the recent run-rate`,
      table: FORECAST_TOTAL_TABLE,
      categoryColumn: 0,
      valueColumn: 1,
      kind: "bar",
    },
    {
      title: "Forecast if no action vs recent run-rate (per week)",
      table: FORECAST_TABLE,
      categoryColumn: 0,
      valueColumn: 1,
      lastValueColumn: 2,
      kind: "line",
    },
  ];
}
