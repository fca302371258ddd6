/**
 * The distribution of a customer's total spend over the horizon: a compound of the purchase-count
 * distribution (BG/NBD, conditional on the history) and the Gamma-Gamma transaction values.
 *
 * Given nu, each transaction is Gamma(p, nu), so k transactions sum to Gamma(k p, nu); with the
 * posterior nu ~ Gamma(Q, G) (Q = q + p x, G = gamma + x zbar), the sum S_k = G * Gk/N with
 * Gk ~ Gamma(k p, 1), N ~ Gamma(Q, 1), so S_k/(S_k + G) ~ Beta(k p, Q) exactly. Hence
 *   P(S <= s) = P(K = 0) + sum_{k>=1} P(K = k) I_{s/(s+G)}(k p, Q),
 * with I the regularised incomplete beta function. Quantiles are found by bisection on u = s/(s+G)
 * (the CDF is increasing in u), so they are exact up to the quadrature and a 1e-4 relative tolerance.
 */
import { betaCdf } from "./special";

export interface SpendDistribution {
  /** P(K = k) for k = 0..K (truncated where the remaining mass is negligible). */
  readonly countPmf: readonly number[];
  /** Gamma-Gamma shape p of each transaction's value. */
  readonly p: number;
  /** Posterior shape and rate of nu. */
  readonly shape: number;
  readonly rate: number;
}

/** P(S <= s). */
export function spendCdf(dist: SpendDistribution, s: number): number {
  if (s < 0) return 0;
  const pmf = dist.countPmf;
  let total = pmf[0] ?? 0;
  if (s === 0) return total;
  const u = s / (s + dist.rate);
  for (let k = 1; k < pmf.length; k++) {
    if (pmf[k] < 1e-12) continue;
    total += pmf[k] * betaCdf(u, k * dist.p, dist.shape);
  }
  return Math.min(1, total);
}

/** The smallest s with P(S <= s) >= prob (0 when the no-purchase mass already reaches prob). */
export function spendQuantile(dist: SpendDistribution, prob: number): number {
  if ((dist.countPmf[0] ?? 0) >= prob) return 0;
  const cdfAtU = (u: number): number => spendCdf(dist, (dist.rate * u) / (1 - u));
  let lo = 0;
  let hi = 1;
  // Stop when s is known to 1e-4 relative (u within 1e-4 u (1 - u)), or after 60 halvings.
  for (let it = 0; it < 60 && hi - lo > 1e-4 * lo * (1 - hi); it++) {
    const mid = (lo + hi) / 2;
    if (cdfAtU(mid) >= prob) hi = mid;
    else lo = mid;
  }
  return (dist.rate * hi) / (1 - hi);
}
