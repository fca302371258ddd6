/**
 * Small loops over typed columns, one loop per function. A CLI run makes each gap stage's pass
 * once, over about 11,500 gaps: V8 compiles a loop with few calls in a millisecond or two and
 * enters the compiled code while the pass still runs (on-stack replacement), where one loop doing
 * every figure of a gap took 15-25 ms to compile on this 2-core machine and finished in baseline
 * code before it was ready (`node --trace-osr`; issue 14, gapcols round). The same call on the
 * same value as the per-gap loop made: the rounders are pure, so only the order of calls differs.
 */
import type { Rounder } from "../rounding/round-rule";

/** out[i] = r.display(values[i]) for every i. */
export function displayInto(values: Float64Array, r: Rounder, out: Float64Array): void {
  for (let i = 0; i < values.length; i++) out[i] = r.display(values[i]);
}

/** values[i] = r.step(values[i]) for every i, in place. */
export function stepInPlace(values: Float64Array, r: Rounder): void {
  for (let i = 0; i < values.length; i++) values[i] = r.step(values[i]);
}

/** out[j] = values[order[j]] for every rank position j (a column in rank order). */
export function gatherNumbers(
  values: Float64Array,
  order: readonly number[],
  out: Float64Array,
): void {
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]];
}

/** gatherNumbers for integer columns (a function of its own: one array type per loop). */
export function gatherIntegers(
  values: Int32Array,
  order: readonly number[],
  out: Int32Array,
): void {
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]];
}

/** out[j] = values[order[j]] for every rank position j (a column in rank order). */
export function gatherValues<T>(values: readonly T[], order: readonly number[], out: T[]): void {
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]];
}
