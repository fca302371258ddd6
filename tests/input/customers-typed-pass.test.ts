/**
 * The customers reader's typed run (customers-typed-pass.ts) against the row path it shortcuts.
 * On random faulty customers tables (ids new, repeated, blank, invalid, quoted, padded; every
 * attribute column present or not, its cells good, banded, blank, quoted or invalid; total
 * lines; blank rows) read column-wise (the CSV scan's distinct cells, the typed run) and as plain
 * rows (the row path, the reference): the same Dataset, the same issues in the same order, the
 * same counts, or the same error. Hand-worked: the attributes of three customers by hand.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { csvBothWays } from "../support/reads-as-rows";

const SALES = [
  "customer_id,week_start_date,weekly_spend,store_id",
  "C1,2025-01-06,12.50,S1",
  "C2,2025-01-13,3.00,S1",
  "C5,2025-01-13,1.00,S2",
].join("\n");

/** Each attribute column: its header and the cells it may hold. */
const COLUMNS: [string, string[]][] = [
  ["store_id", ["S1", "S2", "", "7", "7.00", '"S1"', "true"]],
  ["age", ["41", "45-54", "65+", "", "old", '"41"', "41.0", "-3", " 30 "]],
  ["household_size", ["2", "3", "5+", "", "many", " 2 "]],
  ["loyalty_member", ["TRUE", "FALSE", "Yes", "n", "", "maybe", "1"]],
  ["region", ["North", "South", "", " North", '"North"', "=1+1"]],
  ["income", ["50-74K", "Under 15K", "", " 250K+"]],
  ["high_value", ["TRUE", "no", "", "perhaps"]],
];

const ID = fc.constantFrom(
  "C1",
  "C2",
  "C3",
  "C4",
  "C5",
  "C6",
  "C7",
  "C8",
  "",
  '"C1"',
  "C2 ",
  "Total",
);

const customersCase = fc.record({
  columns: fc.subarray(
    COLUMNS.map((_, k) => k),
    { minLength: 0 },
  ),
  rows: fc.array(
    fc.record({
      id: ID,
      picks: fc.array(fc.nat(), { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
      blank: fc.nat(9),
    }),
    { minLength: 1, maxLength: 30 },
  ),
});

describe("customers typed run: new customers whose attributes need no report", () => {
  it("same Dataset, issues and counts as the row path, on random faulty customers tables", () => {
    fc.assert(
      fc.property(customersCase, ({ columns, rows }) => {
        const header = ["customer_id", ...columns.map((k) => COLUMNS[k][0])];
        const lines = [header.join(",")];
        for (const r of rows) {
          if (r.blank === 0) {
            lines.push(header.map(() => "").join(","));
            continue;
          }
          const cells: string[] = [r.id];
          for (const k of columns) {
            const options = COLUMNS[k][1];
            cells.push(options[r.picks[k] % options.length]);
          }
          lines.push(cells.join(","));
        }
        const { a, b } = csvBothWays({
          "weekly_sales.csv": `${SALES}\n`,
          "customers.csv": `${lines.join("\n")}\n`,
        });
        expect(a).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it("hand-worked: three customers' attributes, a repeat warned and skipped", () => {
    const customers = [
      "customer_id,age,household_size,loyalty_member,region,store_id",
      "C1,41,2,TRUE,North,S1",
      "C2,45-54,5+,no,South,S2",
      "C1,60,1,FALSE,East,S2",
      "C3,,,,,",
    ];
    const { a, b } = csvBothWays({
      "weekly_sales.csv": `${SALES}\n`,
      "customers.csv": `${customers.join("\n")}\n`,
    });
    expect(a).toEqual(b);
    if (!a.ok) throw new Error(a.error);
    const { dataset, issues, rowStats } = a.value as ReturnType<typeof buildDataset>;
    const { customers: cs, stores } = dataset;
    expect(cs.ids.slice(0, 3)).toEqual(["C1", "C2", "C3"]);
    expect(Array.from(cs.age.slice(0, 3))).toEqual([41, 45, NaN]);
    expect(cs.ageBand?.slice(0, 3)).toEqual([null, "45-54", null]);
    expect(Array.from(cs.householdSize.slice(0, 3))).toEqual([2, 5, NaN]);
    expect(Array.from(cs.loyalty.slice(0, 3))).toEqual([1, 0, -1]);
    expect(cs.segment.slice(0, 3)).toEqual(["North", "South", null]);
    expect(stores.ids[cs.store[0]]).toBe("S1");
    expect(stores.ids[cs.store[1]]).toBe("S2");
    expect(rowStats.customers).toMatchObject({ accepted: 3, skipped: 1 });
    const repeat = issues.filter((i) => i.code === "duplicate-customer");
    expect(repeat.map((i) => i.row)).toEqual([4]);
  });
});
