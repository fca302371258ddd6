/**
 * Customers as they are found (customers table first, then new ids in sales), with growable
 * attribute columns; `finish` turns them into the typed `Customers` columns of the Dataset.
 */
import type { Customers } from "./dataset";
import { IdRegistry } from "./id-registry";

export class CustomerAccumulator {
  readonly reg = new IdRegistry();
  readonly age: number[] = [];
  readonly householdSize: number[] = [];
  /** Band labels ("45-54", "5+") where the value was a band, else null. */
  readonly ageBand: (string | null)[] = [];
  readonly householdSizeBand: (string | null)[] = [];
  /** 1, 0, -1 unknown. */
  readonly loyalty: number[] = [];
  readonly segment: (string | null)[] = [];
  /** Income band text ("50-74K"), or null. */
  readonly income: (string | null)[] = [];
  /** Store index from the customers table, -1 unknown. */
  readonly store: number[] = [];
  /** 1, 0, -1 unknown. */
  readonly highValue: number[] = [];

  get count(): number {
    return this.reg.count;
  }

  /** Index of `id`, adding the customer with unknown attributes when new. */
  intern(id: string): number {
    const idx = this.reg.indexById.get(id);
    return idx !== undefined ? idx : this.add(id);
  }

  /** Adds `id`, which must be new (not yet interned), with unknown attributes; its index. */
  add(id: string): number {
    const idx = this.reg.add(id);
    this.age.push(NaN);
    this.householdSize.push(NaN);
    this.ageBand.push(null);
    this.householdSizeBand.push(null);
    this.loyalty.push(-1);
    this.segment.push(null);
    this.income.push(null);
    this.store.push(-1);
    this.highValue.push(-1);
    return idx;
  }

  /** Typed columns; sales-derived fields (store fallback, weeks) are filled by the caller. */
  finish(highValueColumnSeen: boolean): Customers {
    const n = this.count;
    const hv = new Int8Array(n);
    for (let i = 0; i < n; i++) hv[i] = highValueColumnSeen ? this.highValue[i] : -1;
    const bands = (labels: (string | null)[]) =>
      labels.some((l) => l !== null) ? labels.slice() : undefined;
    const ageBand = bands(this.ageBand);
    const householdSizeBand = bands(this.householdSizeBand);
    const income = bands(this.income);
    return {
      ...(income !== undefined ? { income } : {}),
      ...(ageBand !== undefined ? { ageBand } : {}),
      ...(householdSizeBand !== undefined ? { householdSizeBand } : {}),
      count: n,
      ids: this.reg.ids,
      indexById: this.reg.indexById,
      age: Float64Array.from(this.age),
      householdSize: Float64Array.from(this.householdSize),
      loyalty: Int8Array.from(this.loyalty),
      segment: this.segment,
      store: Int32Array.from(this.store),
      highValueFlag: hv,
      firstWeek: new Int32Array(n).fill(-1),
      lastPurchaseWeek: new Int32Array(n).fill(-1),
    };
  }
}
