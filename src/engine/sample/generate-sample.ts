/**
 * Deterministic sample data that looks like a grocery chain's loyalty data: customers, one
 * weekly_sales row per customer-week, store x SKU x week stock, plus a `truth` table naming the
 * behaviour planted in each customer (stable, demand softness, lapse, stockout dips, structural
 * decline, new, growing). Same options, same tables, always: no Math.random, no clock.
 */
import { RgoError } from "../errors";
import type { CellValue, RawTable } from "../../workbook/raw-table";
import { deriveSeed, Random } from "./random";
import { generateStock } from "./sample-stock";
import { drawPlan, scenarioFactor, type CustomerPlan } from "./scenario-plan";

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
}

/** One planted customer, for tests and evaluations (the `truth` table says the same in words). */
export interface PlantedCustomer extends CustomerPlan {
  customerId: string;
  storeId: number;
}

export interface Sample {
  /** "customers", "weekly_sales", "stock", in that order. */
  tables: RawTable[];
  /** Table "truth": customer_id, scenario, detail (one row per customer, same order as customers). */
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
      return `spend eases down ${pct(p.magnitude)} over the last ${weeks - p.startWeek} weeks (from ${at(p.startWeek)}); ${base}`;
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
    truthRows.push([id, plan.scenario, describe(plan, weekDates, storeId)]);
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
      generateStock(seed, storeIds, skusPerStore, weekDates, heavyStockoutWeeks),
    ],
    truth: table("truth", ["customer_id", "scenario", "detail"], truthRows),
    planted,
    heavyStockoutWeeks,
  };
}
