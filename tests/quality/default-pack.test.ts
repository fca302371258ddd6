/**
 * The default pack on hand-made customers: lifecycle (a customer first seen three weeks ago is
 * new, never a gap), materiality (ordinary noise is not a gap; a material drop is), the
 * expected-shortfall gap figures, and stockout attribution with the share explained.
 */
import { analyze } from "../../src/engine/pipeline/analyze";
import { GAP_METHODS_BY_NAME } from "../../src/engine/parameters/gap-methods";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { makeDataset } from "../engine/make-dataset";

const checked = validatePack(BUILTIN_PACKS.default, RGO_REGISTRY);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const pack = checked.pack;

const noisy = (level: number, weeks: number): number[] =>
  Array.from({ length: weeks }, (_, w) => level * (1 + 0.1 * Math.sin(w * 1.7)));

describe("default pack on hand-made customers", () => {
  // 20 weeks; store 0 has half its range out in weeks 17 and 18 (see stockout below).
  const steady = noisy(100, 20);
  const dropped = [...noisy(100, 14), 60, 62, 58, 61, 59, 60];
  const dip = [...noisy(100, 17), 30, 35, 101];
  const customers = [
    { id: "new", spend: [120, 40, 35], store: 0 },
    { id: "steady", spend: steady, store: 0 },
    { id: "dropped", spend: dropped, store: 0 },
    { id: "dip", spend: dip, store: 0 },
    { id: "lapsed", spend: [...noisy(80, 16), 0, 0, 0, 0], store: 0 },
  ];
  const ds = makeDataset(customers, [[17, 18]]);
  const run = analyze(ds, pack, { runAt: new Date("2025-01-01T00:00:00Z") });

  it("calls a customer first seen three weeks ago new, not declining", async () => {
    const r = await run;
    const c = r.customers.find((x) => x.customerId === "new");
    expect(c?.facts.lifecycle).toBe("new");
    expect(c?.gapCount).toBe(0);
  });

  it("does not flag ordinary noise; flags a material 40% drop as demand softness", async () => {
    const r = await run;
    const by = new Map(r.customers.map((c) => [c.customerId, c]));
    expect(by.get("steady")?.gapCount).toBe(0);
    expect(by.get("dropped")?.gapCount).toBe(1);
    expect(by.get("dropped")?.rootCause).toBe("demand_softness");
    const row = r.gaps.find((g) => g.customerId === "dropped");
    const f = by.get("dropped")?.facts ?? {};
    // Gap figures come from expectedAvg and currentAvg (expected-shortfall method).
    expect(row?.expected).toBeCloseTo(Number(f.expectedAvg), 2);
    expect(row?.gapAmount).toBe(f.revenueAtRisk);
    expect(row?.gapAmount).toBeCloseTo(Number(f.expectedAvg) - Number(f.currentAvg), 2);
  });

  it("attributes a dip in the store's stockout weeks to the stockout, with the share explained", async () => {
    const r = await run;
    const c = r.customers.find((x) => x.customerId === "dip");
    expect(c?.gapCount).toBe(1);
    expect(c?.rootCause).toBe("operational_stockout");
    expect(c?.facts.stockoutWeeksCurrent).toBe(2);
    expect(Number(c?.facts.stockoutExplainedShare)).toBeGreaterThan(0.9);
  });

  it("calls zero spend while the store is in stock behavioural churn, and the customer lapsing", async () => {
    const r = await run;
    const c = r.customers.find((x) => x.customerId === "lapsed");
    expect(c?.gapCount).toBe(1);
    expect(c?.rootCause).toBe("behavioral_churn");
    expect(c?.facts.lifecycle).toBe("lapsing");
    expect(c?.facts.trailingZeroWeeks).toBe(4);
    // Weeks 16-19 are zero; 17 and 18 were stockout weeks, so 16 and 19 count.
    expect(c?.facts.trailingZeroInStockWeeks).toBe(2);
  });
});

describe("expected-shortfall gap method", () => {
  const m = GAP_METHODS_BY_NAME.get("expected-shortfall");
  const r = makeRounder("cents");
  const base = {
    baselineAvg: 90,
    currentAvg: 60,
    baselineRaw: 90,
    currentRaw: 60.004,
    trendPct: -33.33,
    zeroWeeksCurrent: 1,
  };

  it("measures against expectedAvg, rounding the amount once", () => {
    const f = m?.compute({ ...base, expectedRaw: 100.006 }, r);
    expect(f?.expected).toBeCloseTo(100.006, 10);
    expect(f?.amount).toBe(40); // 40.002 rounded once
    expect(f?.pct).toBeCloseTo((-40.002 / 100.006) * 100, 10);
    expect(f?.weeksAtRisk).toBe(1);
  });

  it("falls back to the baseline without an expected average, and is 0 above expected", () => {
    expect(m?.compute(base, r).expected).toBe(90);
    const up = m?.compute({ ...base, expectedRaw: 50 }, r);
    expect(up?.amount).toBe(0);
    expect(up?.pct).toBeCloseTo(20.008, 10);
  });
});
