/**
 * The published CDNOW figures. BG/NBD on the 2,357-customer sample summary (Fader, Hardie & Lee
 * 2005, Marketing Science): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9,582.4.
 * Gamma-Gamma on the sample's 946 repeat customers (Fader, Hardie & Lee 2005, JMR; the "Gamma-Gamma
 * spend model" note): p = 6.25, q = 3.74, gamma = 15.44, LL = -4,055.9, mean repeat value $35.08,
 * computed here from the raw sample rows (calibration 1997-01-01..1997-09-30, same-day purchases
 * summed, first purchase excluded).
 */
import fs from "node:fs";
import {
  bgNbdConditionalExpected,
  bgNbdConditionalPmf,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
} from "../../src/engine/model/bg-nbd";
import { buildCustomerSummaries, type Transaction } from "../../src/engine/model/customer-summary";
import { fitGammaGamma, gammaGammaConditionalMean } from "../../src/engine/model/gamma-gamma";
import { cdnowFile } from "./cdnow-files";

const sig3 = (v: number): number => Number(v.toPrecision(3));

const summary = fs
  .readFileSync(cdnowFile("cdnow_sample_summary.csv"), "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [, x, tx, T] = line.split(",").map(Number);
    return { x, tx, T };
  });

/** Raw sample rows: master id, sample id, YYYYMMDD, CDs, dollars. */
const sampleTransactions: Transaction[] = fs
  .readFileSync(cdnowFile("CDNOW_sample.txt"), "utf8")
  .trim()
  .split(/\r?\n/)
  .map((line) => {
    const [id, , ymd, , dollars] = line.trim().split(/\s+/);
    return {
      customerId: id,
      date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
      amount: Number(dollars),
    };
  });

describe("BG/NBD on the CDNOW sample summary", () => {
  const fit = fitBgNbd(summary);

  it("has the 2,357 customers", () => expect(summary).toHaveLength(2357));

  it("reproduces the published parameters and log-likelihood to 3 significant figures", () => {
    expect(fit.converged).toBe(true);
    expect(sig3(fit.params.r)).toBe(0.243);
    expect(sig3(fit.params.alpha)).toBe(4.41);
    expect(sig3(fit.params.a)).toBe(0.793);
    expect(sig3(fit.params.b)).toBe(2.43);
    expect(sig3(fit.logLikelihood)).toBe(-9580);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it("gives the published log-likelihood at the published parameters", () => {
    const ll = bgNbdLogLikelihood(summary, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    expect(ll).toBeCloseTo(-9582.4, 0);
  });

  it("gives the paper's example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks", () => {
    const d = { x: 2, tx: 30.43, T: 38.86 };
    expect(bgNbdConditionalExpected(d, fit.params, 39)).toBeCloseTo(1.226, 3);
    // The count distribution derived independently has the same mean and sums to 1.
    const pmf = bgNbdConditionalPmf(d, fit.params, 39);
    expect(pmf.reduce((s, q) => s + q, 0)).toBeCloseTo(1, 8);
    expect(pmf.reduce((s, q, k) => s + k * q, 0)).toBeCloseTo(1.226, 3);
    expect(bgNbdPAlive(d, fit.params)).toBeGreaterThan(0);
  });

  it("conditional pmf mean equals the closed-form expectation over the sample", () => {
    for (const d of summary.slice(0, 200)) {
      const pmf = bgNbdConditionalPmf(d, fit.params, 13);
      const mean = pmf.reduce((s, q, k) => s + k * q, 0);
      expect(mean).toBeCloseTo(bgNbdConditionalExpected(d, fit.params, 13), 5);
    }
  });
});

describe("Gamma-Gamma on the CDNOW sample's repeat customers", () => {
  const summaries = buildCustomerSummaries(sampleTransactions, "1997-09-30");
  const repeaters = summaries.filter((s) => s.x > 0);
  const data = repeaters.map((s) => ({ x: s.x, zbar: s.meanRepeatValue }));
  const fit = fitGammaGamma(data);

  it("builds the same (x, t_x, T) summaries as the published summary file", () => {
    expect(summaries).toHaveLength(2357);
    const published = [...summary].sort((u, v) => u.x - v.x || u.tx - v.tx || u.T - v.T);
    const ours = summaries
      .map((s) => ({ x: s.x, tx: Number(s.tx.toFixed(2)), T: Number(s.T.toFixed(2)) }))
      .sort((u, v) => u.x - v.x || u.tx - v.tx || u.T - v.T);
    expect(ours).toEqual(published);
  });

  it("has 946 repeat customers with mean repeat value $35.08", () => {
    expect(repeaters).toHaveLength(946);
    const mean = data.reduce((s, d) => s + d.zbar, 0) / data.length;
    expect(mean).toBeCloseTo(35.08, 2);
  });

  it("reproduces p = 6.25, q = 3.74, gamma = 15.44 and LL = -4,055.9 to 3 significant figures", () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(sig3(fit.params.p)).toBe(6.25);
    expect(sig3(fit.params.q)).toBe(3.74);
    expect(sig3(fit.params.gamma)).toBe(15.4);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9, 1);
  });

  it("shrinks a one-off huge mean toward the population mean", () => {
    const population = (fit.params.p * fit.params.gamma) / (fit.params.q - 1);
    const huge = gammaGammaConditionalMean({ x: 1, zbar: 1000 }, fit.params);
    expect(huge).toBeLessThan(1000);
    expect(huge).toBeGreaterThan(population);
    // More transactions at the same mean: less shrinkage.
    expect(gammaGammaConditionalMean({ x: 10, zbar: 1000 }, fit.params)).toBeGreaterThan(huge);
    expect(gammaGammaConditionalMean({ x: 0, zbar: 0 }, fit.params)).toBeCloseTo(population, 10);
  });
});
