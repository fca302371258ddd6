/**
 * `rgo backtest` (issue 9), the engine part (pure): cut the sales table at the as-of date (rows
 * dated after it are removed before the run), run the analysis on what is left (runAnalysis, with
 * the weeks ending on the as-of day), and score what the run said against what the customers
 * really did in the H weeks after it (score-backtest.ts, on the full table's purchases).
 *
 * Definitions (score-backtest.ts): active = spent something in the 13 weeks ending on the as-of
 * day; lost = active and average weekly spend over the next H weeks at most half the average over
 * those 13 weeks. Flagged = customers with at least one gap row; their priority is the tool's own
 * order on RGO Gaps (the rank of their best row), so top-100 precision is over the first 100
 * flagged active customers as RGO Gaps lists them. Forecast figures come from the customer model's
 * facts (expectedSpendNext, expectedSpendLow/High), forecast over the H weeks scored (the pack's
 * model.horizonWeeks is set to H for the run); they are null for a pack without the model.
 */
import { RgoError } from "../errors";
import { cutAtAsOf, parseAsOf, readDatedSales } from "../input/as-of-cut";
import { isoDateOfDay } from "../input/calendar-days";
import type { ColumnChoices } from "../input/header-map";
import type { RawWorkbook } from "../input/raw-table";
import type { Role } from "../input/role";
import { runAnalysis, type CheckedPack, type RunOutput } from "../pipeline/run-analysis";
import type { RunControl } from "../pipeline/progress";
import {
  backtestWindows,
  scoreBacktest,
  type BacktestScore,
  type FlaggedCustomer,
  type SpendForecast,
} from "./score-backtest";

/** Weeks of history the backtest needs before the as-of day (the recent window). */
export const RECENT_WEEKS = 13;

export interface BacktestOptions {
  /** ISO date YYYY-MM-DD: the last day the analysis may see. */
  asOf: string;
  /** Weeks after the as-of day the run is scored on (default 13). */
  horizonWeeks?: number;
  runAt: Date;
  source?: string;
  tableForRole?: Partial<Record<Role, string>>;
  columns?: ColumnChoices;
  /** ISO 4217 code of the money (RunOptions.currency); absent: the pack's, the input's or USD. */
  currency?: string;
}

/** The `--json` output: these keys exactly. */
export interface BacktestJson {
  asOf: string;
  horizon: number;
  active: number;
  lost: number;
  baseRate: number;
  flagged: number;
  flaggedActive: number;
  precision: number;
  recall: number;
  lift: number;
  top100Precision: number;
  lossCoverage: number;
  forecastTotal: number | null;
  realisedTotal: number | null;
  intervalCoverage: number | null;
  /**
   * The portfolio forecast's band for the H-week total (RGO Summary's "Forecast if no action") and
   * whether the realised total lies in it; null without a fitted model (high null: unbounded).
   */
  forecastLow: number | null;
  forecastHigh: number | null;
  realisedInBand: boolean | null;
}

export interface BacktestOutput {
  json: BacktestJson;
  score: BacktestScore;
  /** The analysis of the data up to the as-of day. */
  run: RunOutput;
  /** Rows removed from the sales table (dated after the as-of day). */
  rowsRemoved: number;
}

/** Runs the backtest. Input errors (bad date, no future weeks, too little history) are RgoErrors. */
export async function runBacktest(
  workbook: RawWorkbook,
  checked: CheckedPack,
  options: BacktestOptions,
  control: RunControl = {},
): Promise<BacktestOutput> {
  const H = options.horizonWeeks ?? 13;
  if (!Number.isInteger(H) || H < 1)
    throw new RgoError("input", "usage", `--horizon needs a whole number >= 1, got ${H}`);
  const asOfDay = parseAsOf(options.asOf);
  const sales = readDatedSales(workbook, options);
  const first = isoDateOfDay(sales.firstDay);
  const last = isoDateOfDay(sales.lastDay);
  if (sales.lastDay <= asOfDay)
    throw new RgoError(
      "input",
      "usage",
      `--as-of ${options.asOf} leaves no future weeks to score: the sales data ends on ${last}. Choose an as-of date at least ${H} weeks before it.`,
    );
  if (sales.lastDay < asOfDay + 7 * H)
    throw new RgoError(
      "input",
      "usage",
      `--as-of ${options.asOf} leaves only ${Math.floor((sales.lastDay - asOfDay) / 7)} whole weeks after it (the data ends on ${last}); the horizon needs ${H}. Choose an earlier as-of date or a shorter --horizon.`,
    );
  if (sales.firstDay > asOfDay - 7 * RECENT_WEEKS + 1)
    throw new RgoError(
      "input",
      "usage",
      `--as-of ${options.asOf} leaves too little history: the sales data starts on ${first}, and the backtest needs at least ${RECENT_WEEKS} weeks before the as-of date.`,
    );

  // The cut (input/as-of-cut.ts, shared with `rgo analyze --as-of`).
  const { workbook: cut, rowsRemoved } = cutAtAsOf(workbook, sales, asOfDay, options.source);
  // The forecast is made for the horizon being scored: a pack with a customer model forecasts H
  // weeks here whatever its own horizonWeeks (its thresholds are the pack's).
  const params = checked.pack.parameters as { model?: Record<string, unknown> };
  const forHorizon: CheckedPack =
    params.model !== undefined && params.model.horizonWeeks !== H
      ? {
          hash: checked.hash,
          pack: {
            ...checked.pack,
            parameters: { ...checked.pack.parameters, model: { ...params.model, horizonWeeks: H } },
          },
        }
      : checked;
  const run = await runAnalysis(
    cut,
    forHorizon,
    {
      runAt: options.runAt,
      source: options.source,
      tableForRole: options.tableForRole,
      columns: options.columns,
      weekEndsOn: asOfDay,
      ...(options.currency !== undefined ? { currency: options.currency } : {}),
    },
    control,
  );

  // Flagged customers in the tool's own order (best rank first).
  const flagged: FlaggedCustomer[] = run.result.customers
    .filter((c) => c.gapCount > 0)
    .map((c) => ({ customerId: c.customerId, priority: -c.bestRank }));
  const model = run.result.model?.summary ?? null;
  const forecasts: SpendForecast[] =
    model === null
      ? []
      : run.result.customers.map((c) => ({
          customerId: c.customerId,
          expectedSpendNext: Number(c.facts.expectedSpendNext ?? 0),
          expectedSpendLow: Number(c.facts.expectedSpendLow ?? 0),
          expectedSpendHigh: Number(c.facts.expectedSpendHigh ?? 0),
        }));
  const windows = backtestWindows(sales.transactions, options.asOf, {
    horizonWeeks: H,
    recentWeeks: RECENT_WEEKS,
  });
  const score = scoreBacktest(windows, flagged, forecasts, {
    horizonWeeks: H,
    recentWeeks: RECENT_WEEKS,
    lossFraction: 0.5,
    topN: 100,
  });
  const json: BacktestJson = {
    asOf: options.asOf,
    horizon: H,
    active: score.active,
    lost: score.lost,
    baseRate: score.baseRate,
    flagged: score.flagged,
    flaggedActive: score.flaggedActive,
    precision: score.precision,
    recall: score.recall,
    lift: score.lift,
    top100Precision: score.topNPrecision,
    lossCoverage: score.lossCoverage,
    forecastTotal: model === null ? null : score.forecastTotal,
    realisedTotal: model === null ? null : score.realisedTotal,
    intervalCoverage: model === null ? null : score.intervalCoverage,
    forecastLow: model === null ? null : model.forecast.low,
    forecastHigh: model === null ? null : model.forecast.high,
    realisedInBand:
      model === null
        ? null
        : score.realisedTotal >= model.forecast.low &&
          (model.forecast.high === null || score.realisedTotal <= model.forecast.high),
  };
  return { json, score, run, rowsRemoved };
}
