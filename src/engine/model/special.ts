/**
 * Special functions for the customer model, all from @stdlib (kept, tested implementations), plus
 * the one this project's dependencies do not ship: the regularised incomplete beta function, which
 * is evaluated here by Gauss-Legendre quadrature of the beta density (normalised with @stdlib's
 * betaln) rather than by a hand-written continued fraction. See betaCdf.
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";

export { gammaln, betaln, digamma, hyp2f1 };

/** Nodes and weights of n-point Gauss-Legendre quadrature on [0, 1] (Newton on P_n). */
function gaussLegendre01(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = 0;
      for (let j = 1; j <= n; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
      }
      dp = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    nodes[i] = (1 - z) / 2;
    weights[i] = 1 / ((1 - z * z) * dp * dp);
  }
  return { nodes, weights };
}

const GL = gaussLegendre01(48);

/**
 * Regularised incomplete beta I_u(a, b) = P(B <= u) for B ~ Beta(a, b), a, b > 0.
 * With x = u s^(1/a): I_u(a, b) = u^a / (a B(a, b)) * integral_0^1 (1 - u s^(1/a))^(b - 1) ds,
 * whose integrand is bounded and smooth for u < 1; the lower tail is always the one integrated
 * (I_u(a, b) = 1 - I_(1-u)(b, a) above the mean), so the result is accurate to about 1e-6 for the
 * shapes the spend model uses (a = k p, b = q + p x, both typically > 1). Used for interval
 * quantiles only, never for fitting.
 */
export function betaCdf(u: number, a: number, b: number): number {
  if (!(u > 0)) return 0;
  if (u >= 1) return 1;
  if (u > a / (a + b)) return 1 - betaCdf(1 - u, b, a);
  let sum = 0;
  const inv = 1 / a;
  for (let i = 0; i < GL.nodes.length; i++) {
    const s = GL.nodes[i];
    sum += GL.weights[i] * Math.pow(1 - u * Math.pow(s, inv), b - 1);
  }
  const logFront = a * Math.log(u) - Math.log(a) - betaln(a, b);
  return Math.min(1, Math.max(0, Math.exp(logFront) * sum));
}
