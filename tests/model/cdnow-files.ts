/**
 * Where the shared CDNOW files are: the shared/ folder next to the repository (as
 * tests/quality/cdnow.test.ts reads it: ../../../shared from tests/<dir>), or, for a git worktree
 * kept one level deeper (…/wt/<name>), next to the worktrees' folder. The data is never copied.
 */
import fs from "node:fs";
import path from "node:path";
import type { ModelFit } from "../../src/engine/model/customer-model";

export function cdnowFile(name: string): string {
  const candidates = [
    path.resolve(__dirname, "../../../shared/data/real/cdnow", name),
    path.resolve(__dirname, "../../../../shared/data/real/cdnow", name),
  ];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`CDNOW file not found: ${candidates.join(" or ")}`);
  return found;
}

/**
 * The published CDNOW fits (Fader, Hardie & Lee 2005: BG/NBD and Gamma-Gamma, rounded as printed):
 * realistic parameters for the forecast properties. Likelihoods and counts are not used there.
 */
export const PUBLISHED_CDNOW_FIT: ModelFit = {
  bgNbd: {
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    logLikelihood: 0,
    iterations: 0,
    converged: true,
  },
  gammaGamma: {
    params: { p: 6.25, q: 3.74, gamma: 15.44 },
    logLikelihood: 0,
    customers: 0,
    iterations: 0,
    converged: true,
  },
};
