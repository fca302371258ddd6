/**
 * Facts computed when they are read (issue 14). The metrics stage leaves the stockout-robust facts
 * and the purchase rhythm (and `expectedRaw`) to be computed on demand: a run that reads them
 * only in the records of the customers it explains (a `--json` summary: a few dozen rows)
 * computes them for those customers only; one that reads a whole column (rules on those facts,
 * the gap method that uses the expected level, the customer model, RGO Customers) computes every
 * customer left first, in runs of at most 32 customers as the eager stage's blocks were.
 *
 * How each is read:
 * - `m.numeric.<fact>` and `m.expectedRaw` are own, enumerable accessors: reading one computes
 *   every customer still left, then gives the column (any reader sees the eager stage's values);
 * - `lazyFactsOf(m)` gives the record writers (customer-facts-record.ts) the raw columns and
 *   `ensure(k)`, which computes run position k's facts first.
 *
 * The values are the eager stage's: the same passes over the same customers (each customer's
 * facts depend on its own history only), reading only the dataset, the windows and columns
 * written before (no stage changes them), then rounded by the same rule, value by value.
 */
import type { CustomerMetrics, NumericMetric } from "./customer-metrics";

/** What the record writers use: the raw columns, and the computing of one customer's facts. */
export interface LazyFacts {
  /** Every fact column, the deferred ones as their plain arrays (read them after `ensure`). */
  readonly raw: Readonly<Record<NumericMetric, Float64Array>>;
  /** Computes the deferred facts of run position k, unless done. */
  ensure(k: number): void;
  /** Positions whose deferred facts are not computed yet (for tests and diagnostics). */
  pending(): number;
}

const registry = new WeakMap<CustomerMetrics, LazyFacts>();

/** The deferred facts of `m`, or undefined for metrics computeMetrics did not make. */
export function lazyFactsOf(m: CustomerMetrics): LazyFacts | undefined {
  return registry.get(m);
}

/**
 * Defers `names` of `m.numeric` (not yet defined on it) and `m.expectedRaw` (not yet defined on
 * it): their arrays are `raw`'s and `expectedRaw`; `fill(k0, k1)` computes run positions
 * [k0, k1) of them (a record asks for one position; a column read for every position left, in
 * runs of at most `block`).
 */
export function deferFacts(
  m: CustomerMetrics,
  raw: Readonly<Record<NumericMetric, Float64Array>>,
  names: readonly NumericMetric[],
  expectedRaw: Float64Array,
  block: number,
  fill: (k0: number, k1: number) => void,
): void {
  const count = m.count;
  const done = new Uint8Array(count);
  let left = count;
  /** Computes positions [k0, k1), none of them done yet. */
  const run = (k0: number, k1: number): void => {
    done.fill(1, k0, k1);
    left -= k1 - k0;
    fill(k0, k1);
  };
  // Every position left, in runs of at most `block` positions not done yet.
  const all = (): void => {
    for (let k = 0; left > 0 && k < count;) {
      if (done[k] === 1) {
        k++;
        continue;
      }
      let end = k + 1;
      while (end < count && end - k < block && done[end] === 0) end++;
      run(k, end);
      k = end;
    }
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
    ensure: (k) => {
      if (done[k] === 0) run(k, k + 1);
    },
    pending: () => left,
  });
}
