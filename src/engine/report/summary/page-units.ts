/**
 * The units RGO Summary states with every figure: the run's currency, the period ("per week",
 * "per month") and the horizon a weekly amount is carried over ("next 13 weeks"), so no money on
 * the page is shown without what it is per.
 */
import type { AnalysisResult } from "../../analysis-result";
import { DEFAULT_CURRENCY, formatCurrency } from "../../currency";
import { type PeriodWords, periodWords, weeksToMonths } from "../../input/period";
import { PORTFOLIO_FACTS } from "../../registry/portfolio-facts";
import type { ReportMeta } from "../report-meta";
import type { ResultColumn } from "../result-book";
import { cents } from "../summary-json";

export interface PageUnits {
  u: PeriodWords;
  /** "per week" / "per month". */
  per: string;
  /** Periods in the horizon (13 weeks, or 3 months for monthly data). */
  horizon: number;
  /** "next 13 weeks" / "next 3 months". */
  horizonText: string;
  /** ISO code of the run's currency. */
  currency: string;
}

/** The model's horizon in weeks (the pack's customer-model horizon; 13 without a model). */
export const horizonWeeks = (result: AnalysisResult): number =>
  result.model?.parameters.horizonWeeks ?? 13;

export function pageUnits(result: AnalysisResult, meta: ReportMeta): PageUnits {
  const u = periodWords(result.period);
  const weeks = horizonWeeks(result);
  const horizon = result.period === "month" ? weeksToMonths(weeks) : weeks;
  return {
    u,
    per: `per ${u.one}`,
    horizon,
    horizonText: `next ${horizon} ${horizon === 1 ? u.one : u.many}`,
    currency: meta.currency ?? DEFAULT_CURRENCY,
  };
}

/** A column of a summary table. */
export const col = (
  header: string,
  format: ResultColumn["format"],
  width?: number,
): ResultColumn => (width === undefined ? { header, format } : { header, format, width });

/** Money text in the run's currency, rounded to the cent as the cells are. */
export const moneyText = (dollars: number, units: Pick<PageUnits, "currency">): string =>
  formatCurrency(cents(dollars), units.currency);

/** Whole cents of a dollar amount, rounded as the cells show it. */
export const centsOf = (dollars: number): number => Math.round(cents(dollars) * 100);

/** "48%" (a share 0..1, whole percent; "less than 1%" for a small share that is not zero). */
export function percentText(share: number): string {
  const p = Math.round(share * 100);
  return p === 0 && share > 0 ? "less than 1%" : `${p}%`;
}

/** A portfolio fact's value in words: money in the currency, a percent, else the number. */
export function factValueText(fact: string, value: number, units: PageUnits): string {
  const unit = PORTFOLIO_FACTS.find((f) => f.name === fact)?.unit;
  if (unit === "dollars") return moneyText(value, units);
  if (unit === "percent") return `${Math.round(value * 10) / 10}%`;
  return value.toLocaleString("en-US");
}
