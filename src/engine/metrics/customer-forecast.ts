/**
 * The customer model as facts (issue 9): BG/NBD + Gamma-Gamma fitted to the whole dataset, per
 * customer forecasts over the next H weeks with an interval, and the learned loss risk
 * (model/loss-risk.ts), for every customer in one go. Pure and deterministic.
 *
 * Model input from the Dataset. Daily data (the sales dates fall on several weekdays): the
 * purchase days themselves (Sales.purchases), merged per customer-day as in the papers, days with
 * a net amount <= 0 (returns) left out, up to the as-of day; x counts repeat purchase days. Weekly
 * data: each week with spend > 0 is one transaction dated at the week start for the week's total,
 * so x counts repeat purchase *weeks*. Either way the as-of day is the last day of the last week
 * the analysis uses (a partial last week is already left out), so the model's recent window is
 * exactly the last 13 calendar weeks.
 */
import type { Dataset } from "../input/dataset";
import { isoDateOfDay } from "../input/calendar-days";
import { fitCustomerModel, forecastCustomers, type ModelFit } from "../model/customer-model";
import {
  buildCustomerSummaries,
  type DailyTotals,
  dailyTotals,
  recentValueTrend,
  type Transaction,
} from "../model/customer-summary";
import { type ForecastCheck, fitLossRisk, scoreLossRiskForecasts } from "../model/loss-risk";
import { portfolioForecast } from "./portfolio-forecast";
import type { ModelParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";

/** Per-customer model facts, in the order of the registry's MODEL_FACTS. */
export const MODEL_METRICS = [
  "pActive",
  "expectedPurchasesNext",
  "expectedSpendNext",
  "expectedSpendLow",
  "expectedSpendHigh",
  "recentRunRate",
  "forecastShortfall",
  "forecastShortfallShare",
  "pLoss",
  "lossRisk",
] as const;
export type ModelMetric = (typeof MODEL_METRICS)[number];

/** The fitted model and its fit quality (RGO Summary's methodology, `summary.model`). */
export interface ModelSummary {
  /** Last day of the last week the model saw (ISO date). */
  asOf: string;
  /** What one purchase is: a purchase day (daily data) or a week with spend (weekly data). */
  purchaseUnit: "day" | "week";
  horizonWeeks: number;
  intervalLevel: number;
  lossFraction: number;
  /** The cohort's recent mean repeat value / its long-run mean (1 when valueTrend is off). */
  valueMultiplier: number;
  /** Customers with at least one purchase week (the BG/NBD sample). */
  customers: number;
  /** Customers with a repeat purchase (the Gamma-Gamma sample). */
  repeatCustomers: number;
  bgNbd: {
    r: number;
    alpha: number;
    a: number;
    b: number;
    logLikelihood: number;
    iterations: number;
    converged: boolean;
  };
  gammaGamma: {
    p: number;
    q: number;
    gamma: number;
    logLikelihood: number;
    iterations: number;
    converged: boolean;
  };
  /**
   * The learned loss risk: trained at the cut (asOf - H weeks) on the customers active then,
   * labelled by what they spent up to the as-of; null when there is too little history (then
   * lossRisk = pLoss).
   */
  lossRisk: {
    cut: string;
    trainingCustomers: number;
    lostRate: number;
    iterations: number;
    converged: boolean;
  } | null;
  /** Portfolio forecast over the horizon: sums of the customers' expected spend and run-rate. */
  expectedSpendNext: number;
  recentRunRate: number;
  /**
   * The portfolio forecast "if no action" (portfolio-forecast.ts): expected spend per week of the
   * horizon, the total's interval (normal approximation; null when unbounded), and the recent
   * run-rate per week (the last 13 weeks' spend / 13). Dollars, rounded to cents.
   */
  forecast: {
    weekStarts: string[];
    weekly: number[];
    low: number;
    high: number | null;
    recentWeekly: number;
    /**
     * The model's last check (loss-risk.ts ForecastCheck, rounded to cents) and its relative error
     * (realised / forecast - 1, 4 decimals); null when the history is too short for a check. The
     * band adds a model error of sd |error| x sqrt(pi/2) (the normal sd whose mean absolute
     * deviation is |error|: one observation's estimate).
     */
    check: { cut: string; forecast: number; realised: number; error: number } | null;
  };
}

export interface CustomerForecastFacts {
  /** Per run position, rounded for facts (money to cents, probabilities to 4 decimals). */
  numeric: Record<ModelMetric, Float64Array>;
  /** Unrounded learned loss risk per run position (the ranking key). */
  lossRiskRaw: Float64Array;
  summary: ModelSummary;
}

/** Why the model was not fitted (too little data); the facts are then all 0. */
export interface ModelNotFitted {
  reason: string;
}

/** Parameters outside this range mean a degenerate fit (a limit the formulas cannot evaluate). */
const PARAM_RANGE: readonly [number, number] = [1e-4, 1e5];

/**
 * Why a fit cannot be used, or null. On dense weekly data where every customer buys at about the
 * same rate and nobody drops out, the BG/NBD's maximum lies at the limit r, alpha -> infinity
 * (no heterogeneity) and a -> 0 (no drop-out); the Gamma-Gamma's at p -> infinity (no spread of
 * values). The model then says nothing the weekly figures do not, and its formulas overflow.
 */
export function degenerateFit(fit: ModelFit): string | null {
  const bg = fit.bgNbd.params;
  const gg = fit.gammaGamma.params;
  // a and b (the drop-out Beta) may legitimately approach 0 or grow large (nobody drops out):
  // the formulas stay finite (checked on the forecasts); the rate and value parameters may not.
  const ranged: [string, number][] = [
    ["r", bg.r],
    ["alpha", bg.alpha],
    ["p", gg.p],
    ["q", gg.q],
    ["gamma", gg.gamma],
  ];
  const out = ranged.filter(([, v]) => !(v >= PARAM_RANGE[0] && v <= PARAM_RANGE[1]));
  for (const [n, v] of [
    ["a", bg.a],
    ["b", bg.b],
  ] as const)
    if (!(v > 0 && Number.isFinite(v))) out.push([n, v]);
  if (out.length === 0 && fit.bgNbd.converged && fit.gammaGamma.converged) return null;
  const which = out.map(([n, v]) => `${n} ${v.toPrecision(3)}`).join(", ");
  return `the fit is degenerate${which ? ` (${which})` : ""}${
    fit.bgNbd.converged && fit.gammaGamma.converged ? "" : " or did not converge"
  }: the customers' purchase rates and values are too alike (e.g. dense weekly buyers) for the BG/NBD and Gamma-Gamma to tell them apart`;
}

/**
 * Why the customer model is off for monthly data (issue 11): BG/NBD and Gamma-Gamma need the
 * purchases themselves. A monthly total hides how many times the customer bought in the month, so
 * every buyer looks like a one-purchase-a-month buyer, the repeat counts the model fits are capped
 * at the number of months, and a forecast of purchases "per month" from month totals would be a
 * guess presented as a model. Monthly runs therefore use the windows (in months) alone.
 */
export const MONTHLY_MODEL_OFF =
  "monthly data: the customer model needs individual purchases, and a month's total hides how many times the customer bought in it, so it is off and the gaps come from the windows (in months) alone";

/** One transaction per customer-week with spend > 0, dated at the week start, weeks [0, weeks). */
export function weeklyTransactions(dataset: Dataset, weeks: number): Transaction[] {
  const W = dataset.sales.weeks;
  const spend = dataset.sales.spendCents;
  const labels = Array.from(dataset.calendar.startDays.subarray(0, weeks), (d) => isoDateOfDay(d));
  const out: Transaction[] = [];
  for (let c = 0; c < dataset.customers.count; c++) {
    const id = dataset.customers.ids[c];
    const off = c * W;
    for (let w = 0; w < weeks; w++) {
      const cents = spend[off + w];
      if (cents > 0) out.push({ customerId: id, date: labels[w], amount: cents / 100 });
    }
  }
  return out;
}

/**
 * The daily totals (customer-summary.ts dailyTotals) of weeklyTransactions(dataset, weeks), made
 * straight from the spend matrix: no transaction object or date text per customer-week (a million
 * of them for 20,000 customers x 52 weeks; issue 14). Each customer's weeks are already distinct
 * and in order, so the totals are the weeks' amounts themselves, exactly as the merge gives them.
 * All customers' days and amounts sit in two typed arrays (counted first), each customer's a view.
 */
export function weeklyDailyTotals(dataset: Dataset, weeks: number): DailyTotals {
  const W = dataset.sales.weeks;
  const spend = dataset.sales.spendCents;
  const startDays = dataset.calendar.startDays;
  const customers = dataset.customers.count;
  let total = 0;
  for (let c = 0; c < customers; c++)
    for (let w = 0, off = c * W; w < weeks; w++) if (spend[off + w] > 0) total++;
  const allDays = new Float64Array(total);
  const allAmounts = new Float64Array(total);
  const out: DailyTotals = new Map();
  let k = 0;
  for (let c = 0; c < customers; c++) {
    const id = dataset.customers.ids[c];
    const off = c * W;
    const from = k;
    for (let w = 0; w < weeks; w++) {
      const cents = spend[off + w];
      if (!(cents > 0)) continue;
      const amount = cents / 100;
      if (!Number.isFinite(amount)) throw new Error(`non-finite amount for ${id}`);
      allDays[k] = startDays[w];
      allAmounts[k] = amount;
      k++;
    }
    if (k > from)
      out.set(id, { days: allDays.subarray(from, k), amounts: allAmounts.subarray(from, k) });
  }
  return out;
}

/** The purchase days of daily data up to `asOfDay` (same-day rows summed, net amounts > 0 only). */
export function dailyTransactions(dataset: Dataset, asOfDay: number): Transaction[] | null {
  const p = dataset.sales.purchases;
  if (p === undefined) return null;
  const byKey = new Map<string, { c: number; day: number; cents: number }>();
  for (let i = 0; i < p.day.length; i++) {
    if (p.day[i] > asOfDay) continue;
    const key = `${p.customer[i]}:${p.day[i]}`;
    const hit = byKey.get(key);
    if (hit) hit.cents += p.cents[i];
    else byKey.set(key, { c: p.customer[i], day: p.day[i], cents: p.cents[i] });
  }
  const out: Transaction[] = [];
  for (const t of byKey.values()) {
    if (t.cents > 0)
      out.push({
        customerId: dataset.customers.ids[t.c],
        date: isoDateOfDay(t.day),
        amount: t.cents / 100,
      });
  }
  return out;
}

/**
 * Fits the model to the first `weeks` weeks of the dataset and returns the facts of the customers
 * at `customerIndex` (run order). Customers without a purchase get 0 everywhere.
 */
export function computeCustomerForecast(
  dataset: Dataset,
  customerIndex: Int32Array,
  weeks: number,
  p: ModelParameters,
  r: Rounder,
): CustomerForecastFacts | ModelNotFitted {
  const H = p.horizonWeeks;
  const recentWeeks = 13;
  if (weeks < 1) return { reason: "no weeks of sales" };
  if (dataset.calendar.period?.unit === "month") return { reason: MONTHLY_MODEL_OFF };
  const asOfDay = dataset.calendar.startDays[weeks - 1] + 6;
  const asOf = isoDateOfDay(asOfDay);
  const purchaseDays = dailyTransactions(dataset, asOfDay);
  // Weekly data: the transactions are made only if the loss risk below needs them.
  let weeklyLog: Transaction[] | undefined;
  const log = (): Transaction[] =>
    purchaseDays ?? (weeklyLog ??= weeklyTransactions(dataset, weeks));
  const daily =
    purchaseDays !== null ? dailyTotals(purchaseDays) : weeklyDailyTotals(dataset, weeks);
  const summaries = buildCustomerSummaries(daily, asOf, { recentWeeks });
  const repeatCustomers = summaries.filter((s) => s.x > 0 && s.meanRepeatValue > 0).length;
  if (summaries.length < 2 || repeatCustomers < 2) {
    return {
      reason: `too few customers with repeat purchases to fit the model (${repeatCustomers})`,
    };
  }
  const valueMultiplier = p.valueTrend ? recentValueTrend(daily, asOf, { recentWeeks }) : 1;
  const fit = fitCustomerModel(summaries);
  const degenerate = degenerateFit(fit);
  if (degenerate !== null) return { reason: degenerate };
  const forecasts = forecastCustomers(summaries, fit, {
    horizonWeeks: H,
    intervalLevel: p.intervalLevel,
    recentWeeks,
    lossFraction: p.lossFraction,
    valueMultiplier,
  });
  if (
    forecasts.some(
      (f) =>
        !Number.isFinite(f.expectedSpendNext) ||
        !Number.isFinite(f.expectedSpendHigh) ||
        !Number.isFinite(f.pLoss),
    )
  )
    return { reason: "the fitted model gives no finite forecast for some customers" };

  // The learned loss risk needs a cut H weeks back with customers active then, both outcomes, and
  // a 13-week recent window before the cut.
  let lossRiskSummary: ModelSummary["lossRisk"] = null;
  let check: ForecastCheck | null = null;
  const pLost = new Map<string, number>();
  if (weeks >= H + recentWeeks + 1) {
    const cutDay = asOfDay - 7 * H;
    const transactions = log();
    const known = transactions.filter((t) => t.date <= isoDateOfDay(cutDay));
    if (known.length > 0) {
      try {
        const model = fitLossRisk(transactions, asOf, {
          horizonWeeks: H,
          recentWeeks,
          lossFraction: p.lossFraction,
          valueTrend: p.valueTrend,
        });
        if (model.check.forecast > 0 && model.check.realised > 0) check = model.check;
        const lost = model.training.reduce((s, t) => s + t.label, 0);
        const scores = scoreLossRiskForecasts(model, summaries, forecasts);
        if (
          lost > 0 &&
          lost < model.training.length &&
          scores.every((x) => Number.isFinite(x.pLost))
        ) {
          for (const x of scores) pLost.set(x.customerId, x.pLost);
          lossRiskSummary = {
            cut: model.cut,
            trainingCustomers: model.training.length,
            lostRate: lost / model.training.length,
            iterations: model.logistic.iterations,
            converged: model.logistic.converged,
          };
        }
      } catch {
        // Too few customers at the cut to fit (e.g. a single-customer history): lossRisk = pLoss.
        lossRiskSummary = null;
      }
    }
  }

  const byId = new Map(forecasts.map((f) => [f.customerId, f]));
  const n = customerIndex.length;
  const numeric = Object.fromEntries(MODEL_METRICS.map((m) => [m, new Float64Array(n)])) as Record<
    ModelMetric,
    Float64Array
  >;
  const lossRiskRaw = new Float64Array(n);
  const prob = (x: number): number => r.display(x, 4);
  for (let k = 0; k < n; k++) {
    const f = byId.get(dataset.customers.ids[customerIndex[k]]);
    if (!f) continue;
    const risk = lossRiskSummary !== null ? (pLost.get(f.customerId) ?? 0) : f.pLoss;
    numeric.pActive[k] = prob(f.pActive);
    numeric.expectedPurchasesNext[k] = r.display(f.expectedPurchasesNext, 4);
    numeric.expectedSpendNext[k] = r.display(f.expectedSpendNext);
    numeric.expectedSpendLow[k] = r.display(f.expectedSpendLow);
    numeric.expectedSpendHigh[k] = r.display(f.expectedSpendHigh);
    numeric.recentRunRate[k] = r.display(f.recentRunRate);
    numeric.forecastShortfall[k] = r.display(f.forecastShortfall);
    numeric.forecastShortfallShare[k] = prob(f.forecastShortfallShare);
    numeric.pLoss[k] = prob(f.pLoss);
    numeric.lossRisk[k] = prob(risk);
    lossRiskRaw[k] = risk;
  }
  let expectedTotal = 0;
  let runRateTotal = 0;
  for (const f of forecasts) {
    expectedTotal += f.expectedSpendNext;
    runRateTotal += f.recentRunRate;
  }
  const bg = fit.bgNbd;
  const gg = fit.gammaGamma;
  const checkError = check === null ? null : check.realised / check.forecast - 1;
  const pf = portfolioForecast(
    summaries,
    fit,
    H,
    p.intervalLevel,
    valueMultiplier,
    checkError === null ? 0 : Math.abs(checkError) * Math.sqrt(Math.PI / 2),
  );
  return {
    numeric,
    lossRiskRaw,
    summary: {
      asOf,
      purchaseUnit: dataset.sales.purchases !== undefined ? "day" : "week",
      horizonWeeks: H,
      intervalLevel: p.intervalLevel,
      lossFraction: p.lossFraction,
      valueMultiplier,
      customers: summaries.length,
      repeatCustomers,
      bgNbd: {
        ...bg.params,
        logLikelihood: bg.logLikelihood,
        iterations: bg.iterations,
        converged: bg.converged,
      },
      gammaGamma: {
        ...gg.params,
        logLikelihood: gg.logLikelihood,
        iterations: gg.iterations,
        converged: gg.converged,
      },
      lossRisk: lossRiskSummary,
      expectedSpendNext: r.display(expectedTotal),
      recentRunRate: r.display(runRateTotal),
      forecast: {
        weekStarts: pf.weekly.map((_, t) => isoDateOfDay(asOfDay + 1 + 7 * t)),
        weekly: pf.weekly.map((v) => r.display(v)),
        low: r.display(pf.low),
        high: Number.isFinite(pf.high) ? r.display(pf.high) : null,
        recentWeekly: r.display(pf.recentWeekly),
        check:
          check === null || checkError === null
            ? null
            : {
                cut: check.cut,
                forecast: r.display(check.forecast),
                realised: r.display(check.realised),
                error: r.display(checkError, 4),
              },
      },
    },
  };
}
