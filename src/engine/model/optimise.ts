/**
 * A small deterministic quasi-Newton minimiser (BFGS with an Armijo backtracking line search) for
 * smooth objectives with analytic gradients. The model fits run it on log-parameters, so every
 * parameter stays positive without constraints. Same start + same objective = same answer.
 */

export interface MinimiseOptions {
  /** Stop when the largest gradient component is below this (default 1e-7). */
  readonly gradientTolerance?: number;
  /** Stop when an accepted step improves the objective by less than this, relatively (default 1e-12). */
  readonly relativeTolerance?: number;
  /** Hard cap on iterations (default 500). */
  readonly maxIterations?: number;
}

export interface MinimiseResult {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/** An objective returns its value and writes its gradient into `gradient`. */
export type Objective = (x: readonly number[], gradient: number[]) => number;

const dot = (u: readonly number[], v: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
};

const maxAbs = (u: readonly number[]): number => {
  let m = 0;
  for (const v of u) m = Math.max(m, Math.abs(v));
  return m;
};

export function minimiseBfgs(
  objective: Objective,
  start: readonly number[],
  options: MinimiseOptions = {},
): MinimiseResult {
  const gTol = options.gradientTolerance ?? 1e-7;
  const relTol = options.relativeTolerance ?? 1e-12;
  const maxIter = options.maxIterations ?? 500;
  const n = start.length;
  // Inverse Hessian approximation, starting at the identity.
  const h: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  let x = [...start];
  let g = new Array<number>(n).fill(0);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new Error("minimiseBfgs: objective is not finite at the start");
  let iterations = 0;
  let converged = maxAbs(g) < gTol;
  while (!converged && iterations < maxIter) {
    iterations++;
    // Search direction d = -H g; fall back to steepest descent if it is not a descent direction.
    let d = h.map((row) => -dot(row, g));
    let slope = dot(d, g);
    if (!(slope < 0)) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i][j] = i === j ? 1 : 0;
      d = g.map((v) => -v);
      slope = dot(d, g);
    }
    // Keep the first trial step modest on the log scale (at most 2 units in any coordinate).
    let step = Math.min(1, 2 / Math.max(maxAbs(d), 1e-300));
    const gNew = new Array<number>(n).fill(0);
    let xNew = x;
    let fNew = Infinity;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      xNew = x.map((v, i) => v + step * d[i]);
      fNew = objective(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const s = xNew.map((v, i) => v - x[i]);
    const y = gNew.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    const improvement = f - fNew;
    x = xNew;
    g = [...gNew];
    const fOld = f;
    f = fNew;
    if (maxAbs(g) < gTol) {
      converged = true;
      break;
    }
    if (improvement <= relTol * Math.max(1, Math.abs(fOld))) {
      converged = maxAbs(g) < Math.sqrt(gTol);
      break;
    }
    if (sy > 1e-12) {
      // BFGS update of the inverse Hessian.
      const hy = h.map((row) => dot(row, y));
      const yhy = dot(y, hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i][j] += (rho * rho * yhy + rho) * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
        }
      }
    }
  }
  return { x, value: f, iterations, evaluations, converged };
}
