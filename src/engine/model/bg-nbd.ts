/**
 * BG/NBD ("beta-geometric / negative binomial distribution") buy-till-you-die model of Fader,
 * Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2).
 *
 * While alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha) across
 * customers; after every purchase they drop out for good with probability p ~ Beta(a, b). A
 * customer's history is summarised by x (repeat purchases), t_x (time of the last purchase) and T
 * (time since the first purchase), all measured from the first purchase (here in weeks).
 */
import type { CustomerSummary } from "./customer-summary";
import { betaln, digamma, gammaln, hyp2f1 } from "./special";
import { minimiseBfgs } from "./optimise";

export interface BgNbdParams {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale (rate parameter) of the Gamma distribution of purchase rates, in weeks. */
  readonly alpha: number;
  /** Beta parameters of the drop-out probability after each purchase. */
  readonly a: number;
  readonly b: number;
}

/** The (x, t_x, T) of one customer: the only history the BG/NBD needs. */
export type RfmTriple = Pick<CustomerSummary, "x" | "tx" | "T">;

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Total log-likelihood at the fitted parameters. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Distinct x values with their counts: per-x terms are computed once per evaluation. */
interface Compressed {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Index into the distinct-x table for each customer. */
  readonly xi: Int32Array;
  readonly distinctX: readonly number[];
  readonly countX: readonly number[];
  /**
   * 1 where a customer's (x, t_x, T) is the previous customer's: its terms are the previous ones,
   * reused rather than recomputed (the fit sorts the data, so equal triples are adjacent and a
   * weekly history of 20,000 customers has a few hundred distinct triples). The sums still add one
   * term per customer in the same order, so the likelihood is bit for bit what it was (issue 14).
   */
  readonly sameAsPrevious: Uint8Array;
}

function compress(data: readonly RfmTriple[]): Compressed {
  const distinct = [...new Set(data.map((d) => d.x))].sort((u, v) => u - v);
  const index = new Map(distinct.map((x, i) => [x, i]));
  const countX = distinct.map(() => 0);
  const xi = new Int32Array(data.length);
  data.forEach((d, i) => {
    const k = index.get(d.x) ?? 0;
    xi[i] = k;
    countX[k]++;
  });
  const sameAsPrevious = new Uint8Array(data.length);
  for (let i = 1; i < data.length; i++) {
    const d = data[i];
    const e = data[i - 1];
    if (d.x === e.x && d.tx === e.tx && d.T === e.T) sameAsPrevious[i] = 1;
  }
  return {
    sameAsPrevious,
    x: Float64Array.from(data, (d) => d.x),
    tx: Float64Array.from(data, (d) => d.tx),
    T: Float64Array.from(data, (d) => d.T),
    xi,
    distinctX: distinct,
    countX,
  };
}

function validate(data: readonly RfmTriple[]): void {
  for (const d of data) {
    if (!(Number.isInteger(d.x) && d.x >= 0 && d.tx >= 0 && d.T >= d.tx && Number.isFinite(d.T))) {
      throw new Error(`BG/NBD: invalid summary x=${d.x}, t_x=${d.tx}, T=${d.T}`);
    }
    if (d.x === 0 && d.tx !== 0) throw new Error("BG/NBD: t_x must be 0 when x = 0");
  }
}

/**
 * Log-likelihood and its gradient with respect to (log r, log alpha, log a, log b).
 * Per customer (eq. 6 of the paper):
 *   L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / Gamma(r)
 *       * [ (alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x) ]
 */
function logLikelihoodAndGradient(
  c: Compressed,
  p: BgNbdParams,
  gradient: number[] | null,
): number {
  const { r, alpha, a, b } = p;
  const nx = c.distinctX.length;
  // Per distinct x: gamma/beta terms and their derivatives.
  const constX = new Float64Array(nx);
  const dR = new Float64Array(nx);
  const dA = new Float64Array(nx);
  const dB = new Float64Array(nx);
  const logAOver = new Float64Array(nx);
  const lbAB = betaln(a, b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const lgR = gammaln(r);
  for (let k = 0; k < nx; k++) {
    const x = c.distinctX[k];
    constX[k] = gammaln(r + x) - lgR + r * Math.log(alpha) + betaln(a, b + x) - lbAB;
    if (gradient) {
      const psiABX = digamma(a + b + x);
      dR[k] = digamma(r + x) - psiR + Math.log(alpha);
      dA[k] = psiAB - psiABX;
      dB[k] = digamma(b + x) - psiABX - psiB + psiAB;
    }
    logAOver[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  }
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  // The current triple's terms (reused while the next customers have the same triple).
  let llTerm = 0;
  let grTerm = 0;
  let gAlphaTerm = 0;
  let gaTerm = 0;
  let gbTerm = 0;
  for (let i = 0; i < c.x.length; i++) {
    const x = c.x[i];
    if (c.sameAsPrevious[i] === 0) {
      const k = c.xi[i];
      const rx = r + x;
      const lT = Math.log(alpha + c.T[i]);
      const a3 = -rx * lT;
      let logSum = a3;
      let w4 = 0;
      let lTx = 0;
      if (x > 0) {
        lTx = Math.log(alpha + c.tx[i]);
        const a4 = logAOver[k] - rx * lTx;
        const m = Math.max(a3, a4);
        const e3 = Math.exp(a3 - m);
        const e4 = Math.exp(a4 - m);
        logSum = m + Math.log(e3 + e4);
        w4 = e4 / (e3 + e4);
      }
      llTerm = constX[k] + logSum;
      if (gradient) {
        const w3 = 1 - w4;
        grTerm = w3 * -lT + (x > 0 ? w4 * -lTx : 0);
        gAlphaTerm = -rx * (w3 / (alpha + c.T[i]) + (x > 0 ? w4 / (alpha + c.tx[i]) : 0));
        if (x > 0) {
          gaTerm = w4 / a;
          gbTerm = w4 / (b + x - 1);
        }
      }
    }
    ll += llTerm;
    if (gradient) {
      gr += grTerm;
      gAlpha += gAlphaTerm;
      if (x > 0) {
        ga += gaTerm;
        gb -= gbTerm;
      }
    }
  }
  if (gradient) {
    for (let k = 0; k < nx; k++) {
      const n = c.countX[k];
      gr += n * dR[k];
      ga += n * dA[k];
      gb += n * dB[k];
    }
    gAlpha += (r / alpha) * c.x.length;
    gradient[0] = gr * r;
    gradient[1] = gAlpha * alpha;
    gradient[2] = ga * a;
    gradient[3] = gb * b;
  }
  return ll;
}

/** Total BG/NBD log-likelihood of the customers at the given parameters. */
export function bgNbdLogLikelihood(data: readonly RfmTriple[], params: BgNbdParams): number {
  validate(data);
  return logLikelihoodAndGradient(compress(data), params, null);
}

/** Per-customer log-likelihood (the same formula for one customer). */
export function bgNbdCustomerLogLikelihood(d: RfmTriple, params: BgNbdParams): number {
  return bgNbdLogLikelihood([d], params);
}

/**
 * Maximum-likelihood fit: BFGS on (log r, log alpha, log a, log b) with the analytic gradient,
 * minimising the mean negative log-likelihood. Deterministic; invariant to customer order up to
 * floating-point summation order (the data are sorted first, so not even that).
 */
export function fitBgNbd(data: readonly RfmTriple[]): BgNbdFit {
  if (data.length === 0) throw new Error("BG/NBD: no customers to fit");
  validate(data);
  const sorted = [...data].sort((u, v) => u.x - v.x || u.tx - v.tx || u.T - v.T);
  const c = compress(sorted);
  const n = sorted.length;
  const meanT = sorted.reduce((s, d) => s + d.T, 0) / n;
  const meanX = sorted.reduce((s, d) => s + d.x, 0) / n;
  // Start: r = 1 and alpha matching the mean purchase rate; a = b = 1.
  const start = [0, Math.log(Math.max(meanT / Math.max(meanX, 1e-3), 1e-3)), 0, 0];
  const toParams = (z: readonly number[]): BgNbdParams => ({
    r: Math.exp(z[0]),
    alpha: Math.exp(z[1]),
    a: Math.exp(z[2]),
    b: Math.exp(z[3]),
  });
  const result = minimiseBfgs(
    (z, g) => {
      const ll = logLikelihoodAndGradient(c, toParams(z), g);
      for (let i = 0; i < 4; i++) g[i] = -g[i] / n;
      return -ll / n;
    },
    start,
    { gradientTolerance: 1e-9, maxIterations: 1000 },
  );
  const params = toParams(result.x);
  return {
    params,
    logLikelihood: logLikelihoodAndGradient(c, params, null),
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) for x > 0, else 0: the odds of having dropped out. */
function dropOutOdds(d: RfmTriple, p: BgNbdParams): number {
  if (d.x === 0) return 0;
  return Math.exp(
    Math.log(p.a) -
      Math.log(p.b + d.x - 1) +
      (p.r + d.x) * Math.log((p.alpha + d.T) / (p.alpha + d.tx)),
  );
}

/** P(alive at T | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). */
export function bgNbdPAlive(d: RfmTriple, p: BgNbdParams): number {
  return 1 / (1 + dropOutOdds(d, p));
}

/**
 * E[X(T, T+t) | x, t_x, T], expected purchases in the next t weeks (eq. 10 of the paper):
 *   (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
 *   / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
 * (valid for a != 1; near a = 1 the sum of the conditional pmf is used instead).
 */
export function bgNbdConditionalExpected(d: RfmTriple, p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  if (Math.abs(p.a - 1) < 1e-6) {
    const pmf = bgNbdConditionalPmf(d, p, t);
    return pmf.reduce((s, q, k) => s + k * q, 0);
  }
  const { r, alpha, a, b } = p;
  const x = d.x;
  const z = t / (alpha + d.T + t);
  const head = (a + b + x - 1) / (a - 1);
  const power = Math.exp((r + x) * Math.log((alpha + d.T) / (alpha + d.T + t)));
  const value =
    (head * (1 - power * hyp2f1(r + x, b + x, a + b + x - 1, z))) / (1 + dropOutOdds(d, p));
  return Math.max(0, value);
}

export interface PmfOptions {
  /** Stop once the pmf accounts for this much probability (default 1 - 1e-9). */
  readonly mass?: number;
  /** Never go beyond this many purchases (default 2000). */
  readonly maxCount?: number;
}

/**
 * P(X(T, T+t) = k | x, t_x, T) for k = 0, 1, ... : the distribution of purchases in the next t
 * weeks. Derivation (ours, from the model's assumptions): a customer who has dropped out buys
 * nothing; one still alive at T has posterior lambda ~ Gamma(r+x, alpha+T) and p ~ Beta(a, b+x)
 * (the alive-at-T likelihood is lambda^x e^(-lambda T) (1-p)^x), and by memorylessness starts
 * afresh at T, so their count follows the paper's unconditional P(X(t) = k) (eq. 8) with
 * (r, alpha, a, b) replaced by (r+x, alpha+T, a, b+x). Hence
 *   P(k) = (1 - P(alive)) [k = 0] + P(alive) P*(k), where with r' = r+x, al' = alpha+T, b' = b+x,
 *   P*(k) = B(a, b'+k)/B(a, b') * Gamma(r'+k)/(Gamma(r') k!) (al'/(al'+t))^r' (t/(al'+t))^k
 *         + [k>0] B(a+1, b'+k-1)/B(a, b') * [1 - (al'/(al'+t))^r' sum_{j<k} Gamma(r'+j)/(Gamma(r') j!) (t/(al'+t))^j].
 * Its mean equals bgNbdConditionalExpected (checked in the tests).
 */
export function bgNbdConditionalPmf(
  d: RfmTriple,
  p: BgNbdParams,
  t: number,
  options: PmfOptions = {},
): number[] {
  const mass = options.mass ?? 1 - 1e-9;
  const maxCount = options.maxCount ?? 2000;
  const alive = bgNbdPAlive(d, p);
  if (t <= 0) return [1];
  const r1 = p.r + d.x;
  const al1 = p.alpha + d.T;
  const b1 = p.b + d.x;
  const logQ = Math.log(al1 / (al1 + t));
  const logZ = Math.log(t / (al1 + t));
  const pmf: number[] = [];
  let total = 0;
  // Every factor by a stable recurrence in k (no special function per k):
  // logNb(k) = log Gamma(r'+k)/(Gamma(r') k!) q^r' z^k, logNb(k+1) = logNb(k) + log((r'+k) z/(k+1));
  // betaA(k) = B(a, b'+k)/B(a, b'), betaA(k+1) = betaA(k) (b'+k)/(a+b'+k);
  // betaC(k) = B(a+1, b'+k-1)/B(a, b') for k >= 1, betaC(1) = a/(a+b'),
  // betaC(k+1) = betaC(k) (b'+k-1)/(a+b'+k).
  let logNb = r1 * logQ;
  let nbCumulative = 0; // sum_{j<k} of the negative binomial terms
  let betaA = 1;
  let betaC = p.a / (p.a + b1);
  for (let k = 0; k <= maxCount; k++) {
    const nb = Math.exp(logNb);
    let pk = betaA * nb;
    if (k > 0) {
      pk += betaC * Math.max(0, 1 - nbCumulative);
      betaC *= (b1 + k - 1) / (p.a + b1 + k);
    }
    pk *= alive;
    if (k === 0) pk += 1 - alive;
    pmf.push(pk);
    total += pk;
    nbCumulative += nb;
    logNb += Math.log((r1 + k) / (k + 1)) + logZ;
    betaA *= (b1 + k) / (p.a + b1 + k);
    if (total >= mass && k > 0) break;
  }
  return pmf;
}
