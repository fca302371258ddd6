/**
 * The default pack on the real CDNOW purchase log (23,570 customers who first bought in Q1 1997,
 * every purchase to June 1998; sparse: most customers buy a few times a year). Every check is made
 * against the raw CSV, read and bucketed into Monday weeks here, not against the engine's facts:
 * no input errors; every gap has at least the pack's $3/week money floor at risk, equal to the
 * baseline window's mean weekly spend (one-off spikes clipped, recomputed here) minus the current
 * window's; customer 20316's $407 week is such a spike; every behavioural-churn gap
 * customer last bought before a silence of 2+ weeks and had spend in the baseline window; customers
 * with no purchase in the last 18 weeks are lapsed, never gaps; the share flagged is plausible.
 *
 * Default 3.0 (issue 9): the data ends on Tuesday 1998-06-30, so the last Monday week holds 2 of
 * 7 days; it is left out (an info issue) and the analysis ends with week 78. The current-gap
 * checks above are made on the current-gap rows (revenue_gap); the model's expected_shortfall rows
 * are checked against the CSV's own last-13-week spend (recent run-rate) and the rule's thresholds.
 */
import fs from "node:fs";
import path from "node:path";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { analyze } from "../../src/engine/pipeline/analyze";
import type { AnalysisResult } from "../../src/engine/analysis-result";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";
import type { Issue } from "../../src/engine/issue";

const FILE = path.resolve(__dirname, "../../../shared/data/real/cdnow/cdnow_master.csv");
const MONEY_FLOOR = 3; // the default pack's revenueAtRisk floor ($/week)
const BASELINE_WEEKS = 12;
const CURRENT_WEEKS = 6;
const SPIKE_K = 3; // attribution.spikeClipK
const SPIKE_MIN_WEEKS = 6; // attribution.spikeMinWeeks
const NOISE_FLOOR_CV = 0.05; // attribution.noiseFloorCv

const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Expected weekly spend of a baseline (dollars per week, empty weeks included): the mean after
 * clipping purchases above median + 3 x 1.4826 x MAD of the purchases (at least 5% of the median),
 * when there are 6+ purchases; CDNOW has no stock table, so every week is comparable.
 */
function robustExpected(weekly: number[]): number {
  const buys = weekly.filter((v) => v > 0);
  let cap = Infinity;
  if (buys.length >= SPIKE_MIN_WEEKS) {
    const med = medianOf(buys);
    const mad = medianOf(buys.map((v) => Math.abs(v - med)));
    cap = med + SPIKE_K * Math.max(1.4826 * mad, NOISE_FLOOR_CV * med);
  }
  return weekly.reduce((s, v) => s + Math.min(v, cap), 0) / weekly.length;
}

/** Raw CSV -> per-customer weekly spend in cents over Monday weeks (independent of the engine). */
function weeklyFromCsv(text: string): { weeks: number; spend: Map<string, Map<number, number>> } {
  const byCustomer = new Map<string, Map<number, number>>();
  let minWeek = Infinity;
  let maxWeek = -Infinity;
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (line.trim() === "") continue;
    const [id, date, , value] = line.split(",");
    const [y, m, d] = date.split("-").map(Number);
    const day = Date.UTC(y, m - 1, d) / 86_400_000;
    const week = Math.floor((day + 3) / 7); // 1970-01-01 was a Thursday: weeks start on Monday
    minWeek = Math.min(minWeek, week);
    maxWeek = Math.max(maxWeek, week);
    const weeks = byCustomer.get(id) ?? new Map<number, number>();
    weeks.set(week, (weeks.get(week) ?? 0) + Math.round(Number(value) * 100));
    byCustomer.set(id, weeks);
  }
  const spend = new Map<string, Map<number, number>>();
  for (const [id, weeks] of byCustomer) {
    const rel = new Map<number, number>();
    for (const [w, cents] of weeks) rel.set(w - minWeek, cents);
    spend.set(id, rel);
  }
  return { weeks: maxWeek - minWeek + 1, spend };
}

describe("default pack on the CDNOW purchase log", () => {
  const text = fs.readFileSync(FILE, "utf8");
  const raw = weeklyFromCsv(text);
  // The last Monday week (1998-06-29..) holds two days of data and is left out.
  const W = raw.weeks - 1;
  const base0 = W - CURRENT_WEEKS - BASELINE_WEEKS;
  const cur0 = W - CURRENT_WEEKS;
  /** Cents spent by a customer in calendar weeks [from, to), and the weeks with a purchase. */
  const window = (id: string, from: number, to: number) => {
    let cents = 0;
    let buys = 0;
    for (const [w, c] of raw.spend.get(id) ?? []) {
      if (w < from || w >= to) continue;
      cents += c;
      if (c > 0) buys++;
    }
    return { cents, buys };
  };
  /** Dollars spent by a customer in each calendar week of [from, to). */
  const weekly = (id: string, from: number, to: number): number[] => {
    const m = raw.spend.get(id) ?? new Map<number, number>();
    return Array.from({ length: to - from }, (_, i) => (m.get(from + i) ?? 0) / 100);
  };
  const lastPurchase = (id: string): number =>
    Math.max(-1, ...[...(raw.spend.get(id) ?? [])].filter(([, c]) => c > 0).map(([w]) => w));

  let result: AnalysisResult;
  let issues: Issue[];
  beforeAll(async () => {
    const checked = validatePack(BUILTIN_PACKS.default, RGO_REGISTRY);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const built = buildDataset({
      source: FILE,
      tables: [csvTextToTable("cdnow_master.csv", text)],
    });
    issues = built.issues;
    result = await analyze(built.dataset, checked.pack, {
      runAt: new Date("2026-01-01T00:00:00Z"),
    });
  }, 240_000);

  /** Customers with a current-gap (revenue_gap) row, and that row. */
  const currentGaps = () =>
    result.gaps
      .filter((g) => g.gapType === "revenue_gap")
      .map((g) => ({ g, c: result.customers[g.customerPosition] }));

  it("reads the whole log without errors (23,570 customers, 79 Monday weeks, the 2-day last one left out)", () => {
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.customers).toHaveLength(23_570);
    expect(raw.spend.size).toBe(23_570);
    expect(raw.weeks).toBe(79);
    expect(result.weeks).toBe(78);
    const partial = issues.filter((i) => i.message.includes("holds only 2 of 7 days"));
    expect(partial).toHaveLength(1);
    expect(partial[0].severity).toBe("info");
    expect(partial[0].message).toContain("1998-06-30");
  });

  it("every current gap has the money floor at risk: the spike-robust baseline mean minus the current mean, from the CSV", () => {
    const rows = currentGaps();
    expect(rows.length).toBeGreaterThan(0);
    for (const { g, c } of rows) {
      const expected = robustExpected(weekly(c.customerId, base0, cur0));
      const current = window(c.customerId, cur0, W).cents / 100 / CURRENT_WEEKS;
      expect(g.gapAmount).toBeGreaterThanOrEqual(MONEY_FLOOR);
      expect(g.gapAmount).toBeCloseTo(expected - current, 2);
    }
  });

  it("every expected-shortfall row: the recent run-rate is the CSV's last 13 weeks' spend, shortfall >= 55% and >= $5", () => {
    // The 13 weeks ending on Sunday 1998-06-28 (the last whole week), from the raw daily rows.
    const end = Date.UTC(1998, 5, 28) / 86_400_000;
    const recent = new Map<string, number>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      if (line.trim() === "") continue;
      const [id, date, , value] = line.split(",");
      const [y, m, d] = date.split("-").map(Number);
      const day = Date.UTC(y, m - 1, d) / 86_400_000;
      if (day > end - 91 && day <= end)
        recent.set(id, (recent.get(id) ?? 0) + Math.round(Number(value) * 100));
    }
    const rows = result.gaps.filter((g) => g.gapType === "expected_shortfall");
    expect(rows.length).toBeGreaterThan(500);
    for (const g of rows) {
      const f = result.customers[g.customerPosition].facts;
      expect(f.recentRunRate).toBeCloseTo((recent.get(g.customerId) ?? 0) / 100, 2);
      expect(Number(f.forecastShortfallShare)).toBeGreaterThanOrEqual(0.55);
      expect(Number(f.forecastShortfall)).toBeGreaterThanOrEqual(5);
      expect(Number(f.forecastShortfall)).toBeCloseTo(
        Number(f.recentRunRate) - Number(f.expectedSpendNext),
        1,
      );
      // A week's share of the 13-week shortfall, and the why says the 13-week figures in words.
      expect(g.gapAmount).toBeCloseTo(Number(f.forecastShortfall) / 13, 2);
      expect(g.why).toContain("over the next 13 weeks (80%: $");
      expect(g.why).toContain("at their recent rate");
    }
  });

  it("customer 20316: the one $407 week of the baseline is clipped, so $47.02/week is at risk, not $69.06", () => {
    // Baseline purchases 58.34 42.47 407.20 182.25 107.96 49.46 30.98 27.98 (8 of 12 weeks):
    // median 53.90, MAD 24.42, cap 53.90 + 3 x 1.4826 x 24.42 = 162.52; 407.20 and 182.25 are
    // clipped to it. Expected (58.34 + 42.47 + 2 x 162.52 + 107.96 + 49.46 + 30.98 + 27.98) / 12
    // = 53.52; current (9.99 + 12.99 + 15.99) / 6 = 6.495.
    const c = result.customers.find((x) => x.customerId === "20316");
    const g = result.gaps.find((x) => x.customerId === "20316" && x.gapType === "revenue_gap");
    expect(g?.gapAmount).toBe(47.02);
    expect(c?.facts.baselineSpikeWeeks).toBe(2);
    const plain = window("20316", base0, cur0).cents / 100 / BASELINE_WEEKS - 6.495;
    expect(plain).toBeCloseTo(69.06, 2);
  });

  it("every behavioural-churn gap follows spend in the baseline window with a 2+ week silence", () => {
    // Current-gap customers: their cause comes from the 2.2 cause rules (revenueAtRisk > 0 always
    // gives at least demand_softness, so the model-only cause rule never fires for them).
    const churn = currentGaps()
      .map(({ c }) => c)
      .filter((c) => c.rootCause === "behavioral_churn");
    expect(churn.length).toBeGreaterThan(0);
    for (const c of churn) {
      const last = lastPurchase(c.customerId);
      expect(last).toBeLessThanOrEqual(W - 3); // weeks W-2 and W-1 silent at least
      // The money at risk rests on more than one purchase in the baseline window.
      expect(window(c.customerId, base0, cur0).buys).toBeGreaterThanOrEqual(2);
    }
  });

  it("customers with no purchase in the last 18 weeks are lapsed: never gaps, not on the churn list", () => {
    let gone = 0;
    for (const c of result.customers) {
      const since = lastPurchase(c.customerId);
      if (since >= base0) continue;
      gone++;
      expect(c.facts.lifecycle).toBe("lapsed");
      expect(c.gapCount).toBe(0);
      expect(c.churnListed).toBe(false);
    }
    // SOURCE.md: a Q1-1997 cohort, most of whom never came back; 3,511 bought in the baseline
    // or later, counted here independently.
    expect(gone).toBeGreaterThan(19_000);
  });

  it("flags a plausible share of current gaps: a few regular buyers, at most 1% of the cohort", () => {
    // A gap needs material recent spend (2+ purchase weeks in the 12 baseline weeks, counted from
    // the CSV: about 1,200 customers, 5%) and, for churn, a silence unusual at the customer's
    // own purchase rate. The old pack flagged 98% of customers; 1% (236) is a generous ceiling for
    // a cohort most of whose members were already gone, and at least 5 are needed for the note.
    const regular = [...raw.spend.keys()].filter((id) => window(id, base0, cur0).buys >= 2);
    const flagged = currentGaps().map(({ c }) => c);
    // 1,204 (5.1%) with the windows ending at week 78 (the 2-day week 79 left out).
    expect(regular.length).toBeLessThan(0.06 * raw.spend.size);
    expect(flagged.length).toBeGreaterThanOrEqual(5);
    expect(flagged.length).toBeLessThanOrEqual(0.01 * raw.spend.size);
    for (const c of flagged) expect(regular).toContain(c.customerId);
  });
});
