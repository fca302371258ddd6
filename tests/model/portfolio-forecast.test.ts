/**
 * The portfolio forecast's moments against the exact spend distribution: for one customer the
 * band's sd must be the standard deviation of S, computed here independently by integrating the
 * exact CDF (spend-distribution.ts): E[S] = int (1 - F), E[S^2] = int 2 s (1 - F). The weekly
 * expectations add up to the customer model's expectedSpendNext, and the normal quantile is right.
 */
import { bgNbdConditionalPmf } from "../../src/engine/model/bg-nbd";
import { forecastCustomers } from "../../src/engine/model/customer-model";
import type { CustomerSummary } from "../../src/engine/model/customer-summary";
import { gammaGammaPosterior } from "../../src/engine/model/gamma-gamma";
import { spendCdf } from "../../src/engine/model/spend-distribution";
import { normalQuantile, portfolioForecast } from "../../src/engine/metrics/portfolio-forecast";
import { PUBLISHED_CDNOW_FIT } from "./cdnow-files";

const fit = PUBLISHED_CDNOW_FIT;

const customer = (id: string, x: number, tx: number, T: number, z: number): CustomerSummary => ({
  customerId: id,
  x,
  tx,
  T,
  meanRepeatValue: z,
  firstValue: z,
  recentSpend: 26,
  recentWeekly: new Array<number>(13).fill(2),
});

describe("portfolio forecast", () => {
  it("normal quantile", () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
  });

  it.each([
    [2, 30.43, 38.86, 35, 1],
    [0, 0, 38.86, 0, 1],
    [5, 36, 38, 20, 1.04],
  ])(
    "x %d, t_x %d, T %d, zbar %d, value x%d: mean and sd of the exact spend distribution",
    (x, tx, T, z, m) => {
      const s = customer("c", x, tx, T, z);
      const H = 13;
      const pf = portfolioForecast([s], fit, H, 0.8, m);
      const [f] = forecastCustomers([s], fit, {
        horizonWeeks: H,
        valueMultiplier: m,
        intervals: false,
      });
      expect(pf.total).toBeCloseTo(f.expectedSpendNext, 8);
      expect(pf.weekly).toHaveLength(H);
      // Exact distribution: integrate the survival function on a fine grid (trapezoid).
      const post = gammaGammaPosterior({ x, zbar: z }, fit.gammaGamma.params);
      const dist = {
        countPmf: bgNbdConditionalPmf(s, fit.bgNbd.params, H, { mass: 1 - 1e-12 }),
        p: fit.gammaGamma.params.p,
        shape: post.shape,
        rate: post.rate * m,
      };
      let m1 = 0;
      let m2 = 0;
      const step = 0.2;
      let prev = 1 - spendCdf(dist, 0);
      for (let v = step; v <= 4000; v += step) {
        const surv = 1 - spendCdf(dist, v);
        m1 += ((prev + surv) / 2) * step;
        m2 += ((2 * (v - step) * prev + 2 * v * surv) / 2) * step;
        prev = surv;
      }
      expect(pf.total).toBeCloseTo(m1, 1);
      const sd = (pf.high - pf.total) / normalQuantile(0.9);
      expect(sd).toBeCloseTo(Math.sqrt(m2 - m1 * m1), 0);
    },
  );

  it("adds the model's own error as an independent relative error: sd^2 = sd_customers^2 + (e x total)^2", () => {
    const a = customer("a", 2, 30.43, 38.86, 35);
    const b = customer("b", 5, 36, 38, 20);
    const z = normalQuantile(0.9);
    const plain = portfolioForecast([a, b], fit, 13, 0.8, 1);
    const withError = portfolioForecast([a, b], fit, 13, 0.8, 1, 0.1);
    expect(withError.total).toBe(plain.total);
    expect(withError.weekly).toEqual(plain.weekly);
    const sdPlain = (plain.high - plain.total) / z;
    const sdError = (withError.high - withError.total) / z;
    expect(sdError ** 2).toBeCloseTo(sdPlain ** 2 + (0.1 * plain.total) ** 2, 6);
    expect(withError.high).toBeGreaterThan(plain.high);
    expect(portfolioForecast([a, b], fit, 13, 0.8, 1, 0)).toEqual(plain);
  });

  it("the portfolio's variance is the sum of the customers' (independent customers)", () => {
    const a = customer("a", 2, 30.43, 38.86, 35);
    const b = customer("b", 5, 36, 38, 20);
    const z = normalQuantile(0.9);
    const sd = (p: { total: number; high: number }): number => (p.high - p.total) / z;
    const both = portfolioForecast([a, b], fit, 13, 0.8, 1);
    const va = sd(portfolioForecast([a], fit, 13, 0.8, 1)) ** 2;
    const vb = sd(portfolioForecast([b], fit, 13, 0.8, 1)) ** 2;
    expect(sd(both) ** 2).toBeCloseTo(va + vb, 6);
    expect(both.recentWeekly).toBeCloseTo(4, 12); // 2 x 26 / 13
  });
});
