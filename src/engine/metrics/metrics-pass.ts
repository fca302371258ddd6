/**
 * What the metrics stage's passes read and write, made once per run (compute-metrics.ts). Each
 * pass (spend-facts-pass.ts, robust-facts-pass.ts, purchase-rhythm-pass.ts,
 * customer-attributes-pass.ts) is a small function with one loop over a block of run positions
 * [k0, k1): V8 compiles each on its own, early and quickly, where the one function that measured a
 * whole customer (with the robust facts, spike cap and rhythm inlined) took 22-29 ms of
 * background compile while the customer loop ran in baseline code (issue 14, metrics phases).
 * What a later pass needs from an earlier one it reads from the columns already written, so
 * every value is the one the single function computed.
 */
import type { Customers } from "../input/dataset";
import type { AttributionParameters, WindowParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { CustomerMetrics, NumericMetric } from "./customer-metrics";
import type { PurchaseRhythm } from "./purchase-rhythm";
import type { RobustFacts } from "./robust-facts";

export interface MetricsPass {
  customers: Customers;
  storeIds: readonly string[];
  windows: WindowParameters;
  r: Rounder;
  attr: AttributionParameters;
  /** Weeks in the calendar (the spend matrix's width). */
  W: number;
  spend: Float64Array;
  salesStore: Int32Array;
  /**
   * The baseline window [bStart[n], bEnd[n]) of a customer with n observed weeks (n = 0..W), as
   * baselineWindow gives it (doubles: a window is never truncated to an integer on the way).
   */
  bStart: Float64Array;
  bEnd: Float64Array;
  hasStock: boolean;
  skusOut: ArrayLike<number>;
  outShare: Float64Array;
  /** The out share of observed week i of the customer being measured. */
  shares: Float64Array;
  rf: RobustFacts;
  rhythm: PurchaseRhythm;
  /** The stage's output, filled block by block. */
  m: CustomerMetrics;
  /**
   * Every fact column as a plain array (the deferred ones too: lazy-facts.ts), and the unrounded
   * expected level: what the robust and rhythm passes write, never through `m`'s accessors.
   */
  raw: Record<NumericMetric, Float64Array>;
  expectedRaw: Float64Array;
}
