/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", JMR 42(4); Colombo & Jiang 1999).
 *
 * A customer's transaction values are Gamma(p, nu) (shape p, rate nu), so their mean value is p/nu;
 * nu varies across customers as Gamma(q, gamma) (shape q, rate gamma). With x repeat transactions
 * of mean value zbar, the density of zbar is
 *   f(zbar | x) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) * gamma^q x^(p x) zbar^(p x - 1)
 *                 / (gamma + x zbar)^(p x + q),
 * the posterior of nu is Gamma(q + p x, gamma + x zbar), and the expected value of a transaction is
 *   E[Z | x, zbar] = p (gamma + x zbar) / (p x + q - 1)
 *                  = (q - 1)/(p x + q - 1) * p gamma/(q - 1) + p x/(p x + q - 1) * zbar,
 * a weighted average of the population mean p gamma/(q - 1) and the customer's own mean: one-off
 * large orders are pulled toward the population.
 */
import { digamma, gammaln } from "./special";
import { minimiseBfgs } from "./optimise";

export interface GammaGammaParams {
  /** Shape of each transaction's value. */
  readonly p: number;
  /** Shape of the across-customer distribution of nu. */
  readonly q: number;
  /** Rate of the across-customer distribution of nu. */
  readonly gamma: number;
}

/** A repeat customer's spend summary: x >= 1 repeat transactions with mean value zbar > 0. */
export interface SpendSummary {
  readonly x: number;
  readonly zbar: number;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Only customers with x >= 1 and a positive mean value carry information (others are skipped). */
export function usableForGammaGamma(s: SpendSummary): boolean {
  return s.x >= 1 && s.zbar > 0 && Number.isFinite(s.zbar);
}

/**
 * The usable customers as columns, with log(zbar) taken once: it does not depend on the
 * parameters, so every evaluation of the fit would take the same logarithm again (issue 14).
 */
interface SpendColumns {
  readonly n: number;
  readonly x: Float64Array;
  readonly zbar: Float64Array;
  readonly logZbar: Float64Array;
}

function spendColumns(data: readonly SpendSummary[]): SpendColumns {
  const n = data.length;
  const x = new Float64Array(n);
  const zbar = new Float64Array(n);
  const logZbar = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = data[i].x;
    zbar[i] = data[i].zbar;
    logZbar[i] = Math.log(data[i].zbar);
  }
  return { n, x, zbar, logZbar };
}

function llAndGradient(
  data: SpendColumns,
  prm: GammaGammaParams,
  gradient: number[] | null,
): number {
  const { p, q, gamma } = prm;
  const lgQ = gammaln(q);
  const psiQ = digamma(q);
  const logG = Math.log(gamma);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  // The gamma-function terms depend on x only: computed once per run of equal x (data sorted by x).
  let lastX = NaN;
  let lgTerms = 0;
  let psiPXQ = 0;
  let psiPX = 0;
  let lx = 0;
  const xs = data.x;
  const zs = data.zbar;
  const lzs = data.logZbar;
  for (let i = 0; i < data.n; i++) {
    const x = xs[i];
    const zbar = zs[i];
    const px = p * x;
    if (x !== lastX) {
      lastX = x;
      lx = Math.log(x);
      lgTerms = gammaln(px + q) - gammaln(px) - lgQ + q * logG + px * lx;
      if (gradient) {
        psiPXQ = digamma(px + q);
        psiPX = digamma(px);
      }
    }
    const lz = lzs[i];
    const lden = Math.log(gamma + x * zbar);
    ll += lgTerms + (px - 1) * lz - (px + q) * lden;
    if (gradient) {
      gp += x * (psiPXQ - psiPX + lx + lz - lden);
      gq += psiPXQ - psiQ + logG - lden;
      gg += q / gamma - (px + q) / (gamma + x * zbar);
    }
  }
  if (gradient) {
    gradient[0] = gp * p;
    gradient[1] = gq * q;
    gradient[2] = gg * gamma;
  }
  return ll;
}

/** Total log-likelihood of the usable customers' mean values. */
export function gammaGammaLogLikelihood(
  data: readonly SpendSummary[],
  params: GammaGammaParams,
): number {
  const usable = data.filter(usableForGammaGamma).sort((u, v) => u.x - v.x || u.zbar - v.zbar);
  return llAndGradient(spendColumns(usable), params, null);
}

/** Maximum-likelihood fit (BFGS on log-parameters, analytic gradient, data sorted first). */
export function fitGammaGamma(data: readonly SpendSummary[]): GammaGammaFit {
  const usable = data.filter(usableForGammaGamma).sort((u, v) => u.x - v.x || u.zbar - v.zbar);
  if (usable.length < 2) throw new Error("Gamma-Gamma: fewer than 2 repeat customers with spend");
  const n = usable.length;
  const columns = spendColumns(usable);
  const meanZ = usable.reduce((s, d) => s + d.zbar, 0) / n;
  // Start: p = 1, q = 2, gamma chosen so the population mean p gamma/(q-1) matches the data.
  const start = [0, Math.log(2), Math.log(meanZ)];
  const toParams = (z: readonly number[]): GammaGammaParams => ({
    p: Math.exp(z[0]),
    q: Math.exp(z[1]),
    gamma: Math.exp(z[2]),
  });
  const result = minimiseBfgs(
    (z, g) => {
      const ll = llAndGradient(columns, toParams(z), g);
      for (let i = 0; i < 3; i++) g[i] = -g[i] / n;
      return -ll / n;
    },
    start,
    { gradientTolerance: 1e-9, maxIterations: 2000 },
  );
  const params = toParams(result.x);
  return {
    params,
    logLikelihood: llAndGradient(columns, params, null),
    customers: n,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Population mean transaction value p gamma / (q - 1) (infinite when q <= 1). */
export function gammaGammaPopulationMean(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Infinity;
}

/**
 * Posterior of nu for a customer (shape, rate): Gamma(q + p x, gamma + x zbar); for x = 0 (or no
 * usable spend) the prior Gamma(q, gamma).
 */
export function gammaGammaPosterior(
  s: SpendSummary,
  params: GammaGammaParams,
): { shape: number; rate: number } {
  if (!usableForGammaGamma(s)) return { shape: params.q, rate: params.gamma };
  return { shape: params.q + params.p * s.x, rate: params.gamma + s.x * s.zbar };
}

/** E[Z | x, zbar] = p (gamma + x zbar)/(p x + q - 1); the population mean when x = 0. */
export function gammaGammaConditionalMean(s: SpendSummary, params: GammaGammaParams): number {
  const post = gammaGammaPosterior(s, params);
  return post.shape > 1 ? (params.p * post.rate) / (post.shape - 1) : Infinity;
}
