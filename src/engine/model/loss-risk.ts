/**
 * Loss risk learned from the workbook's own recent history (beyond the published models).
 *
 * At an as-of day A the backtest is replayed at the earlier cut A' = A - H weeks: the customer
 * model is fitted on purchases up to A' only, each customer active at A' (spent something in the
 * recentWeeks weeks ending on A') gets a feature vector (model outputs and plain history
 * statistics), and is labelled lost when their weekly mean spend over (A', A] is at most
 * lossFraction x their recent weekly mean at A'. Everything used is on or before A. A small
 * L2-regularised logistic regression on standardised features (Newton's method with a backtracking
 * line search, our own) is fitted to those labels and then applied to the features at A.
 *
 * Pure and deterministic: rows are sorted by customer id before fitting, so the result does not
 * depend on the order of the customers or transactions.
 */
import {
  runCustomerModel,
  type CustomerForecast,
  type CustomerModelOptions,
} from "./customer-model";
import {
  buildCustomerSummaries,
  dailyTotals,
  recentValueTrend,
  type CustomerSummary,
  type Transaction,
} from "./customer-summary";
import { dayNumber, isoDate } from "./days";

/** Names of the features, in the order of `lossRiskFeatures`. */
export const LOSS_RISK_FEATURES: readonly string[] = [
  "pLoss",
  "shortfallShare",
  "pActive",
  "log1p(x)",
  "weeksSinceLast",
  "T",
  "log1p(recentWeekly)",
  "log1p(longRunWeekly)",
  "log(recent/longRun)",
  "recentPurchaseWeeks",
  "maxWeekShare",
  "log(repeatValue/recentValue)",
];

/**
 * Features of one customer active at the cut (recentSpend > 0). Long-run weekly mean = all spend
 * up to the as-of / max(T, 1) weeks; recent value = recent spend / recent purchase weeks; repeat
 * value = mean repeat value (the first value when x = 0).
 */
export function lossRiskFeatures(s: CustomerSummary, f: CustomerForecast): number[] {
  const recentWeeks = s.recentWeekly.length;
  const recentWeeklyMean = s.recentSpend / recentWeeks;
  const total = s.firstValue + s.x * s.meanRepeatValue;
  const longRunWeekly = total / Math.max(s.T, 1);
  const purchaseWeeks = s.recentWeekly.filter((v) => v > 0).length;
  const maxWeek = s.recentWeekly.reduce((m, v) => Math.max(m, v), 0);
  const repeatValue = s.x > 0 ? s.meanRepeatValue : s.firstValue;
  const recentValue = purchaseWeeks > 0 ? s.recentSpend / purchaseWeeks : 0;
  return [
    f.pLoss,
    f.forecastShortfallShare,
    f.pActive,
    Math.log1p(s.x),
    s.T - s.tx,
    s.T,
    Math.log1p(recentWeeklyMean),
    Math.log1p(longRunWeekly),
    Math.log((recentWeeklyMean + 1) / (longRunWeekly + 1)),
    purchaseWeeks,
    s.recentSpend > 0 ? maxWeek / s.recentSpend : 0,
    Math.log((repeatValue + 1) / (recentValue + 1)),
  ];
}

export interface LogisticModel {
  /** Feature means and standard deviations used to standardise (sd 1 for a constant feature). */
  readonly means: readonly number[];
  readonly sds: readonly number[];
  readonly intercept: number;
  /** Coefficients on the standardised features. */
  readonly weights: readonly number[];
  readonly l2: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty on the standardised coefficients (not the intercept); default 1. */
  readonly l2?: number;
  readonly maxIterations?: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Solve A v = b (A symmetric positive definite) by Cholesky. */
function solveSpd(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i][j];
      for (let k = 0; k < j; k++) sum -= L[i][k] * L[j][k];
      if (i === j) {
        if (sum <= 0) throw new Error("logistic: Hessian not positive definite");
        L[i][i] = Math.sqrt(sum);
      } else L[i][j] = sum / L[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= L[i][k] * y[k];
    y[i] = sum / L[i][i];
  }
  const v = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= L[k][i] * v[k];
    v[i] = sum / L[i][i];
  }
  return v;
}

/**
 * L2-regularised logistic regression: minimises sum_i [log(1 + e^{z_i}) - y_i z_i] + l2/2 |w|^2
 * with z_i = b + w . (x_i - mean) / sd, by Newton's method (the objective is strictly convex for
 * l2 > 0) with step halving. Rows are used in the order given; callers sort them for
 * order-invariance.
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const n = rows.length;
  if (n === 0 || labels.length !== n) throw new Error("logistic: need rows with one label each");
  const d = rows[0].length;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j] += r[j] / n;
  for (const r of rows) for (let j = 0; j < d; j++) sds[j] += (r[j] - means[j]) ** 2 / n;
  // A feature whose spread is below a millionth of its scale is constant for the model (sd 1):
  // standardising by a spread of rounding noise (pActive = 1 - 1e-10 for nearly every customer of a
  // dense log) would turn the last bits of exp/pow, which differ between JavaScript engines, into
  // z-scores of +-40 and flip a customer's risk between Node and the browser.
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(sds[j]);
    sds[j] = sd > 1e-6 * (1 + Math.abs(means[j])) ? sd : 1;
  }
  // Design matrix with a leading 1 for the intercept.
  const X = rows.map((r) => [1, ...r.map((v, j) => (v - means[j]) / sds[j])]);
  const m = d + 1;
  const objective = (beta: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < m; j++) z += X[i][j] * beta[j];
      sum += softplus(z) - labels[i] * z;
    }
    for (let j = 1; j < m; j++) sum += (l2 / 2) * beta[j] ** 2;
    return sum;
  };
  let beta = new Array<number>(m).fill(0);
  let value = objective(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const grad = new Array<number>(m).fill(0);
    const hess = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = X[i];
      let z = 0;
      for (let j = 0; j < m; j++) z += xi[j] * beta[j];
      const p = sigmoid(z);
      const w = p * (1 - p);
      for (let j = 0; j < m; j++) {
        grad[j] += (p - labels[i]) * xi[j];
        for (let k = 0; k <= j; k++) hess[j][k] += w * xi[j] * xi[k];
      }
    }
    for (let j = 0; j < m; j++) for (let k = j + 1; k < m; k++) hess[j][k] = hess[k][j];
    for (let j = 1; j < m; j++) {
      grad[j] += l2 * beta[j];
      hess[j][j] += l2;
    }
    // The intercept is unpenalised: a tiny ridge keeps the all-one-class case solvable.
    hess[0][0] += 1e-12;
    const step = solveSpd(hess, grad);
    let t = 1;
    let next = beta.map((b, j) => b - t * step[j]);
    let nextValue = objective(next);
    // Rounding makes a step near the optimum look slightly worse than it is: compare the objective
    // to within its own rounding, so Newton's last (tiny, quadratically converging) steps are taken
    // and the fit ends at the optimum whatever the row order.
    const slack = 1e-12 * Math.max(1, Math.abs(value));
    while (nextValue > value + slack && t > 1e-10) {
      t /= 2;
      next = beta.map((b, j) => b - t * step[j]);
      nextValue = objective(next);
    }
    const stepSize = step.reduce((s, v) => Math.max(s, Math.abs(t * v)), 0);
    // Near the optimum rounding can make a full Newton step look (very slightly) worse: stop there.
    if (nextValue > value + slack) {
      converged = stepSize < 1e-6;
      break;
    }
    beta = next;
    value = nextValue;
    if (stepSize < 1e-12) {
      converged = true;
      break;
    }
  }
  return {
    means,
    sds,
    intercept: beta[0],
    weights: beta.slice(1),
    l2,
    iterations,
    converged,
  };
}

/** P(label = 1) for one feature row. */
export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.weights.length; j++)
    z += (model.weights[j] * (row[j] - model.means[j])) / model.sds[j];
  return sigmoid(z);
}

/** Area under the ROC curve (ties count half); NaN without both classes. */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((_, i) => i).sort((u, v) => scores[u] - scores[v]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = idx.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface LossRiskOptions extends LogisticOptions {
  /** Horizon H in weeks: the training cut is H weeks before the as-of day (default 13). */
  readonly horizonWeeks?: number;
  readonly recentWeeks?: number;
  readonly lossFraction?: number;
  /** Pass the cut's recentValueTrend to the customer model as valueMultiplier (default true). */
  readonly valueTrend?: boolean;
}

export interface LossRiskTrainingRow {
  readonly customerId: string;
  readonly features: readonly number[];
  /** 1 = lost over (cut, asOf]. */
  readonly label: number;
  /** Recent weekly mean minus future weekly mean, floored at 0 (the money lost). */
  readonly loss: number;
}

export interface LossRiskModel {
  /** ISO date of the training cut (asOf - H weeks). */
  readonly cut: string;
  readonly asOf: string;
  readonly logistic: LogisticModel;
  readonly training: readonly LossRiskTrainingRow[];
  /** The customer model's own check over (cut, asOf]: see ForecastCheck. */
  readonly check: ForecastCheck;
}

/**
 * The customer model's last check: fitted on the purchases up to the cut (asOf - H weeks), what it
 * forecast for the H weeks to the as-of (all customers known at the cut, expected spend) and what
 * those customers really spent then. Its relative error is the model's own recent error, which the
 * portfolio band adds to the customers' randomness (portfolio-forecast.ts).
 */
export interface ForecastCheck {
  readonly cut: string;
  readonly forecast: number;
  readonly realised: number;
}

/** The customer model at a day: the summaries of every customer known then and their forecasts. */
function modelAt(
  transactions: readonly Transaction[],
  asOf: string,
  options: LossRiskOptions,
): { summaries: CustomerSummary[]; forecasts: readonly CustomerForecast[] } {
  const recentWeeks = options.recentWeeks ?? 13;
  const before = transactions.filter((t) => t.date <= asOf);
  const summaries = buildCustomerSummaries(before, asOf, { recentWeeks });
  const modelOptions: CustomerModelOptions = {
    horizonWeeks: options.horizonWeeks ?? 13,
    recentWeeks,
    lossFraction: options.lossFraction ?? 0.5,
    valueMultiplier:
      (options.valueTrend ?? true) ? recentValueTrend(before, asOf, { recentWeeks }) : 1,
  };
  return { summaries, forecasts: runCustomerModel(summaries, modelOptions).forecasts };
}

/** Feature rows of the customers active at the day (recentSpend > 0), in summary order. */
function activeRows(
  summaries: readonly CustomerSummary[],
  forecasts: readonly CustomerForecast[],
): { summary: CustomerSummary; forecast: CustomerForecast; features: number[] }[] {
  const byId = new Map(forecasts.map((f) => [f.customerId, f]));
  const out: { summary: CustomerSummary; forecast: CustomerForecast; features: number[] }[] = [];
  for (const summary of summaries) {
    const forecast = byId.get(summary.customerId);
    if (!forecast || !(summary.recentSpend > 0)) continue;
    out.push({ summary, forecast, features: lossRiskFeatures(summary, forecast) });
  }
  return out;
}

/** Per-customer features from a purchase log at one day (customers active then, sorted by id). */
export function lossRiskRows(
  transactions: readonly Transaction[],
  asOf: string,
  options: LossRiskOptions = {},
): { summary: CustomerSummary; forecast: CustomerForecast; features: number[] }[] {
  const { summaries, forecasts } = modelAt(transactions, asOf, options);
  return activeRows(summaries, forecasts);
}

/**
 * Fit the loss-risk model for an as-of day from the history up to it only: features at the cut
 * asOf - H weeks, labels from (cut, asOf].
 */
export function fitLossRisk(
  transactions: readonly Transaction[],
  asOf: string,
  options: LossRiskOptions = {},
): LossRiskModel {
  const H = options.horizonWeeks ?? 13;
  const recentWeeks = options.recentWeeks ?? 13;
  const lossFraction = options.lossFraction ?? 0.5;
  const end = dayNumber(asOf);
  const cutDay = end - 7 * H;
  const cut = isoDate(cutDay);
  const known = transactions.filter((t) => t.date <= asOf);
  const atCut = modelAt(known, cut, options);
  const rows = activeRows(atCut.summaries, atCut.forecasts);
  const daily = dailyTotals(known);
  let checkForecast = 0;
  let checkRealised = 0;
  for (const f of atCut.forecasts) {
    checkForecast += f.expectedSpendNext;
    const d = daily.get(f.customerId);
    if (d)
      for (let i = 0; i < d.days.length; i++) if (d.days[i] > cutDay) checkRealised += d.amounts[i];
  }
  const training: LossRiskTrainingRow[] = rows.map(({ summary, features }) => {
    const d = daily.get(summary.customerId);
    let future = 0;
    if (d) for (let i = 0; i < d.days.length; i++) if (d.days[i] > cutDay) future += d.amounts[i];
    const recentMean = summary.recentSpend / recentWeeks;
    const futureMean = future / H;
    return {
      customerId: summary.customerId,
      features,
      label: futureMean <= lossFraction * recentMean ? 1 : 0,
      loss: Math.max(0, recentMean - futureMean),
    };
  });
  const logistic = fitLogistic(
    training.map((r) => r.features),
    training.map((r) => r.label),
    options,
  );
  return {
    cut,
    asOf,
    logistic,
    training,
    check: { cut, forecast: checkForecast, realised: checkRealised },
  };
}

export interface LossRiskScore {
  readonly customerId: string;
  /** Learned P(lost over the next H weeks). */
  readonly pLost: number;
}

/**
 * Score the customers active at an as-of day (recentSpend > 0) from their summaries and the
 * customer model's forecasts at that day (as `runCustomerModel` gives them), sorted by customer id.
 */
export function scoreLossRiskForecasts(
  model: LossRiskModel,
  summaries: readonly CustomerSummary[],
  forecasts: readonly CustomerForecast[],
): LossRiskScore[] {
  const byId = new Map(forecasts.map((f) => [f.customerId, f]));
  const out: LossRiskScore[] = [];
  for (const s of summaries) {
    const f = byId.get(s.customerId);
    if (!f || !(s.recentSpend > 0)) continue;
    out.push({
      customerId: s.customerId,
      pLost: predictLogistic(model.logistic, lossRiskFeatures(s, f)),
    });
  }
  return out.sort((u, v) =>
    u.customerId < v.customerId ? -1 : u.customerId > v.customerId ? 1 : 0,
  );
}

/**
 * Score every customer active at the model's as-of day from the purchase log (purchases after the
 * as-of day are ignored; the customer model is fitted at the as-of day with the same options).
 */
export function scoreLossRisk(
  model: LossRiskModel,
  transactions: readonly Transaction[],
  options: LossRiskOptions = {},
): LossRiskScore[] {
  return lossRiskRows(transactions, model.asOf, options).map((r) => ({
    customerId: r.summary.customerId,
    pLost: predictLogistic(model.logistic, r.features),
  }));
}
