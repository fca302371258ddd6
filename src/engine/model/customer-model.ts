/**
 * The customer model: BG/NBD for whether and how often each customer buys, Gamma-Gamma for how
 * much per purchase, fitted to the customers' own history up to an as-of day, and per-customer
 * forecasts over the next H weeks "if nothing changes" with an interval, compared with the
 * customer's recent run-rate. Pure and deterministic: the fits sort their inputs, forecasts are
 * per customer, so the output does not depend on the order of the customers.
 */
import {
  bgNbdConditionalExpected,
  bgNbdConditionalPmf,
  bgNbdPAlive,
  fitBgNbd,
  type BgNbdFit,
} from "./bg-nbd";
import type { CustomerSummary } from "./customer-summary";
import {
  fitGammaGamma,
  gammaGammaConditionalMean,
  gammaGammaPosterior,
  type GammaGammaFit,
} from "./gamma-gamma";
import { spendCdf, spendQuantile, type SpendDistribution } from "./spend-distribution";

export interface CustomerModelOptions {
  /** Forecast horizon H in weeks (default 13). */
  readonly horizonWeeks?: number;
  /** Probability of the spend interval (default 0.8; see expectedSpendLow). */
  readonly intervalLevel?: number;
  /** Weeks of the recent window the run-rate is measured on (default 13; the summaries' window). */
  readonly recentWeeks?: number;
  /**
   * Future weekly spend at most this fraction of the recent weekly spend counts as a loss, for
   * pLoss (default 0.5, the backtest's definition).
   */
  readonly lossFraction?: number;
  /**
   * Multiplier on every customer's expected value per purchase (default 1). The research backtest
   * passes `recentValueTrend` (the cohort's recent mean repeat value / its long-run mean).
   */
  readonly valueMultiplier?: number;
  /** Skip the interval and pLoss (the expensive part) when false (default true). */
  readonly intervals?: boolean;
}

export interface ModelFit {
  readonly bgNbd: BgNbdFit;
  readonly gammaGamma: GammaGammaFit;
}

export interface CustomerForecast {
  readonly customerId: string;
  /** P(still buying at the as-of day). */
  readonly pActive: number;
  /** P(no purchase at all in the next H weeks) = P(K = 0) of the conditional count distribution. */
  readonly pNoPurchase: number;
  /** Expected purchase days in the next H weeks. */
  readonly expectedPurchasesNext: number;
  /** Expected value of one purchase (Gamma-Gamma, shrunk toward the population). */
  readonly expectedValuePerPurchase: number;
  /** Expected spend in the next H weeks = expected purchases x expected value per purchase. */
  readonly expectedSpendNext: number;
  /**
   * Lower and upper ends of the `level` (80%) interval of spend in the next H weeks: the
   * (1 - level)/2 and (1 + level)/2 quantiles of the compound spend distribution when P(no
   * purchase) < (1 - level)/2, else 0 and the `level` quantile; widened to contain the mean.
   */
  readonly expectedSpendLow: number;
  readonly expectedSpendHigh: number;
  /** Mean weekly spend over the recent window x H. */
  readonly recentRunRate: number;
  /** max(0, recentRunRate - expectedSpendNext). */
  readonly forecastShortfall: number;
  /** forecastShortfall / recentRunRate (0 when the run-rate is 0). */
  readonly forecastShortfallShare: number;
  /** P(spend in the next H weeks <= lossFraction x recentRunRate), 0 when the run-rate is 0. */
  readonly pLoss: number;
}

export interface CustomerModelResult {
  readonly fit: ModelFit;
  readonly forecasts: readonly CustomerForecast[];
}

/** Fit both models: BG/NBD on every customer, Gamma-Gamma on repeat customers' mean values. */
export function fitCustomerModel(summaries: readonly CustomerSummary[]): ModelFit {
  return {
    bgNbd: fitBgNbd(summaries),
    gammaGamma: fitGammaGamma(summaries.map((s) => ({ x: s.x, zbar: s.meanRepeatValue }))),
  };
}

/** Per-customer forecasts at fitted parameters, sorted by customer id. */
export function forecastCustomers(
  summaries: readonly CustomerSummary[],
  fit: ModelFit,
  options: CustomerModelOptions = {},
): CustomerForecast[] {
  const H = options.horizonWeeks ?? 13;
  const level = options.intervalLevel ?? 0.8;
  const recentWeeks = options.recentWeeks ?? 13;
  const lossFraction = options.lossFraction ?? 0.5;
  const withIntervals = options.intervals ?? true;
  const valueMultiplier = options.valueMultiplier ?? 1;
  if (!(H > 0) || !(level > 0 && level < 1) || !(recentWeeks > 0) || !(valueMultiplier > 0)) {
    throw new Error(
      "customer model: horizon, recent window and value multiplier must be > 0, level in (0, 1)",
    );
  }
  const bg = fit.bgNbd.params;
  const gg = fit.gammaGamma.params;
  const sorted = [...summaries].sort((u, v) =>
    u.customerId < v.customerId ? -1 : u.customerId > v.customerId ? 1 : 0,
  );
  // Customers with the same (x, t_x, T, zbar) share the spend distribution and interval (CDNOW:
  // 23,570 customers, about 9,500 distinct); pLoss is memoised with the loss threshold as well.
  const intervalMemo = new Map<string, { dist: SpendDistribution; low: number; high: number }>();
  const pLossMemo = new Map<string, number>();
  return sorted.map((s) => {
    const spend = { x: s.x, zbar: s.meanRepeatValue };
    const pActive = bgNbdPAlive(s, bg);
    const expectedPurchasesNext = bgNbdConditionalExpected(s, bg, H);
    // P(K = 0) = 1 - P(alive) + P(alive) ((alpha+T)/(alpha+T+H))^(r+x) (the k = 0 pmf term).
    const pNoPurchase =
      1 -
      pActive +
      pActive * Math.exp((bg.r + s.x) * Math.log((bg.alpha + s.T) / (bg.alpha + s.T + H)));
    const expectedValuePerPurchase = gammaGammaConditionalMean(spend, gg) * valueMultiplier;
    const expectedSpendNext = expectedPurchasesNext * expectedValuePerPurchase;
    const recentRunRate = (s.recentSpend / recentWeeks) * H;
    const forecastShortfall = Math.max(0, recentRunRate - expectedSpendNext);
    let low = 0;
    let high = 0;
    let pLoss = 0;
    if (withIntervals) {
      const key = `${s.x}|${s.tx}|${s.T}|${s.meanRepeatValue}`;
      let memo = intervalMemo.get(key);
      if (!memo) {
        const post = gammaGammaPosterior(spend, gg);
        const dist: SpendDistribution = {
          countPmf: bgNbdConditionalPmf(s, bg, H, { mass: 1 - 1e-6 }),
          p: gg.p,
          shape: post.shape,
          // Scaling every value by m scales nu's rate by m (S is linear in the rate).
          rate: post.rate * valueMultiplier,
        };
        // An interval of probability `level`: equal tails when the no-purchase mass P(0) is below
        // the lower tail (1 - level)/2; otherwise the lower tail lies inside the atom at 0, and
        // the interval is [0, level-quantile] (probability exactly `level`, or P(0) when that is
        // larger; the central [q((1-level)/2), q((1+level)/2)] would then be [0, q(0.9)]: a 90%
        // interval). Widened to contain the mean (low <= expected <= high always).
        const p0 = dist.countPmf[0] ?? 0;
        const tail = (1 - level) / 2;
        const lowEnd = p0 >= tail ? 0 : spendQuantile(dist, tail);
        const highEnd = spendQuantile(dist, p0 >= tail ? level : 1 - tail);
        memo = {
          dist,
          low: Math.min(lowEnd, expectedSpendNext),
          high: Math.max(highEnd, expectedSpendNext),
        };
        intervalMemo.set(key, memo);
      }
      low = memo.low;
      high = memo.high;
      if (recentRunRate > 0) {
        const threshold = lossFraction * recentRunRate;
        const lossKey = `${key}|${threshold}`;
        const hit = pLossMemo.get(lossKey);
        pLoss = hit ?? spendCdf(memo.dist, threshold);
        if (hit === undefined) pLossMemo.set(lossKey, pLoss);
      }
    }
    return {
      customerId: s.customerId,
      pActive,
      pNoPurchase,
      expectedPurchasesNext,
      expectedValuePerPurchase,
      expectedSpendNext,
      expectedSpendLow: low,
      expectedSpendHigh: high,
      recentRunRate,
      forecastShortfall,
      forecastShortfallShare: recentRunRate > 0 ? forecastShortfall / recentRunRate : 0,
      pLoss,
    };
  });
}

/** Fit and forecast in one call. */
export function runCustomerModel(
  summaries: readonly CustomerSummary[],
  options: CustomerModelOptions = {},
): CustomerModelResult {
  const fit = fitCustomerModel(summaries);
  return { fit, forecasts: forecastCustomers(summaries, fit, options) };
}
