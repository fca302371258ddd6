/**
 * Property tests of the customer model (fast-check): more recent buying means a higher chance of
 * still buying; more history narrows the relative interval; results do not depend on the order of
 * the customers; intervals contain the expected value; expectations are non-negative; the
 * likelihoods are finite for any valid input.
 */
import fc from "fast-check";
import {
  bgNbdConditionalPmf,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  type BgNbdParams,
} from "../../src/engine/model/bg-nbd";
import { forecastCustomers, runCustomerModel } from "../../src/engine/model/customer-model";
import { recentValueTrend, type CustomerSummary } from "../../src/engine/model/customer-summary";
import { gammaGammaLogLikelihood } from "../../src/engine/model/gamma-gamma";
import { betaCdf } from "../../src/engine/model/special";
import {
  spendCdf,
  spendQuantile,
  type SpendDistribution,
} from "../../src/engine/model/spend-distribution";
import { PUBLISHED_CDNOW_FIT } from "./cdnow-files";

const FIT = PUBLISHED_CDNOW_FIT;

const bgParams = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
  a: fc.double({ min: 0.05, max: 5, noNaN: true }),
  b: fc.double({ min: 0.05, max: 10, noNaN: true }),
});

/** A valid summary: x repeat purchases, the last at t_x <= T (t_x = 0 when x = 0). */
const summaryArb = (id: string): fc.Arbitrary<CustomerSummary> =>
  fc
    .record({
      x: fc.integer({ min: 0, max: 40 }),
      T: fc.double({ min: 1, max: 80, noNaN: true }),
      txShare: fc.double({ min: 0, max: 1, noNaN: true }),
      value: fc.double({ min: 1, max: 500, noNaN: true }),
      recent: fc.double({ min: 0, max: 400, noNaN: true }),
    })
    .map(({ x, T, txShare, value, recent }) => ({
      customerId: id,
      x,
      tx: x === 0 ? 0 : T * txShare,
      T,
      meanRepeatValue: x === 0 ? 0 : value,
      firstValue: value,
      recentSpend: recent,
      recentWeekly: [],
    }));

describe("customer model properties", () => {
  it("a customer who buys every week is more likely alive than one silent for 20 weeks", () => {
    fc.assert(
      fc.property(bgParams, fc.integer({ min: 1, max: 60 }), (p: BgNbdParams, x) => {
        const T = x + 20;
        const weekly = bgNbdPAlive({ x, tx: T, T }, p);
        const silent = bgNbdPAlive({ x, tx: T - 20, T }, p);
        return weekly > silent;
      }),
    );
  });

  it("more history at the same weekly rate narrows the relative interval", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 10, max: 20 }),
        fc.double({ min: 10, max: 100, noNaN: true }),
        (rate, weeks, value) => {
          const make = (T: number): CustomerSummary => ({
            customerId: `c${T}`,
            x: Math.round(rate * T),
            tx: T,
            T,
            meanRepeatValue: value,
            firstValue: value,
            recentSpend: value * rate * 13,
            recentWeekly: [],
          });
          const [short, long] = forecastCustomers([make(weeks), make(3 * weeks)], FIT);
          // The interval's construction switches at P(no purchase) = 10% (below: equal 10% tails;
          // above: [0, 80% quantile]), so widths compare only within one construction.
          fc.pre(short.pNoPurchase >= 0.1 === long.pNoPurchase >= 0.1);
          const width = (f: typeof short): number =>
            (f.expectedSpendHigh - f.expectedSpendLow) / f.expectedSpendNext;
          return width(long) < width(short);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("forecasts are non-negative and the interval contains the expected spend", () => {
    fc.assert(
      fc.property(summaryArb("c"), (s) => {
        const [f] = forecastCustomers([s], FIT);
        expect(f.pNoPurchase).toBeCloseTo(bgNbdConditionalPmf(s, FIT.bgNbd.params, 13)[0], 12);
        return (
          f.pActive >= 0 &&
          f.pActive <= 1 &&
          f.pNoPurchase >= 1 - f.pActive - 1e-12 &&
          f.pNoPurchase <= 1 &&
          f.expectedPurchasesNext >= 0 &&
          f.expectedSpendNext >= 0 &&
          f.expectedSpendLow >= 0 &&
          f.expectedSpendLow <= f.expectedSpendNext &&
          f.expectedSpendNext <= f.expectedSpendHigh &&
          f.forecastShortfall >= 0 &&
          f.forecastShortfallShare >= 0 &&
          f.forecastShortfallShare <= 1 &&
          f.pLoss >= 0 &&
          f.pLoss <= 1
        );
      }),
      { numRuns: 60 },
    );
  });

  it("fit and forecasts do not depend on the order of the customers", () => {
    const ids = Array.from({ length: 25 }, (_, i) => `c${String(i).padStart(2, "0")}`);
    fc.assert(
      fc.property(
        fc.tuple(...ids.map((id) => summaryArb(id))),
        fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
        (customers, keys) => {
          // Two repeat customers with spend so the Gamma-Gamma fit has data.
          const all: CustomerSummary[] = [
            ...customers,
            { ...customers[0], customerId: "r1", x: 3, tx: 10, T: 20, meanRepeatValue: 30 },
            { ...customers[0], customerId: "r2", x: 5, tx: 18, T: 30, meanRepeatValue: 50 },
          ];
          const shuffled = all
            .map((c, i) => ({ c, k: keys[i % keys.length] * 100 + i }))
            .sort((u, v) => u.k - v.k)
            .map((e) => e.c);
          const options = { intervals: false };
          const a = runCustomerModel(all, options);
          const b = runCustomerModel(shuffled, options);
          expect(b.fit).toEqual(a.fit);
          expect(b.forecasts).toEqual(a.forecasts);
        },
      ),
      { numRuns: 10 },
    );
  });

  it("the log-likelihoods are finite for any valid input", () => {
    fc.assert(
      fc.property(bgParams, fc.array(summaryArb("c"), { minLength: 1, maxLength: 20 }), (p, ds) =>
        Number.isFinite(bgNbdLogLikelihood(ds, p)),
      ),
    );
    fc.assert(
      fc.property(
        fc.record({
          p: fc.double({ min: 0.1, max: 20, noNaN: true }),
          q: fc.double({ min: 0.1, max: 20, noNaN: true }),
          gamma: fc.double({ min: 0.1, max: 200, noNaN: true }),
        }),
        fc.array(
          fc.record({
            x: fc.integer({ min: 1, max: 50 }),
            zbar: fc.double({ min: 0.01, max: 5000, noNaN: true }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (p, ds) => Number.isFinite(gammaGammaLogLikelihood(ds, p)),
      ),
    );
  });

  it("betaCdf matches closed forms I_u(1, b) = 1 - (1-u)^b and I_u(a, 1) = u^a", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.2, max: 60, noNaN: true }),
        (u, s) => {
          expect(betaCdf(u, 1, s)).toBeCloseTo(1 - Math.pow(1 - u, s), 6);
          expect(betaCdf(u, s, 1)).toBeCloseTo(Math.pow(u, s), 6);
        },
      ),
    );
  });

  it("betaCdf is regularised: I_(1/2)(a, a) = 1/2 and I_u(a, b) = 1 - I_(1-u)(b, a)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.2, max: 200, noNaN: true }),
        fc.double({ min: 0.2, max: 200, noNaN: true }),
        (u, a, b) => {
          expect(betaCdf(0.5, a, a)).toBeCloseTo(0.5, 10);
          expect(betaCdf(u, a, b) + betaCdf(1 - u, b, a)).toBeCloseTo(1, 10);
        },
      ),
    );
  });

  it("the spend CDF equals the plain sum over k, and the quantile inverts it", () => {
    const distArb = fc
      .record({
        pmf: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }),
        p: fc.double({ min: 0.3, max: 12, noNaN: true }),
        shape: fc.double({ min: 1.5, max: 300, noNaN: true }),
        rate: fc.double({ min: 1, max: 5000, noNaN: true }),
      })
      .filter((d) => d.pmf.slice(1).some((v) => v > 1e-3))
      .map((d): SpendDistribution => {
        const sum = d.pmf.reduce((a, b) => a + b, 0);
        return { countPmf: d.pmf.map((v) => v / sum), p: d.p, shape: d.shape, rate: d.rate };
      });
    // A steep CDF fast-check found (all mass at 8 purchases, q = 113): the quantile must still
    // invert the CDF to 1e-8 (it stopped at 1.8e-8 before the loop checked the change of F).
    const steep: SpendDistribution = {
      countPmf: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
      p: 11.49282155769268,
      shape: 113.20375317502436,
      rate: 1,
    };
    expect(
      Math.abs(spendCdf(steep, spendQuantile(steep, 0.4856903600778086)) - 0.4856903600778086),
    ).toBeLessThan(1e-8);
    fc.assert(
      fc.property(distArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (dist, prob) => {
        const plain = (s: number): number =>
          dist.countPmf.reduce(
            (acc, pk, k) =>
              acc + (k === 0 ? pk : pk * betaCdf(s / (s + dist.rate), k * dist.p, dist.shape)),
            0,
          );
        for (const s of [0.1, 1, 10, 100].map((f) => f * dist.rate)) {
          expect(Math.abs(spendCdf(dist, s) - plain(s))).toBeLessThan(1e-9);
        }
        const q = spendQuantile(dist, prob);
        expect(spendCdf(dist, 0)).toBeCloseTo(dist.countPmf[0], 12);
        if (dist.countPmf[0] >= prob) return q === 0;
        return Math.abs(plain(q) - prob) < 1e-8;
      }),
      { numRuns: 200 },
    );
  });

  it("recentValueTrend: recent mean repeat value / all repeat values, first purchases and later days ignored", () => {
    const tx = [
      { customerId: "a", date: "1997-01-01", amount: 1000 }, // first purchase: ignored
      { customerId: "a", date: "1997-02-01", amount: 20 },
      { customerId: "a", date: "1997-09-20", amount: 15 },
      { customerId: "a", date: "1997-09-20", amount: 25 }, // same day: one repeat of 40
      { customerId: "b", date: "1997-09-25", amount: 500 }, // first purchase in the window
      { customerId: "b", date: "1997-10-05", amount: 900 }, // after the as-of day
    ];
    // all repeats: 20, 40 (mean 30); recent (13 weeks to 1997-09-30): 40.
    expect(recentValueTrend(tx, "1997-09-30")).toBeCloseTo(40 / 30, 12);
    expect(recentValueTrend(tx.slice(0, 1), "1997-09-30")).toBe(1);
  });
});
