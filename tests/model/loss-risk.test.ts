/**
 * The learned loss risk (src/engine/model/loss-risk.ts): the L2 logistic fit against hand-worked
 * solutions (non-separable, separable, intercept only), the AUC, and the whole fit on a small
 * synthetic purchase log: deterministic, independent of the order of the transactions, and blind
 * to anything after the as-of day.
 */
import fc from "fast-check";
import {
  type Transaction,
  buildCustomerSummaries,
  recentValueTrend,
} from "../../src/engine/model/customer-summary";
import { runCustomerModel } from "../../src/engine/model/customer-model";
import { isoDate, dayNumber } from "../../src/engine/model/days";
import {
  LOSS_RISK_FEATURES,
  fitLogistic,
  fitLossRisk,
  predictLogistic,
  rocAuc,
  scoreLossRisk,
} from "../../src/engine/model/loss-risk";

describe("fitLogistic (L2, Newton)", () => {
  // x = -1, -1, -1, 1, 1, 1 is already standardised (mean 0, population sd 1); one 1 among the
  // x = -1 rows and two among the x = 1 rows. By symmetry the intercept is 0 and the weight solves
  // 3(2 sigma(w) - 1) - 1 + l2 w = 0, i.e. 3 tanh(w / 2) + l2 w = 1.
  const rows = [[-1], [-1], [-1], [1], [1], [1]];
  const labels = [0, 0, 1, 1, 1, 0];

  it("without penalty recovers the log odds ratio ln 2", () => {
    const m = fitLogistic(rows, labels, { l2: 0 });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(0, 10);
    expect(m.weights[0]).toBeCloseTo(Math.log(2), 10);
    expect(predictLogistic(m, [1])).toBeCloseTo(2 / 3, 10);
  });

  it("with l2 = 1 shrinks to the root of 3 tanh(w/2) + w = 1", () => {
    const m = fitLogistic(rows, labels, { l2: 1 });
    expect(m.intercept).toBeCloseTo(0, 10);
    expect(m.weights[0]).toBeCloseTo(0.40322560520608375, 9);
  });

  it("stays finite on a separable case: 2 sigma(w) - 2 + w = 0", () => {
    const m = fitLogistic([[-1], [1]], [0, 1], { l2: 1 });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(0, 10);
    expect(m.weights[0]).toBeCloseTo(0.6748316143423994, 9);
  });

  it("standardises: scaling and shifting a feature does not change the predictions", () => {
    const a = fitLogistic(rows, labels, { l2: 1 });
    const b = fitLogistic(
      rows.map(([v]) => [100 + 7 * v]),
      labels,
      { l2: 1 },
    );
    expect(predictLogistic(b, [107])).toBeCloseTo(predictLogistic(a, [1]), 12);
  });

  it("a constant feature gets weight 0 and the intercept is the log odds", () => {
    const m = fitLogistic([[5], [5], [5], [5]], [1, 1, 1, 0], { l2: 1 });
    expect(m.weights[0]).toBe(0);
    expect(m.intercept).toBeCloseTo(Math.log(3), 10);
  });

  it("property: the penalised gradient vanishes and row order does not matter", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.boolean(),
          ),
          { minLength: 4, maxLength: 40 },
        ),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (data, l2) => {
          const X = data.map(([u, v]) => [u, v]);
          const y = data.map(([, , b]) => (b ? 1 : 0));
          const m = fitLogistic(X, y, { l2 });
          // Gradient of the objective on the standardised scale.
          const grad = [0, 0, 0];
          X.forEach((row, i) => {
            const p = predictLogistic(m, row);
            const z = row.map((v, j) => (v - m.means[j]) / m.sds[j]);
            grad[0] += p - y[i];
            grad[1] += (p - y[i]) * z[0];
            grad[2] += (p - y[i]) * z[1];
          });
          grad[1] += l2 * m.weights[0];
          grad[2] += l2 * m.weights[1];
          for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-6);
          const rev = fitLogistic([...X].reverse(), [...y].reverse(), { l2 });
          for (const row of X)
            expect(predictLogistic(rev, row)).toBeCloseTo(predictLogistic(m, row), 8);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("rocAuc", () => {
  it("counts pairs, ties half", () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 12);
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });
});

/** A small synthetic purchase log for 1997 (seeded LCG): 300 customers, some fade out. */
function syntheticLog(): Transaction[] {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const start = dayNumber("1997-01-01");
  const out: Transaction[] = [];
  for (let c = 0; c < 300; c++) {
    const id = `c${String(c).padStart(4, "0")}`;
    let day = start + Math.floor(rand() * 80);
    const gap = 5 + rand() * 60;
    const stop = start + Math.floor(rand() * 420);
    const value = 10 + rand() * 60;
    while (day <= start + 450) {
      out.push({ customerId: id, date: isoDate(day), amount: Math.round(value * (0.5 + rand())) });
      day += 1 + Math.floor(gap * -Math.log(1 - rand() * 0.999));
      if (day > stop) break;
    }
  }
  return out;
}

describe("fitLogistic: a feature that varies only by rounding noise is constant for the model", () => {
  // x0 carries the signal; x1 is 1 - (noise of 1e-10), as pActive is for nearly every customer of a
  // dense purchase log. Standardising by that noise would turn a 1e-9 difference (the last bits of
  // exp/pow, which differ between JavaScript engines) into a z-score of tens.
  const x0 = [-2, -1, -0.5, 0, 0.5, 1, 2, -1.5, 1.5, 0.25];
  const labels = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1];
  const noisy = x0.map((v, i) => [v, 1 - ((i * 7) % 10) * 1e-11]);
  const plain = x0.map((v) => [v, 1]);

  it("gives the same predictions as the model with the feature exactly constant", () => {
    const m = fitLogistic(noisy, labels, { l2: 1 });
    const ref = fitLogistic(plain, labels, { l2: 1 });
    for (const v of [-3, -1, 0, 0.7, 3])
      expect(predictLogistic(m, [v, 1 - 5e-11])).toBeCloseTo(predictLogistic(ref, [v, 1]), 8);
  });

  it("is insensitive to a 1e-9 change in that feature (Node and the browser agree)", () => {
    const m = fitLogistic(noisy, labels, { l2: 1 });
    const a = predictLogistic(m, [0.3, 0.9999999987]);
    const b = predictLogistic(m, [0.3, 0.9999999997]);
    expect(Math.abs(a - b)).toBeLessThan(1e-8);
  });
});

describe("fitLossRisk / scoreLossRisk", () => {
  const log = syntheticLog();
  const asOf = "1997-12-30";
  const model = fitLossRisk(log, asOf, { horizonWeeks: 13 });

  it("trains at the cut H weeks earlier on the customers active then, with both labels", () => {
    expect(model.cut).toBe("1997-09-30");
    expect(model.training.length).toBeGreaterThan(20);
    const lost = model.training.filter((r) => r.label === 1).length;
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(model.training.length);
    expect(model.logistic.weights).toHaveLength(LOSS_RISK_FEATURES.length);
    expect(model.logistic.converged).toBe(true);
  });

  it("checks the model at the cut against what the customers known then spent up to the as-of", () => {
    // Independently: the model fitted on the purchases up to the cut forecasts every customer known
    // then; the realised side is those customers' spend in (cut, asOf], summed from the raw log.
    const cut = "1997-09-30";
    const before = log.filter((t) => t.date <= cut);
    const summaries = buildCustomerSummaries(before, cut, { recentWeeks: 13 });
    const { forecasts } = runCustomerModel(summaries, {
      horizonWeeks: 13,
      recentWeeks: 13,
      valueMultiplier: recentValueTrend(before, cut, { recentWeeks: 13 }),
    });
    const known = new Set(summaries.map((s) => s.customerId));
    const realised = log
      .filter((t) => t.date > cut && t.date <= asOf && known.has(t.customerId))
      .reduce((sum, t) => sum + t.amount, 0);
    expect(model.check.cut).toBe(cut);
    expect(model.check.forecast).toBeCloseTo(
      forecasts.reduce((sum, f) => sum + f.expectedSpendNext, 0),
      6,
    );
    expect(model.check.realised).toBeCloseTo(realised, 6);
    expect(model.check.realised).toBeGreaterThan(0);
  });

  it("is deterministic and does not depend on the order of the transactions", () => {
    const again = fitLossRisk(log, asOf, { horizonWeeks: 13 });
    expect(again).toEqual(model);
    const shuffled = [...log].reverse();
    const other = fitLossRisk(shuffled, asOf, { horizonWeeks: 13 });
    expect(other.logistic.weights).toEqual(model.logistic.weights);
    expect(scoreLossRisk(other, shuffled)).toEqual(scoreLossRisk(model, log));
  });

  it("ignores purchases after the as-of day (no look at the future)", () => {
    const past = log.filter((t) => t.date <= asOf);
    expect(fitLossRisk(past, asOf, { horizonWeeks: 13 })).toEqual(model);
    expect(scoreLossRisk(model, past)).toEqual(scoreLossRisk(model, log));
  });

  it("scores each customer active at the as-of day once with a probability", () => {
    const scores = scoreLossRisk(model, log);
    const ids = scores.map((s) => s.customerId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const s of scores) {
      expect(s.pLost).toBeGreaterThan(0);
      expect(s.pLost).toBeLessThan(1);
    }
  });
});
