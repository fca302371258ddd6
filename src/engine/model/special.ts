/**
 * Special functions for the customer model, all from @stdlib (kept, tested implementations):
 * log-gamma, log-beta, digamma, the Gauss hypergeometric 2F1 and the regularised incomplete beta
 * function (betaCdf).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import betaln from "@stdlib/math-base-special-betaln";
import betainc from "@stdlib/math-base-special-betainc";
import digamma from "@stdlib/math-base-special-digamma";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";

export { gammaln, betaln, digamma, hyp2f1 };

/**
 * Regularised incomplete beta I_u(a, b) = P(B <= u) for B ~ Beta(a, b), a, b > 0: @stdlib's
 * betainc(u, a, b) (regularised, lower tail by default; the unregularised B(u; a, b) would need
 * `regularized = false`). 0 for u <= 0 and 1 for u >= 1.
 */
export function betaCdf(u: number, a: number, b: number): number {
  if (!(u > 0)) return 0;
  if (u >= 1) return 1;
  return betainc(u, a, b);
}
