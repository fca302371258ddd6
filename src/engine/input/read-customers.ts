/**
 * The customers table -> customers in order of first appearance with their attributes.
 * A row without a usable customer id is skipped (error issue); a bad optional value (age, loyalty
 * ...) only warns and leaves that attribute unknown; a repeated customer id warns, first row wins.
 * A trailing "Total" line is skipped with an info issue (total-rows.ts).
 */
import type { RawTable } from "./raw-table";
import {
  BAND_LABEL,
  BOOLEAN,
  CATEGORY,
  expected,
  ID,
  NUMBER_OR_BAND,
  type Optional,
  RowReader,
} from "./cell-readers";
import type { CustomerAccumulator } from "./customer-accumulator";
import type { ColumnMap } from "./header-map";
import { type IdRegistry, IdsInternedSince } from "./id-registry";
import type { IssueCollector } from "./issue-collector";
import { readKeyedRow, type UniqueKey } from "./keyed-rows";
import { ATTRIBUTE_KEYS, typedCustomers, typedCustomersRun } from "./customers-typed-pass";
import { emptyRowStats, type RowStats } from "./row-stats";
import { skipTotalRows } from "./total-rows";
import { rowCount } from "./table-cells";

const CUSTOMER_ID: UniqueKey = {
  key: "customerId",
  problem: { invalid: "bad-id", say: expected("a customer id", "Row skipped.") },
  duplicate: {
    code: "duplicate-customer",
    say: (id) => `Customer ${id} appears again; the first row is used and this one skipped.`,
  },
};
const unknownUnless = (what: string): Optional => ({
  code: "bad-value",
  say: expected(what, "Left unknown."),
});
const A_NUMBER = unknownUnless("a number or a band such as 45-54 or 65+");
const A_BOOLEAN = unknownUnless("True/False, Yes/No, Y/N or 1/0");
const A_STORE = unknownUnless("a store id");

/** The band label of the current row's `key` cell ("45-54"), or null when it is not a band. */
function bandLabel(rr: RowReader, key: string): string | null {
  return rr.quiet(key, BAND_LABEL);
}

/**
 * Read the optional customer attributes of the reader's current row into customer `c` (only those
 * still unknown). Age and household size may be bands ("45-54", "5+"): the number kept is the
 * band's lower bound, the label is kept beside it (`ageBand`, `householdSizeBand`).
 */
export function readCustomerAttributes(rr: RowReader, c: number, acc: CustomerAccumulator): void {
  if (Number.isNaN(acc.age[c])) {
    acc.age[c] = rr.optional("age", NUMBER_OR_BAND, A_NUMBER) ?? NaN;
    if (!Number.isNaN(acc.age[c])) acc.ageBand[c] = bandLabel(rr, "age");
  }
  if (Number.isNaN(acc.householdSize[c])) {
    acc.householdSize[c] = rr.optional("householdSize", NUMBER_OR_BAND, A_NUMBER) ?? NaN;
    if (!Number.isNaN(acc.householdSize[c]))
      acc.householdSizeBand[c] = bandLabel(rr, "householdSize");
  }
  if (acc.loyalty[c] < 0) acc.loyalty[c] = rr.optional("loyalty", BOOLEAN, A_BOOLEAN) ?? -1;
  if (acc.segment[c] === null) acc.segment[c] = rr.quiet("segment", CATEGORY);
  if (acc.income[c] === null) acc.income[c] = rr.quiet("income", CATEGORY);
  if (acc.highValue[c] < 0) acc.highValue[c] = rr.optional("highValue", BOOLEAN, A_BOOLEAN) ?? -1;
}

/** Read the customers table into `acc` (customers) and `stores` (store ids). */
export function readCustomers(
  table: RawTable,
  cols: ColumnMap,
  acc: CustomerAccumulator,
  stores: IdRegistry,
  issues: IssueCollector,
): RowStats {
  const stats = emptyRowStats(rowCount(table));
  const rr = new RowReader(table, cols, issues, ATTRIBUTE_KEYS);
  const totals = skipTotalRows(table, cols, ["customerId", "store"], "customer", issues);
  const read = (id: string): boolean => {
    const c = acc.intern(id);
    const sid = rr.optional("store", ID, A_STORE);
    if (sid !== null) acc.store[c] = stores.intern(sid);
    readCustomerAttributes(rr, c, acc);
    return true;
  };
  // The rows that need no report, from each distinct attribute cell read once
  // (customers-typed-pass.ts); every other row as readKeyedRows reads it.
  const typed = typedCustomers(table, cols, totals);
  // The ids accepted so far: those this reader interned (every accepted row's id is).
  const seen = new IdsInternedSince(acc.reg);
  for (let i = 0; i < rr.rowCount; i++) {
    if (typed !== undefined) {
      i = typedCustomersRun(typed, acc, stores, stats, i, rr.rowCount);
      if (i >= rr.rowCount) break;
    }
    readKeyedRow(rr, stats, CUSTOMER_ID, read, totals, seen, i);
  }
  return stats;
}
