/**
 * The distribution of a customer's total spend over the horizon: a compound of the purchase-count
 * distribution (BG/NBD, conditional on the history) and the Gamma-Gamma transaction values.
 *
 * Given nu, each transaction is Gamma(p, nu), so k transactions sum to Gamma(k p, nu); with the
 * posterior nu ~ Gamma(Q, G) (Q = q + p x, G = gamma + x zbar), the sum S_k = G * Gk/N with
 * Gk ~ Gamma(k p, 1), N ~ Gamma(Q, 1) independent, so S_k/(S_k + G) = Gk/(Gk + N) ~ Beta(k p, Q)
 * exactly (S_k/G is beta-prime(k p, Q)). Hence, with u = s/(s + G),
 *   P(S <= s) = P(K = 0) + sum_{k>=1} P(K = k) I_u(k p, Q),
 * I the regularised incomplete beta function (@stdlib betainc), and the density in u is
 *   sum_{k>=1} P(K = k) u^(kp-1) (1-u)^(Q-1) / B(k p, Q).
 *
 * Speed: I_u(k p, Q) decreases in k (more purchases, stochastically more spend), so at a given u
 * the terms are evaluated outward from the k whose Beta mean is nearest u and stop once they are
 * within EPS of 1 (all smaller k: their remaining count mass is added whole) or of 0 (all larger k
 * dropped): the error is below EPS. Quantiles are found by safeguarded Halley steps on log(s) (the density is
 * cheap; a bracket keeps it convergent), to 1e-10 relative in s.
 */
import { betaCdf, betaln } from "./special";

/** Terms of the mixture closer than this to 0 or 1 end the sum (error < EPS). */
const EPS = 1e-10;

export interface SpendDistribution {
  /** P(K = k) for k = 0..K (truncated where the remaining mass is negligible). */
  readonly countPmf: readonly number[];
  /** Gamma-Gamma shape p of each transaction's value. */
  readonly p: number;
  /** Posterior shape and rate of nu. */
  readonly shape: number;
  readonly rate: number;
}

/** A spend distribution with its per-k constants computed once. */
interface Prepared {
  readonly dist: SpendDistribution;
  /** cumulative[k] = P(K <= k). */
  readonly cumulative: Float64Array;
  /** -log B(k p, Q) for the density. */
  readonly logNorm: Float64Array;
}

const prepared = new WeakMap<SpendDistribution, Prepared>();

function prepare(dist: SpendDistribution): Prepared {
  const hit = prepared.get(dist);
  if (hit) return hit;
  const n = dist.countPmf.length;
  const cumulative = new Float64Array(n);
  const logNorm = new Float64Array(n);
  let c = 0;
  for (let k = 0; k < n; k++) {
    c += dist.countPmf[k];
    cumulative[k] = c;
    if (k > 0) logNorm[k] = -betaln(k * dist.p, dist.shape);
  }
  const out = { dist, cumulative, logNorm };
  prepared.set(dist, out);
  return out;
}

/** P(S <= s) in terms of u = s/(s + G) in (0, 1), and the density in u when wanted. */
function cdfAndDensityAtU(
  pre: Prepared,
  u: number,
  wantDensity: boolean,
): [number, number, number] {
  const { dist, cumulative, logNorm } = pre;
  const pmf = dist.countPmf;
  const n = pmf.length;
  const p = dist.p;
  const Q = dist.shape;
  const logU = Math.log(u);
  const log1mU = Math.log1p(-u);
  // The k whose Beta(k p, Q) mean k p/(k p + Q) is nearest u.
  const kMid = Math.min(n - 1, Math.max(1, Math.round((u * Q) / (p * (1 - u)))));
  let cdf = pmf[0];
  let density = 0;
  let slope = 0; // d density / du
  const term = (k: number): number => {
    const i = betaCdf(u, k * p, Q);
    cdf += pmf[k] * i;
    if (wantDensity) {
      const fk = pmf[k] * Math.exp((k * p - 1) * logU + (Q - 1) * log1mU + logNorm[k]);
      density += fk;
      slope += fk * ((k * p - 1) / u - (Q - 1) / (1 - u));
    }
    return i;
  };
  for (let k = kMid; k >= 1; k--) {
    if (term(k) > 1 - EPS) {
      cdf += cumulative[k - 1] - pmf[0];
      break;
    }
  }
  for (let k = kMid + 1; k < n; k++) {
    if (term(k) < EPS) break;
  }
  return [Math.min(1, cdf), density, slope];
}

/** P(S <= s). */
export function spendCdf(dist: SpendDistribution, s: number): number {
  if (s < 0) return 0;
  if (s === 0 || dist.countPmf.length < 2) return Math.min(1, dist.countPmf[0] ?? 0);
  return cdfAndDensityAtU(prepare(dist), s / (s + dist.rate), false)[0];
}

/** The smallest s with P(S <= s) >= prob (0 when the no-purchase mass already reaches prob). */
export function spendQuantile(dist: SpendDistribution, prob: number): number {
  if ((dist.countPmf[0] ?? 0) >= prob || dist.countPmf.length < 2) return 0;
  const pre = prepare(dist);
  // Newton on t = log(u/(1-u)) = log(s/G), where the CDF is a smooth sigmoid: dF/dt = f(u) u (1-u).
  // The bracket [lo, hi] (in t) keeps it convergent: a step that leaves it bisects instead.
  // Start: a log-normal with the first two moments of S/G given at least one purchase (S_k/G is
  // beta-prime(k p, Q): mean k p/(Q-1), second moment k p (k p + 1)/((Q-1)(Q-2))), at the
  // conditional probability (prob - P(0))/(1 - P(0)); Shore's approximation of the normal quantile
  // is plenty for a start.
  let lo = -Infinity;
  let hi = Infinity;
  const p0 = dist.countPmf[0];
  const Q = dist.shape;
  let m1 = 0;
  let m2 = 0;
  for (let k = 1; k < dist.countPmf.length; k++) {
    const kp = k * dist.p;
    m1 += (dist.countPmf[k] * kp) / Math.max(Q - 1, 0.5);
    m2 += (dist.countPmf[k] * kp * (kp + 1)) / Math.max((Q - 1) * (Q - 2), 0.5);
  }
  m1 /= 1 - p0;
  m2 /= 1 - p0;
  const sigma2 = Q > 2 ? Math.log(Math.max(m2 / (m1 * m1), 1 + 1e-6)) : 1;
  let t = Math.log(m1) - sigma2 / 2 + Math.sqrt(sigma2) * normalQuantile((prob - p0) / (1 - p0));
  for (let it = 0; it < 200; it++) {
    const u = 1 / (1 + Math.exp(-t));
    const [cdf, density, slope] = cdfAndDensityAtU(pre, u, true);
    if (cdf >= prob) hi = t;
    else lo = t;
    // Halley's step on g(t) = F - prob: g' = f u (1-u), g'' = u (1-u) (f' u (1-u) + f (1 - 2u)).
    const g = cdf - prob;
    const w = u * (1 - u);
    const g1 = density * w;
    const g2 = w * (slope * w + density * (1 - 2 * u));
    let next = t - (2 * g * g1) / (2 * g1 * g1 - g * g2);
    if (!(next > lo && next < hi)) {
      // Bisect (or step out by 2 when one side is still open).
      next =
        Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : cdf >= prob ? t - 2 : t + 2;
    }
    const step = Math.abs(next - t);
    t = next;
    // Halley converges cubically: after a step below 1e-4 the error is far below 1e-10.
    if (step <= 1e-4 || hi - lo <= 1e-10) break;
  }
  // s = G u/(1-u) = G e^t.
  return dist.rate * Math.exp(t);
}

/** Shore's (1982) approximation of the standard normal quantile (about 0.01 absolute). */
function normalQuantile(prob: number): number {
  const pr = Math.min(Math.max(prob, 1e-12), 1 - 1e-12);
  if (pr >= 0.5) return -5.5556 * (1 - Math.pow((1 - pr) / pr, 0.1186));
  return -normalQuantile(1 - pr);
}
