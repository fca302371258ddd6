/**
 * The typed, columnar form of the input that every later stage reads. Built once by the input
 * stage (src/engine/input) from RawTables; never mutated afterwards.
 *
 * Money is held in integer cents (stored in Float64Array, exact up to 2^53 cents), so sums are
 * exact. Presets that reproduce the original system's floating-point rounding convert cents back
 * to dollars (cents / 100 is the same double as parsing the 2-dp text).
 */

import type { PipelineInput } from "../sales-pipeline/deal";
import type { Period } from "./period";

/**
 * The calendar: a contiguous run of periods (weeks, or calendar months for monthly data, see
 * period.ts) from the first to the last period in the sales data. "Week" in the names of the
 * engine's fields (weeks, firstWeek, trailingZeroWeeks, ...) means one period of this calendar.
 */
export interface WeekCalendar {
  /** Period start as days since 1970-01-01 (UTC), ascending: 7 apart, or the 1st of each month. */
  startDays: Int32Array;
  /** Display label per period: ISO date of the week start ("2025-09-06"), "2025-W37" / "Week 12" when the input used those, or the month ("2024-03"). */
  labels: string[];
  /** The calendar's period; absent means weeks (calendars built before issue 11, hand-built ones). */
  period?: Period;
}

export interface Customers {
  count: number;
  /** Customer id as text (numbers are written without ".0": 12 -> "12"). */
  ids: string[];
  indexById: ReadonlyMap<string, number>;
  /** NaN when unknown. */
  age: Float64Array;
  /** NaN when unknown. */
  householdSize: Float64Array;
  /**
   * Band labels when the input gave age / household size as bands ("45-54", "65+", "5+"): the
   * label per customer (null where the value was a plain number or unknown); `age` /
   * `householdSize` then hold the band's lower bound, which orders the bands and is what numeric
   * rules compare. Absent when no value was a band.
   */
  ageBand?: (string | null)[];
  householdSizeBand?: (string | null)[];
  /** 1 member, 0 not a member, -1 unknown. */
  loyalty: Int8Array;
  /** Income band text per customer ("50-74K", "Under 15K"), null unknown; absent when the input has none. */
  income?: (string | null)[];
  /** Region / segment text from the customers sheet, or null. */
  segment: (string | null)[];
  /** Index into `stores.ids` of the customer's store (customers sheet, else most frequent store in sales), -1 unknown. */
  store: Int32Array;
  /** Input flag "is_high_value_customer" (sales or customers sheet): 1, 0, or -1 when the column is absent. */
  highValueFlag: Int8Array;
  /** Index of the first week with a sales row for the customer, -1 when the customer has no sales row. */
  firstWeek: Int32Array;
  /** Index of the last week with a sales row with revenue > 0, -1 when none. */
  lastPurchaseWeek: Int32Array;
}

export interface Sales {
  /** Weeks in the calendar (the matrix width). */
  weeks: number;
  /** Revenue in integer cents, customers x weeks, row-major: spend[c * weeks + w]. Missing week after firstWeek = 0. Before firstWeek = 0 too (see `firstWeek`). */
  spendCents: Float64Array;
  /** 1 where at least one sales row existed for that customer-week (sparse data leaves 0). */
  present: Uint8Array;
  /** Store index of the customer-week's sales rows (customers x weeks), -1 unknown. */
  store: Int32Array;
  /** Sales rows accepted (after skipping bad rows). */
  rowCount: number;
  /**
   * Daily data only (dates on several weekdays): the first and last day (days since 1970-01-01)
   * of the accepted sales rows, before any partial week was left out (partial-weeks.ts).
   */
  dayRange?: { first: number; last: number };
  /**
   * Daily data only: the accepted sales rows with their day, in input order (customer index, day
   * since 1970-01-01, revenue in integer cents), so the customer model can count purchase days.
   */
  purchases?: { customer: Int32Array; day: Int32Array; cents: Float64Array };
  /** Weeks at the end of the data left out because they held fewer days than a whole week. */
  partialWeeksDropped?: number;
}

export interface Stores {
  ids: string[];
  indexById: ReadonlyMap<string, number>;
}

/** Stock availability aggregated per store-week (stores x weeks, row-major). */
export interface Stock {
  /** Whether a stock table was supplied at all. */
  present: boolean;
  /** SKU rows seen for the store-week (0 = no stock data for that store-week). */
  skuCount: Int32Array;
  /** SKU rows out of stock (on hand 0, in-stock flag false, or stockout days > 0). */
  skusOut: Int32Array;
  /** Sum of stockout days over the SKUs (NaN when the sheet has no stockout-days measure). */
  stockoutDays: Float64Array;
  /** Mean in-stock rate 0..1 over the SKUs (1 - out share when only on-hand is known). */
  inStockRate: Float64Array;
  /** Which measure the sheet carried: "on_hand", "in_stock_flag", "stockout_days", "in_stock_rate". */
  measure: string;
  rowCount: number;
}

export interface Dataset {
  calendar: WeekCalendar;
  customers: Customers;
  sales: Sales;
  stores: Stores;
  stock: Stock;
  /** Deals and reps for the sales-pipeline module; absent when the input has no deals table. */
  pipeline?: PipelineInput;
  /** Input row counts as read (before skipping bad rows), for run metadata. */
  inputCounts: { customers: number; salesRows: number; stockRows: number };
}
