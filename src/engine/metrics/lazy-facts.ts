/**
 * Facts computed when they are read (issue 14). The metrics stage leaves the stockout-robust facts
 * and the purchase rhythm (and `expectedRaw`) to be computed on demand, block by block of
 * customers: a run that reads them only in the records of the customers it explains (a `--json`
 * summary: a few dozen rows) computes them for those customers' blocks only; one that reads a
 * whole column (rules on those facts, the gap method that uses the expected level, the customer
 * model, RGO Customers) computes them all first.
 *
 * How each is read:
 * - `m.numeric.<fact>` and `m.expectedRaw` are own, enumerable accessors: reading one computes
 *   every block still left, then gives the column (so any reader sees the eager stage's values);
 * - `lazyFactsOf(m)` gives the record writers (customer-facts-record.ts) the raw columns and
 *   `ensure(k)`, which computes run position k's block first.
 *
 * A block's values are the eager stage's: the same passes over the same block of customers,
 * reading only the dataset, the windows and columns written before (no stage changes them), then
 * rounded by the same rule, value by value.
 */
import type { CustomerMetrics, NumericMetric } from "./customer-metrics";

/** What the record writers use: the raw columns, and the block computing. */
export interface LazyFacts {
  /** Every fact column, the deferred ones as their plain arrays (read them after `ensure`). */
  readonly raw: Readonly<Record<NumericMetric, Float64Array>>;
  /** Computes the deferred facts of run position k's block, unless done. */
  ensure(k: number): void;
  /** Blocks not computed yet (for tests and diagnostics). */
  pending(): number;
}

const registry = new WeakMap<CustomerMetrics, LazyFacts>();

/** The deferred facts of `m`, or undefined when the stage computed them all. */
export function lazyFactsOf(m: CustomerMetrics): LazyFacts | undefined {
  return registry.get(m);
}

/**
 * Defers `names` of `m.numeric` (not yet defined on it) and `m.expectedRaw` (not yet defined on
 * it): their arrays are `raw`'s and `expectedRaw`, `fillBlock(k0, k1)` computes run positions
 * [k0, k1) of them (the blocks are `block` positions long).
 */
export function deferFacts(
  m: CustomerMetrics,
  raw: Readonly<Record<NumericMetric, Float64Array>>,
  names: readonly NumericMetric[],
  expectedRaw: Float64Array,
  block: number,
  fillBlock: (k0: number, k1: number) => void,
): void {
  const blocks = Math.ceil(m.count / block);
  const done = new Uint8Array(blocks);
  let left = blocks;
  const fill = (b: number): void => {
    if (done[b] === 1) return;
    done[b] = 1;
    left--;
    fillBlock(b * block, Math.min(m.count, (b + 1) * block));
  };
  const all = (): void => {
    for (let b = 0; left > 0 && b < blocks; b++) fill(b);
  };
  for (const name of names)
    Object.defineProperty(m.numeric, name, {
      enumerable: true,
      get(): Float64Array {
        all();
        return raw[name];
      },
    });
  Object.defineProperty(m, "expectedRaw", {
    enumerable: true,
    get(): Float64Array {
      all();
      return expectedRaw;
    },
  });
  registry.set(m, {
    raw,
    ensure: (k) => fill(Math.floor(k / block)),
    pending: () => left,
  });
}
