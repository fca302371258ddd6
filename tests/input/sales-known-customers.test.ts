/**
 * The sales reader's typed run takes the first row of a customer's id cell itself when the id is
 * already a customer (sales-typed-pass.ts `knownCustomer`: interned by the customers table, or by
 * an earlier row whose cell is written another way), instead of leaving it to the row path.
 * Differential check: a customers table and a faulty sales table (ids known, unknown, quoted,
 * padded, blank; bad weeks, amounts and stores; repeated customer-weeks), read column-wise (CSV
 * scan, distinct cells, the typed run) and as plain rows (the row path, the reference), give the
 * same Dataset and the same issues in the same order, or the same error. Hand-worked: customers
 * keep the customers table's order, an unknown id is warned once at its first row.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { csvBothWays } from "../support/reads-as-rows";

const ID = fc.constantFrom("C1", "C2", "C3", "C4", "C9", '"C1"', "C2 ", " C3", "", "7", "7.0");

const salesCase = fc.record({
  customers: fc.array(fc.record({ id: ID, age: fc.constantFrom("41", "", "old") }), {
    maxLength: 6,
  }),
  withCustomers: fc.boolean(),
  ids: fc.array(ID, { minLength: 1, maxLength: 6 }),
  weeks: fc.array(
    fc.constantFrom("2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27", "", "bad", "W3"),
    { minLength: 1, maxLength: 4 },
  ),
  spends: fc.array(fc.constantFrom("12.50", "0", "-3", "1.234", "x", "", "7", '"1,5"', "$4"), {
    minLength: 1,
    maxLength: 5,
  }),
  stores: fc.array(fc.constantFrom("S1", "S2", "", '"S1"'), { minLength: 1, maxLength: 3 }),
  repeat: fc.nat(3),
});

describe("typed sales run: the first row of a known customer's cell", () => {
  it("same Dataset and issues as the row path, on random customers and faulty sales tables", () => {
    fc.assert(
      fc.property(salesCase, ({ customers, withCustomers, ids, weeks, spends, stores, repeat }) => {
        const sales = ["customer_id,week_start_date,weekly_spend,store_id"];
        let k = 0;
        // Runs of a customer's weeks (the typed run's case), some rows repeated.
        for (const id of ids)
          for (const w of weeks) {
            const line = `${id},${w},${spends[k % spends.length]},${stores[k % stores.length]}`;
            sales.push(line);
            if (repeat > 0 && k % (repeat + 2) === 0) sales.push(line);
            k++;
          }
        const texts: Record<string, string> = { "weekly_sales.csv": `${sales.join("\n")}\n` };
        if (withCustomers)
          texts["customers.csv"] =
            ["customer_id,age", ...customers.map((c) => `${c.id},${c.age}`)].join("\n") + "\n";
        const { a, b } = csvBothWays(texts);
        expect(a).toEqual(b);
      }),
      { numRuns: 400 },
    );
  });

  it("hand-worked: customers in the customers table's order, one warning for an unknown id", () => {
    const sales = [
      "customer_id,week_start_date,weekly_spend,store_id",
      "C2,2025-01-06,1.00,S1",
      "C2,2025-01-13,2.00,S1",
      "C9,2025-01-06,4.00,S1",
      '"C1",2025-01-06,8.00,S1',
      "C1,2025-01-13,16.00,S1",
    ];
    const { a, b } = csvBothWays({
      "customers.csv": "customer_id,age\nC1,41\nC2,52\n",
      "weekly_sales.csv": `${sales.join("\n")}\n`,
    });
    expect(a).toEqual(b);
    if (!a.ok) throw new Error(a.error);
    const { dataset, issues } = a.value as ReturnType<typeof buildDataset>;
    expect(dataset.customers.ids).toEqual(["C1", "C2", "C9"]);
    // Customers x weeks, in cents: C1 8 + 16, C2 1 + 2, C9 4.
    expect(Array.from(dataset.sales.spendCents)).toEqual([800, 1600, 100, 200, 400, 0]);
    const unknown = issues.filter((i) => i.code === "unknown-customer");
    expect(unknown.map((i) => i.row)).toEqual([4]);
    expect(dataset.sales.rowCount).toBe(5);
  });
});
