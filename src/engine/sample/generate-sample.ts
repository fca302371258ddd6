/**
 * Deterministic sample data that looks like a grocery chain's loyalty data: customers, weekly_sales
 * (one row per customer-week; `dense` also writes the no-spend weeks as 0 rows), store x SKU x week
 * stock, plus a `truth` table naming the behaviour planted in each customer with the root cause a
 * detector should name and whether it is a gap. Same options, same tables, always: no Math.random,
 * no clock.
 *
 * Planted scenarios (scenario-plan.ts; docs/QUALITY.md says what a detector can and cannot see):
 * - stable (about 70%): level spend, weekly noise CV 8-20%, annual seasonality 2-6%. Not a gap.
 * - demand_softness: from 5-9 weeks before the end, spend eases 30-55% down over 2-4 weeks and
 *   holds. Gap, root cause demand_softness.
 * - lapse: no spend in the last 3-8 weeks (zero rows, or for half of them no rows at all), at least
 *   two of them while the store is in stock. Gap, root cause behavioral_churn.
 * - stockout_dip: spend drops 45-85% in exactly the 2-3 of the last 4 weeks in which the store had
 *   at least half of its SKUs out. Gap, root cause operational_stockout.
 * - structural_decline: 3-5 sharp drop weeks (5-30% of the level) over the last 8-12 weeks, each
 *   followed by a permanent 8-20% step down, with volatile noise (CV 20-35%). Gap, root cause
 *   structural_decline.
 * - new (first purchase in the last 3 weeks) and growing (+20-60% over 8-12 weeks): not gaps.
 * Background minor stockouts (1-2 SKUs out, always under half the range) hit `backgroundStockouts`
 * of the other store-weeks (default 20%); they are noise a detector must not blame.
 */
import { RgoError } from "../errors";
import type { CellValue, RawTable } from "../input/raw-table";
import { deriveSeed, Random } from "./random";
import { generateStock, type StockMeasure } from "./sample-stock";
import {
  drawPlan,
  EXPECTED_ROOT_CAUSE,
  isGapScenario,
  scenarioFactor,
  type CustomerPlan,
} from "./scenario-plan";

export interface SampleOptions {
  customers: number;
  weeks: number;
  seed: number;
  /** ISO date of the first week's Saturday; default "2025-01-04". */
  startDate?: string;
  /** Number of stores; default max(2, floor(customers / 500)). */
  stores?: number;
  /** SKUs per store in the stock table; default 15. */
  skusPerStore?: number;
  /**
   * Write a row for every customer-week (0 where the sparse form has no row), so the table has
   * exactly customers x weeks rows; spend values are the same either way. Default false.
   */
  dense?: boolean;
  /** Share (0..0.6) of store-weeks with 1-2 SKUs out (background minor stockouts); default 0.2. */
  backgroundStockouts?: number;
  /**
   * Stock table columns: "on_hand" (default: on_hand_units, on_order_units, avg_weekly_demand),
   * "stockout_days" (stockout_days 0-7 per SKU-week) or "in_stock_rate" (0..1 per SKU-week).
   */
  stockMeasure?: StockMeasure;
}

/** One planted customer, for tests and evaluations (the `truth` table says the same in words). */
export interface PlantedCustomer extends CustomerPlan {
  customerId: string;
  storeId: number;
}

export interface Sample {
  /** "customers", "weekly_sales", "stock", in that order. */
  tables: RawTable[];
  /**
   * Table "truth": customer_id, scenario, detail, expected_root_cause (demand_softness /
   * behavioral_churn / operational_stockout / structural_decline / none), is_gap (one row per
   * customer, same order as customers).
   */
  truth: RawTable;
  /** The same plans in structured form, one per customer in customer order. */
  planted: PlantedCustomer[];
  /** Per store (same order as store ids 101, 102, ...): the week indexes of planted heavy stockouts. */
  heavyStockoutWeeks: number[][];
}

/** Regions stores belong to (store i is in REGIONS[i % REGIONS.length]). */
export const REGIONS = ["North", "South", "East", "West", "Central"];

const STREAM_CUSTOMER = 1;
const STREAM_STORE = 2;
const DAY_MS = 86_400_000;
const HOUSEHOLD_WEIGHTS = [0.28, 0.34, 0.15, 0.13, 0.06, 0.04];

/** Store id for 0-based store index s: 101, 102, ... */
export function storeIdOf(s: number): number {
  return 101 + s;
}

/** Customer id for 0-based index i: "C00001". */
export function customerIdOf(i: number): string {
  return `C${String(i + 1).padStart(5, "0")}`;
}

function bad(message: string): RgoError {
  return new RgoError("input", "bad-sample-options", message);
}

function wholeIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw bad(`sample option ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function parseStart(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const d = new Date(ms);
  if (!m || Number.isNaN(ms) || d.toISOString().slice(0, 10) !== text || d.getUTCDay() !== 6) {
    throw bad(
      `sample option startDate must be an ISO date (YYYY-MM-DD) of a Saturday, got "${text}"`,
    );
  }
  return ms;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function money(x: number): string {
  return `$${x.toFixed(2)}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function describe(p: CustomerPlan, weekDates: readonly Date[], storeId: number): string {
  const weeks = weekDates.length;
  const at = (w: number): string => isoDay(weekDates[w]);
  const base = `base ${money(p.baseSpend)}/week, noise ${pct(p.noiseCv)}`;
  switch (p.scenario) {
    case "stable":
      return `steady spend, ${base}`;
    case "demand_softness":
      return `spend eases down ${pct(p.magnitude)} over ${p.rampWeeks} weeks from ${at(p.startWeek)} and holds (last ${weeks - p.startWeek} weeks); ${base}`;
    case "growing":
      return `spend grows ${pct(p.magnitude)} over the last ${weeks - p.startWeek} weeks (from ${at(p.startWeek)}); ${base}`;
    case "lapse":
      return `no spend from ${at(p.startWeek)} (last ${weeks - p.startWeek} weeks), ${p.sparse ? "no sales rows for those weeks (sparse)" : "zero-spend rows"}; ${base}`;
    case "stockout_dip": {
      const dips = p.eventWeeks.map((w, i) => `${at(w)} -${pct(p.eventFactors[i])}`).join(", ");
      return `store ${storeId} had half or more SKUs out of stock and spend dropped in exactly those weeks: ${dips}; ${base}`;
    }
    case "structural_decline": {
      const drops = p.eventWeeks.map((w) => at(w)).join(", ");
      return `volatile with ${p.eventWeeks.length} sharp drops (${drops}), level down ${pct(p.magnitude)} since ${at(p.startWeek)}; ${base}`;
    }
    case "new":
      return `new customer, first purchase ${at(p.firstWeek)}; ${base}`;
  }
}

/** Generates the sample. Throws RgoError (kind "input", code "bad-sample-options") on bad options. */
export function generateSample(options: SampleOptions): Sample {
  const customers = wholeIn("customers", options.customers, 0, 5_000_000);
  const weeks = wholeIn("weeks", options.weeks, 1, 1040);
  const seed = options.seed;
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw bad(`sample option seed must be a finite number, got ${String(seed)}`);
  }
  const storeCount = wholeIn(
    "stores",
    options.stores ?? Math.max(2, Math.floor(customers / 500)),
    1,
    100_000,
  );
  const skusPerStore = wholeIn("skusPerStore", options.skusPerStore ?? 15, 1, 1000);
  const startMs = parseStart(options.startDate ?? "2025-01-04");
  const background = options.backgroundStockouts ?? 0.2;
  if (typeof background !== "number" || !(background >= 0 && background <= 0.6)) {
    throw bad(`sample option backgroundStockouts must be a share from 0 to 0.6, got ${background}`);
  }
  const stockMeasure = options.stockMeasure ?? "on_hand";
  if (!["on_hand", "stockout_days", "in_stock_rate"].includes(stockMeasure)) {
    throw bad(
      `sample option stockMeasure must be on_hand, stockout_days or in_stock_rate, got "${String(stockMeasure)}"`,
    );
  }

  // One shared Date per week (treat as immutable): keeps a million-row table small.
  const weekDates: Date[] = [];
  const season = new Float64Array(weeks);
  for (let w = 0; w < weeks; w++) {
    const d = new Date(startMs + w * 7 * DAY_MS);
    weekDates.push(d);
    const dayOfYear = (d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
    // Mild annual cycle peaking just before Christmas.
    season[w] = Math.cos((2 * Math.PI * (dayOfYear - 355)) / 365.25);
  }

  // Candidate heavy-stockout weeks per store (2-3 of the last 4); planted only where a stockout-dip
  // customer shops.
  const storeIds: number[] = [];
  const candidateDips: number[][] = [];
  for (let s = 0; s < storeCount; s++) {
    storeIds.push(storeIdOf(s));
    const rng = new Random(deriveSeed(seed, STREAM_STORE, s));
    candidateDips.push(weeks >= 8 ? rng.distinctInts(weeks - 4, weeks - 1, rng.int(2, 3)) : []);
  }
  const storeHasDip = new Uint8Array(storeCount);

  const customerRows: CellValue[][] = [];
  const salesRows: CellValue[][] = [];
  const truthRows: CellValue[][] = [];
  const planted: PlantedCustomer[] = [];
  for (let c = 0; c < customers; c++) {
    const rng = new Random(deriveSeed(seed, STREAM_CUSTOMER, c));
    const id = customerIdOf(c);
    const age = Math.min(85, Math.max(18, Math.round(rng.normal(47, 16))));
    const household = 1 + rng.weighted(HOUSEHOLD_WEIGHTS);
    const loyalty = rng.chance(0.62);
    const s = rng.int(0, storeCount - 1);
    const storeId = storeIds[s];
    customerRows.push([id, age, household, loyalty, REGIONS[s % REGIONS.length], storeId]);

    const plan = drawPlan(rng, weeks, household, candidateDips[s]);
    if (plan.scenario === "stockout_dip") storeHasDip[s] = 1;
    const cv = plan.noiseCv;
    const lo = 1 - 2 * cv;
    const hi = 1 + 2 * cv;
    const sharpDrops = plan.scenario === "structural_decline";
    for (let w = 0; w < weeks; w++) {
      const factor = scenarioFactor(plan, w, weeks);
      if (Number.isNaN(factor)) {
        if (options.dense === true) salesRows.push([id, weekDates[w], 0, storeId]);
        continue;
      }
      let noise = 1 + cv * rng.normal();
      noise = noise < lo ? lo : noise > hi ? hi : noise;
      // A structural drop week is a real drop: noise may deepen it, never hide it.
      if (sharpDrops && noise > 1 && plan.eventWeeks.includes(w)) noise = 1;
      const raw = plan.baseSpend * (1 + plan.seasonAmplitude * season[w]) * factor * noise;
      const spend = raw > 0 ? Math.round(raw * 100) / 100 : 0;
      salesRows.push([id, weekDates[w], spend, storeId]);
    }
    truthRows.push([
      id,
      plan.scenario,
      describe(plan, weekDates, storeId),
      EXPECTED_ROOT_CAUSE[plan.scenario],
      isGapScenario(plan.scenario),
    ]);
    planted.push({ ...plan, customerId: id, storeId });
  }

  const heavyStockoutWeeks = candidateDips.map((d, s) => (storeHasDip[s] === 1 ? d : []));
  const table = (name: string, header: string[], rows: CellValue[][]): RawTable => ({
    name,
    origin: "sample",
    header,
    rows,
    headerRow: 1,
    firstColumn: 1,
  });
  return {
    tables: [
      table(
        "customers",
        ["customer_id", "age", "household_size", "loyalty_member", "region", "store_id"],
        customerRows,
      ),
      table(
        "weekly_sales",
        ["customer_id", "week_start_date", "weekly_spend", "store_id"],
        salesRows,
      ),
      generateStock(seed, storeIds, skusPerStore, weekDates, heavyStockoutWeeks, {
        background,
        measure: stockMeasure,
      }),
    ],
    truth: table(
      "truth",
      ["customer_id", "scenario", "detail", "expected_root_cause", "is_gap"],
      truthRows,
    ),
    planted,
    heavyStockoutWeeks,
  };
}
