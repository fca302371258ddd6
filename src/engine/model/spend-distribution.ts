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
 * dropped): the error is below EPS. A series bound decides most saturated terms without betainc.
 * Quantiles: safeguarded steps on t = log(s/G) that solve the 4th-order Taylor polynomial of the
 * CDF (its derivatives in t are cheap closed forms), from a moment-matched log-normal start; a
 * bracket keeps it convergent; about 1e-10 relative in s (2-3 CDF evaluations on CDNOW).
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

/**
 * P(S <= s) at u = s/(s + G) in (0, 1) and, when wanted, its first four derivatives in
 * t = log(u/(1-u)) = log(s/G). Per term, dI/dt = g = u^(kp) (1-u)^Q / B(kp, Q) and with
 * h = d log g/dt = kp - (kp+Q) u, h1 = dh/dt = -(kp+Q) w, h2 = dh1/dt = h1 (1-2u) (w = u (1-u)):
 * dg/dt = g h, d2g = g (h^2 + h1), d3g = g (h^3 + 3 h h1 + h2).
 *
 * A term is known to be within EPS of 0 (or 1) without calling betainc when the bound from the
 * hypergeometric series I_u(a, b) = u^a (1-u)^b/(a B(a, b)) sum_n prod_(j<n) (a+b+j) u/(a+1+j)
 * says so: for b >= 1 the ratios decrease, so I_u(a, b) <= u^a (1-u)^b/(a B(a, b)) / (1 - r0),
 * r0 = (a+b) u/(a+1) < 1 (and 1 - I_u(a, b) = I_(1-u)(b, a) likewise).
 */
function cdfAndDerivatives(pre: Prepared, u: number, derivatives: Float64Array | null): number {
  const { dist, cumulative, logNorm } = pre;
  const pmf = dist.countPmf;
  const n = pmf.length;
  const p = dist.p;
  const Q = dist.shape;
  const logU = Math.log(u);
  const log1mU = Math.log1p(-u);
  const w = u * (1 - u);
  // The k whose Beta(k p, Q) mean k p/(k p + Q) is nearest u.
  const kMid = Math.min(n - 1, Math.max(1, Math.round((u * Q) / (p * (1 - u)))));
  let cdf = pmf[0];
  if (derivatives) derivatives.fill(0);
  /** Adds term k; returns -1 when it is within EPS of 0, +1 within EPS of 1, else 0. */
  const term = (k: number, upper: boolean): number => {
    const a = k * p;
    const e = Math.exp(a * logU + Q * log1mU + logNorm[k]);
    const r0 = upper ? ((a + Q) * u) / (a + 1) : ((a + Q) * (1 - u)) / (Q + 1);
    const bound = (upper ? Q >= 1 : a >= 1) && r0 < 1 ? e / ((upper ? a : Q) * (1 - r0)) : 1;
    const i = bound < EPS ? (upper ? 0 : 1) : betaCdf(u, a, Q);
    cdf += pmf[k] * i;
    if (derivatives) {
      const g = pmf[k] * e;
      const h = a - (a + Q) * u;
      const h1 = -(a + Q) * w;
      const h2 = h1 * (1 - 2 * u);
      derivatives[0] += g;
      derivatives[1] += g * h;
      derivatives[2] += g * (h * h + h1);
      derivatives[3] += g * (h * h * h + 3 * h * h1 + h2);
    }
    if (i < EPS) return -1;
    return i > 1 - EPS ? 1 : 0;
  };
  for (let k = kMid; k >= 1; k--) {
    if (term(k, false) === 1) {
      cdf += cumulative[k - 1] - pmf[0];
      break;
    }
  }
  for (let k = kMid + 1; k < n; k++) {
    if (term(k, true) === -1) break;
  }
  return Math.min(1, cdf);
}

/** P(S <= s). */
export function spendCdf(dist: SpendDistribution, s: number): number {
  if (s < 0) return 0;
  if (s === 0 || dist.countPmf.length < 2) return Math.min(1, dist.countPmf[0] ?? 0);
  return cdfAndDerivatives(prepare(dist), s / (s + dist.rate), null);
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
  const d = new Float64Array(4);
  for (let it = 0; it < 200; it++) {
    const u = 1 / (1 + Math.exp(-t));
    const cdf = cdfAndDerivatives(pre, u, d);
    if (cdf >= prob) hi = t;
    else lo = t;
    // Solve the 4th-order Taylor polynomial of F around t for F = prob (Newton on the polynomial,
    // from its Halley step): the error after a step delta is O(delta^5).
    const g = cdf - prob;
    let delta = (-2 * g * d[0]) / (2 * d[0] * d[0] - g * d[1]);
    let solved = false;
    for (let j = 0; j < 8 && Number.isFinite(delta); j++) {
      const value =
        g + delta * (d[0] + delta * (d[1] / 2 + delta * (d[2] / 6 + (delta * d[3]) / 24)));
      const slope = d[0] + delta * (d[1] + delta * (d[2] / 2 + (delta * d[3]) / 6));
      const change = value / slope;
      delta -= change;
      if (Math.abs(change) <= 1e-12) {
        solved = true;
        break;
      }
    }
    let next = t + delta;
    const taylor = solved && next > lo && next < hi && Math.abs(delta) <= 2;
    if (!taylor) {
      // Bisect (or step out by 2 when one side is still open).
      next =
        Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : cdf >= prob ? t - 2 : t + 2;
    }
    const step = Math.abs(next - t);
    t = next;
    // After a solved Taylor step delta <= 1e-2 the error is O(delta^5 F5/(120 F1)): ~1e-10 in log s.
    // A steep CDF (many purchases, a large Gamma-Gamma q) turns that into ~1e-8 in F, so the loop
    // also needs the step's own change of F (about |F'| delta) to be small: then one more step.
    if ((taylor && step <= 1e-2 && step * Math.abs(d[0]) <= 1e-9) || hi - lo <= 1e-10) break;
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
