/**
 * The fact records of a run's customers, made when first read (issue 14, engine-fast round).
 *
 * The classify stage runs the rules on one record reused customer after customer and keeps, per
 * customer, only what it adds to the metrics: the score totals it set (slot and total, in the
 * order it set them) and the segments the rules set (slot and value, in order). A customer's
 * record is then made on demand by the same assignments, in the same order, on a copy of the same
 * template: the metrics, flags and model facts (factsRecordWriter), the score totals, every
 * segment's default, the segments the rules set. So it has exactly the keys, key order and values
 * the record made during the classify stage had. A --json run reads the records of a few
 * customers (explanations, the churn list); the 20,000 records of about 50 properties each, most
 * of them boxed doubles, were most of what the collector copied in the engine stages.
 */
import type { Scalar } from "../../rules/types";
import type { MutableFacts } from "./customer-facts-record";

/** What the classify stage added to customer k's metrics, as flat lists with per-customer starts. */
export interface ClassifyAdditions {
  /** Score totals of customer k at [scoreStart[k], scoreStart[k + 1]): slot and total. */
  scoreStart: Int32Array;
  scoreSlot: number[];
  scoreTotal: number[];
  /** Segments the rules set for customer k at [segmentStart[k], segmentStart[k + 1]). */
  segmentStart: Int32Array;
  segmentSlot: number[];
  segmentValue: string[];
}

/** The names and defaults the additions refer to (fixed for the run). */
export interface ClassifyNames {
  /** Score slot -> fact name. */
  scoreSlotNames: readonly string[];
  /** Every segment of the registry (SEGMENTS), each set to its default on every record. */
  segmentNames: readonly string[];
  segmentDefaults: readonly string[];
  /** Segment slot -> fact name. */
  segmentSlotNames: readonly string[];
}

export class CustomerFactsStore {
  private readonly records: (MutableFacts | undefined)[];
  /** Segments every record sets (the registry's) -> their index in segmentNames. */
  private readonly alwaysSet: ReadonlyMap<string, number>;
  /** Names a score or segment sets: never read from a column. */
  private readonly later: ReadonlySet<string>;
  /** Columns looked up so far (undefined: the fact has no column or a score or segment sets it). */
  private readonly columns = new Map<string, Float64Array | undefined>();

  constructor(
    readonly count: number,
    /** A new record of customer k with the metrics, flags and model facts (factsRecordMaker). */
    private readonly metricsRecord: (k: number) => MutableFacts,
    private readonly names: ClassifyNames,
    private readonly added: ClassifyAdditions,
    /**
     * The metric column the records' numeric fact `name` is written from, undefined for a name
     * with none; asked once per name, when first needed (so a deferred column,
     * metrics/lazy-facts.ts, is computed only when one of its facts is read here).
     */
    private readonly metricColumn: (name: string) => Float64Array | undefined,
  ) {
    this.records = new Array<MutableFacts | undefined>(count);
    this.alwaysSet = new Map(names.segmentNames.map((name, j) => [name, j]));
    this.later = new Set([
      ...names.scoreSlotNames,
      ...names.segmentNames,
      ...names.segmentSlotNames,
    ]);
  }

  /** The column fact `name` is always read from (no score or segment sets it), if it has one. */
  private columnOf(name: string): Float64Array | undefined {
    if (this.columns.has(name)) return this.columns.get(name);
    const column = this.later.has(name) ? undefined : this.metricColumn(name);
    this.columns.set(name, column);
    return column;
  }

  /** Customer k's record, made the first time it is asked for and the same object after. */
  factsOf(k: number): MutableFacts {
    const known = this.records[k];
    if (known !== undefined) return known;
    const f = this.metricsRecord(k);
    const a = this.added;
    const n = this.names;
    for (let x = a.scoreStart[k]; x < a.scoreStart[k + 1]; x++)
      f[n.scoreSlotNames[a.scoreSlot[x]]] = a.scoreTotal[x];
    for (let j = 0; j < n.segmentNames.length; j++) f[n.segmentNames[j]] = n.segmentDefaults[j];
    for (let x = a.segmentStart[k]; x < a.segmentStart[k + 1]; x++)
      f[n.segmentSlotNames[a.segmentSlot[x]]] = a.segmentValue[x];
    this.records[k] = f;
    return f;
  }

  /**
   * `factsOf(k)[name]`, without making the record for a metric no score or segment overwrites (its
   * column's value) or for a segment of the registry: every record sets those last (the default,
   * then the rule's value), so the value is the one the rules set, else the default.
   */
  factOf(k: number, name: string): Scalar | null | undefined {
    const known = this.records[k];
    if (known !== undefined) return known[name];
    const column = this.columnOf(name);
    if (column !== undefined) return column[k];
    const j = this.alwaysSet.get(name);
    if (j === undefined) return this.factsOf(k)[name];
    return this.segmentOf(k, name, j);
  }

  /** Registry segment `name` (index j) of customer k: the value the rules set, else the default. */
  private segmentOf(k: number, name: string, j: number): string {
    const a = this.added;
    for (let x = a.segmentStart[k]; x < a.segmentStart[k + 1]; x++)
      if (this.names.segmentSlotNames[a.segmentSlot[x]] === name) return a.segmentValue[x];
    return this.names.segmentDefaults[j];
  }

  /**
   * `factOf(k, name)` of the customers at `positions`, in that order, the name looked up once (the
   * portfolio stage reads segments of every customer with gaps).
   */
  factAt(name: string, positions: readonly number[]): (Scalar | null | undefined)[] {
    const out = new Array<Scalar | null | undefined>(positions.length);
    const column = this.columnOf(name);
    const j = this.alwaysSet.get(name);
    for (let x = 0; x < positions.length; x++) {
      const k = positions[x];
      const known = this.records[k];
      if (known !== undefined) out[x] = known[name];
      else if (column !== undefined) out[x] = column[k];
      else if (j === undefined) out[x] = this.factsOf(k)[name];
      else out[x] = this.segmentOf(k, name, j);
    }
    return out;
  }

  /** Every customer's record, in run order (each made now if it was not yet). */
  all(): MutableFacts[] {
    const out = new Array<MutableFacts>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.factsOf(k);
    return out;
  }
}
