/**
 * The portfolio forecast "if no action" (issue 9): the customers' expected spend week by week over
 * the next H weeks, the H-week total with an interval, next to the recent run-rate. Pure.
 *
 * Week t's expected spend = sum over customers of E[value per purchase] x (E[X(t)] - E[X(t-1)])
 * (BG/NBD conditional expectations). The interval of the total: customers are independent given
 * the fitted parameters, so the total's variance is the sum of the customers' variances, and with
 * thousands of customers the total is close to normal (central limit): total +- z sd, z the normal
 * quantile of (1 + level)/2 (floored at 0). A customer's spend S = Z_1 + ... + Z_K has, with the
 * values sharing the customer's nu ~ Gamma(Q, G) (Gamma-Gamma posterior, Z | nu ~ Gamma(p, nu)):
 * E[S^2] = E[K] E[Z^2] + E[K(K-1)] E[Z_1 Z_2], E[Z^2] = p(p+1) G^2/((Q-1)(Q-2)), E[Z_1 Z_2] =
 * p^2 G^2/((Q-1)(Q-2)) (Q > 2; for Q <= 2 the variance is infinite and the band is left open).
 *
 * That band counts the customers' own randomness only; on real logs it is far too narrow (on CDNOW
 * about +-2.6% at 80%, holding the realised total at 2 of 10 monthly origins: docs/MODEL.md). The
 * model's own error (seasonality, trend, parameters) is added as an independent relative error
 * with standard deviation `modelError` (from the model's last check, customer-forecast.ts):
 * sd = sqrt(sd_customers^2 + (modelError x total)^2).
 */
import { bgNbdConditionalExpected, bgNbdConditionalPmf } from "../model/bg-nbd";
import type { ModelFit } from "../model/customer-model";
import type { CustomerSummary } from "../model/customer-summary";
import { gammaGammaPosterior } from "../model/gamma-gamma";

export interface PortfolioForecast {
  /** Expected spend of each of the next H weeks (dollars, unrounded). */
  weekly: number[];
  /** Sum of `weekly` (= the sum of the customers' expectedSpendNext). */
  total: number;
  /** The `level` interval of the total (normal approximation); high is Infinity when unbounded. */
  low: number;
  high: number;
  /** The recent 13 weeks' spend / 13: the run-rate per week. */
  recentWeekly: number;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(prob: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  if (prob <= 0) return -Infinity;
  if (prob >= 1) return Infinity;
  if (prob < lowTail) {
    const q = Math.sqrt(-2 * Math.log(prob));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (prob > 1 - lowTail) return -normalQuantile(1 - prob);
  const q = prob - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The portfolio forecast over `horizonWeeks` from the summaries and the fit (valueMultiplier as
 * in the customer forecasts).
 */
export function portfolioForecast(
  summaries: readonly CustomerSummary[],
  fit: ModelFit,
  horizonWeeks: number,
  level: number,
  valueMultiplier: number,
  modelError = 0,
): PortfolioForecast {
  const bg = fit.bgNbd.params;
  const gg = fit.gammaGamma.params;
  const weekly = new Array<number>(horizonWeeks).fill(0);
  let variance = 0;
  let recent = 0;
  // Customers with the same (x, t_x, T) share the count quantities.
  const counts = new Map<string, { cumulative: number[]; k1: number; k2: number }>();
  for (const s of summaries) {
    recent += s.recentSpend;
    const key = `${s.x}|${s.tx}|${s.T}`;
    let c = counts.get(key);
    if (!c) {
      const cumulative = [0];
      for (let t = 1; t <= horizonWeeks; t++) cumulative.push(bgNbdConditionalExpected(s, bg, t));
      const pmf = bgNbdConditionalPmf(s, bg, horizonWeeks, { mass: 1 - 1e-9 });
      let k1 = 0;
      let k2 = 0;
      pmf.forEach((q, k) => {
        k1 += k * q;
        k2 += k * (k - 1) * q;
      });
      c = { cumulative, k1, k2 };
      counts.set(key, c);
    }
    const post = gammaGammaPosterior({ x: s.x, zbar: s.meanRepeatValue }, gg);
    const Q = post.shape;
    const G = post.rate * valueMultiplier; // values x m: E[1/nu] = G/(Q-1) scales with G
    const meanValue = Q > 1 ? (gg.p * G) / (Q - 1) : Infinity;
    for (let t = 1; t <= horizonWeeks; t++)
      weekly[t - 1] += meanValue * (c.cumulative[t] - c.cumulative[t - 1]);
    if (Q > 2) {
      const m2 = (gg.p * (gg.p + 1) * G * G) / ((Q - 1) * (Q - 2));
      const m11 = (gg.p * gg.p * G * G) / ((Q - 1) * (Q - 2));
      const mean = c.cumulative[horizonWeeks] * meanValue;
      variance += Math.max(0, c.k1 * m2 + c.k2 * m11 - mean * mean);
    } else variance = Infinity;
  }
  const total = weekly.reduce((a, b) => a + b, 0);
  const z = normalQuantile((1 + level) / 2);
  const sd = Math.sqrt(variance + (modelError * total) ** 2);
  return {
    weekly,
    total,
    low: Math.max(0, total - z * sd),
    high: total + z * sd,
    recentWeekly: recent / 13,
  };
}
