/**
 * Purchase rhythm facts (purchaseWeeks, baselinePurchaseWeeks, purchaseIntervalWeeks, lapseRatio,
 * silenceProbability): hand-worked series, fast-check properties, and the default pack judging a
 * silence against the customer's own rhythm (a sparse buyer's usual pause is not churn, a weekly
 * buyer's is; a customer long gone is lapsed, not a gap and not on the churn list).
 */
import fc from "fast-check";
import { purchaseRhythm } from "../../src/engine/metrics/purchase-rhythm";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { makeDataset } from "../engine/make-dataset";

const rhythm = (dollars: number[], baseline: [number, number] = [0, 0], silent?: number) => {
  const cents = Float64Array.from(dollars, (d) => Math.round(d * 100));
  let trailing = 0;
  for (let i = cents.length - 1; i >= 0 && cents[i] === 0; i--) trailing++;
  return purchaseRhythm(cents, 0, cents.length, baseline, silent ?? trailing);
};

describe("purchaseRhythm, hand-worked", () => {
  it("a weekly buyer: interval 1, no silence", () => {
    const r = rhythm([10, 12, 9, 11], [0, 2]);
    expect(r).toEqual({
      purchaseWeeks: 4,
      baselinePurchaseWeeks: 2,
      purchaseIntervalWeeks: 1,
      lapseRatio: 0,
      silenceProbability: 1,
    });
  });

  it("purchases in weeks 0, 3, 5 of 9: median gap 2.5, silence of 3 weeks", () => {
    const r = rhythm([10, 0, 0, 10, 0, 10, 0, 0, 0], [2, 6]);
    expect(r.purchaseWeeks).toBe(3);
    expect(r.baselinePurchaseWeeks).toBe(2); // weeks 3 and 5
    expect(r.purchaseIntervalWeeks).toBe(2.5); // gaps 3, 2
    expect(r.lapseRatio).toBeCloseTo(3 / 2.5, 12);
    expect(r.silenceProbability).toBeCloseTo((2 / 3) ** 3, 12); // p = 3/9
  });

  it("odd number of gaps takes the middle one", () => {
    // Purchases in weeks 0, 1, 5, 13: gaps 1, 4, 8 -> median 4; trailing silence 2 weeks.
    const s = Array<number>(16).fill(0);
    for (const w of [0, 1, 5, 13]) s[w] = 20;
    const r = rhythm(s);
    expect(r.purchaseIntervalWeeks).toBe(4);
    expect(r.lapseRatio).toBe(0.5);
    expect(r.silenceProbability).toBeCloseTo((12 / 16) ** 2, 12);
  });

  it("one purchase: the interval is the weeks observed; none: 0", () => {
    const one = rhythm([20, 0, 0, 0]);
    expect(one.purchaseIntervalWeeks).toBe(4);
    expect(one.lapseRatio).toBe(0.75);
    expect(one.silenceProbability).toBeCloseTo(0.75 ** 3, 12);
    const none = rhythm([0, 0, 0]);
    expect(none).toEqual({
      purchaseWeeks: 0,
      baselinePurchaseWeeks: 0,
      purchaseIntervalWeeks: 0,
      lapseRatio: 0,
      silenceProbability: 1,
    });
    expect(purchaseRhythm(new Float64Array(0), 0, 0, [0, 0], 0).purchaseIntervalWeeks).toBe(0);
  });

  it("silent weeks in stockout weeks do not count as silence", () => {
    // 4 trailing zero weeks, only 1 of them in stock.
    const r = rhythm([10, 10, 10, 10, 0, 0, 0, 0], [0, 4], 1);
    expect(r.lapseRatio).toBe(4);
    expect(r.silenceProbability).toBeCloseTo(0.5, 12);
  });

  it("a refund week (negative spend) is neither a purchase nor a zero week", () => {
    const r = rhythm([10, 0, 10, -5]);
    expect(r.purchaseWeeks).toBe(2);
    expect(r.lapseRatio).toBe(0);
  });
});

describe("purchaseRhythm, properties", () => {
  const series = fc.array(
    fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50_000 })),
    { minLength: 1, maxLength: 60 },
  );

  it("counts, bounds and the lapse identity hold for any series", () => {
    fc.assert(
      fc.property(series, fc.nat(), fc.nat(), (s, a, b) => {
        const n = s.length;
        const b0 = a % n;
        const b1 = b0 + (b % (n - b0 + 1));
        const cents = Float64Array.from(s);
        let trailing = 0;
        for (let i = n - 1; i >= 0 && s[i] === 0; i--) trailing++;
        const r = purchaseRhythm(cents, 0, n, [b0, b1], trailing);
        const buys = s.filter((v) => v > 0).length;
        expect(r.purchaseWeeks).toBe(buys);
        expect(r.baselinePurchaseWeeks).toBe(s.slice(b0, b1).filter((v) => v > 0).length);
        expect(r.silenceProbability).toBeGreaterThanOrEqual(0);
        expect(r.silenceProbability).toBeLessThanOrEqual(1);
        if (buys >= 2) {
          expect(r.purchaseIntervalWeeks).toBeGreaterThanOrEqual(1);
          expect(r.purchaseIntervalWeeks).toBeLessThanOrEqual(n - 1);
        }
        if (r.purchaseIntervalWeeks > 0)
          expect(r.lapseRatio * r.purchaseIntervalWeeks).toBeCloseTo(trailing, 9);
        // A purchase in the last week means no silence.
        if (s[n - 1] > 0) expect(r.silenceProbability).toBe(1);
        // Spend amounts do not matter, only whether there was a purchase.
        const scaled = purchaseRhythm(
          Float64Array.from(s, (v) => v * 3),
          0,
          n,
          [b0, b1],
          trailing,
        );
        expect(scaled).toEqual(r);
      }),
    );
  });

  it("the interval is the median of the gaps as a sorted list gives it, call after call", () => {
    // Reference: the gaps between purchase weeks collected and sorted as plain numbers. Series up
    // to 300 weeks (the gaps' scratch space grows) and a short one after a long one (reused).
    const medianGap = (s: readonly number[]): number => {
      const weeks = s.flatMap((v, i) => (v > 0 ? [i] : []));
      const gaps = weeks.slice(1).map((w, k) => w - weeks[k]);
      if (gaps.length === 0) return weeks.length === 1 ? s.length : 0;
      gaps.sort((x, y) => x - y);
      const mid = gaps.length >>> 1;
      return gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
    };
    const longSeries = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })), {
      minLength: 1,
      maxLength: 300,
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(series, longSeries), { minLength: 1, maxLength: 4 }), (all) => {
        for (const s of all) {
          const r = purchaseRhythm(Float64Array.from(s), 0, s.length, [0, s.length], 0);
          expect(r.purchaseIntervalWeeks).toBe(medianGap(s));
        }
      }),
    );
  });

  it("a customer buying every k weeks has interval k and lapse ratio silence / k", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 20 }),
        (k, buys, silence) => {
          const s = [
            ...Array<number>((buys - 1) * k + 1).fill(0),
            ...Array<number>(silence).fill(0),
          ];
          for (let j = 0; j < buys; j++) s[j * k] = 1000;
          const r = purchaseRhythm(Float64Array.from(s), 0, s.length, [0, 0], silence);
          expect(r.purchaseIntervalWeeks).toBe(k);
          expect(r.lapseRatio).toBeCloseTo(silence / k, 12);
        },
      ),
    );
  });
});

describe("default pack: a silence judged against the customer's rhythm", () => {
  const checked = validatePack(BUILTIN_PACKS.default, RGO_REGISTRY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const W = 40;
  // Sparse buyer: $120 every 8 weeks (weeks 0, 8, ..., 32), silent for weeks 33-39 (7 weeks, less
  // than one usual interval): p = 5/40, silence probability (35/40)^7 = 0.39: not churn.
  const sparse = Array.from({ length: W }, (_, w) => (w % 8 === 0 && w <= 32 ? 120 : 0));
  // Weekly buyer silent for the last 4 weeks: p = 36/40, (0.1)^4: churn, $50/week at risk.
  const weekly = Array.from({ length: W }, (_, w) => (w < 36 ? 50 : 0));
  // Weekly buyer gone for the last 20 weeks (no spend in the baseline window): lapsed, no gap.
  const gone = Array.from({ length: W }, (_, w) => (w < 20 ? 50 : 0));
  const ds = makeDataset([
    { id: "sparse", spend: sparse },
    { id: "weekly", spend: weekly },
    { id: "gone", spend: gone },
  ]);
  const run = analyze(ds, checked.pack, { runAt: new Date("2025-01-01T00:00:00Z") });

  it("a sparse buyer's usual pause is not a gap nor churn", async () => {
    const c = (await run).customers.find((x) => x.customerId === "sparse");
    expect(c?.facts.purchaseIntervalWeeks).toBe(8);
    expect(Number(c?.facts.silenceProbability)).toBeCloseTo(0.875 ** 7, 4);
    expect(c?.gapCount).toBe(0);
    expect(c?.churnListed).toBe(false);
    expect(c?.facts.lifecycle).toBe("active");
  });

  it("a weekly buyer's 4-week silence is behavioural churn with the baseline spend at risk", async () => {
    const result = await run;
    const c = result.customers.find((x) => x.customerId === "weekly");
    expect(c?.gapCount).toBe(1);
    expect(c?.rootCause).toBe("behavioral_churn");
    expect(c?.revenueAtRisk).toBeCloseTo(50 - (2 * 50) / 6, 2); // current window: 2 x $50 of 6 weeks
    // Default 3.0's customer model cannot be fitted to three regular buyers (no spread of rates
    // for the BG/NBD to learn), so only the current-gap rules apply.
    expect(result.model?.summary).toBeNull();
    expect(result.model?.notFitted).toContain("degenerate");
    expect(c?.churnListed).toBe(true);
    expect(c?.facts.lifecycle).toBe("lapsing");
  });

  it("a customer long gone is lapsed: no gap, not on the churn list", async () => {
    const c = (await run).customers.find((x) => x.customerId === "gone");
    expect(c?.facts.baselinePurchaseWeeks).toBe(0);
    expect(c?.facts.lifecycle).toBe("lapsed");
    expect(c?.gapCount).toBe(0);
    expect(c?.churnListed).toBe(false);
  });
});
