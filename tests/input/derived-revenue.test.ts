/**
 * Derived revenue, guest lines and returns on hand-written invoice-line tables: every expected
 * cent is worked out in the comments, and a property checks the totals on random lines.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { describeDerivation, derivationsOf } from "../../src/engine/input/column-registry";
import { chooseColumns, derivationFor } from "../../src/engine/input/header-map";
import { RgoError } from "../../src/engine/errors";
import type { Issue } from "../../src/engine/issue";
import type { CellValue } from "../../src/engine/input/raw-table";
import { columnMapping } from "../../src/taskpane/state/role-guess";
import { table, workbook } from "./helpers";

const LINES = [
  "InvoiceNo",
  "StockCode",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
];
const only = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

/**
 * Two customers over two Monday weeks (2011-01-03, 2011-01-10).
 * C1 week 1: 3 x 2.55 = 7.65; 2 x 0.085 = 0.17 (17 cents after rounding 0.17 exactly)
 *            -> 765 + 17 = 782
 * C1 week 2: 1 x 10.00 = 10.00; credit note C100 -1 x 10.00 = -10.00 -> 0, present
 * C2 week 1: 12 x 0.29 = 3.48; 1 x 0.125 = 0.125 -> 13 cents (half away from zero) -> 361
 * guests:    2 x 5.00 + 1 x 1.50 = 11.50, 2 lines
 */
const rows: CellValue[][] = [
  ["536365", "A", 3, "2011-01-03 08:26", 2.55, "C1", "United Kingdom"],
  ["536365", "B", 2, "2011-01-04 08:26", "0.085", "C1", "United Kingdom"],
  ["536366", "A", 12, "2011-01-05 09:00", 0.29, "C2", "France"],
  ["536367", "D", 1, "2011-01-09 23:59", "0.125", "C2", "France"],
  ["536368", "E", 1, "2011-01-10 10:00", 10, "C1", "United Kingdom"],
  // On the last week's Sunday, so the data covers both weeks whole (no partial last week).
  ["C100", "E", -1, "2011-01-16 10:00", 10, "C1", "United Kingdom"],
  ["536369", "F", 2, "2011-01-11 10:00", 5, null, "United Kingdom"],
  ["536370", "G", 1, "2011-01-03 10:00", "1.50", " ", "United Kingdom"],
];

describe("revenue = Quantity x UnitPrice", () => {
  test("registry declares the derivations and words them with the sheet's headers", () => {
    const [times, minus] = derivationsOf("sales", "revenue");
    expect(times.inputs).toEqual(["units", "unitPrice"]);
    expect(minus.inputs).toEqual(["grossSales", "discount"]);
    const { map } = chooseColumns("sales", LINES);
    expect(derivationFor("sales", "revenue", map)).toBe(times);
    expect(describeDerivation(times, (k) => LINES[map[k]])).toBe("revenue = Quantity x UnitPrice");
  });

  test("the pane's mapping shows the derivation, and a chosen column replaces it", () => {
    const rev = (choice = {}) =>
      columnMapping("sales", LINES, choice).find((m) => m.key === "revenue");
    expect(rev()).toMatchObject({ header: null, derived: "revenue = Quantity x UnitPrice" });
    expect(rev({ revenue: "UnitPrice" })).toMatchObject({ header: "UnitPrice", chosen: true });
    expect(rev({ revenue: "UnitPrice" })?.derived).toBeUndefined();
  });

  test("hand-worked lines: matrix, guests, returns, one notice each", () => {
    const r = buildDataset(workbook(table("lines", LINES, rows)));
    const d = r.dataset;
    expect(r.roles.sales?.name).toBe("lines");
    expect(d.calendar.labels).toEqual(["2011-01-03", "2011-01-10"]);
    expect(d.customers.ids).toEqual(["C1", "C2"]);
    expect(Array.from(d.sales.spendCents)).toEqual([782, 0, 361, 0]);
    expect(Array.from(d.sales.present)).toEqual([1, 1, 1, 0]);
    expect(d.sales.rowCount).toBe(6);
    expect(only(r.issues, "guest-lines").map((i) => i.message)).toEqual([
      "2 lines have no customer id: guest purchases, left out, $11.50 of revenue.",
    ]);
    expect(only(r.issues, "returns-netted").map((i) => i.message)).toEqual([
      "1 return line (credit notes or negative quantities), -$10.00 in all, were netted into their customers' weeks.",
    ]);
    // 0.125 is below the cent (0.17 is not: 2 x 0.085 = 0.17 exactly)
    expect(only(r.issues, "sub-cent")[0].message).toMatch(/^1 revenue values/);
    expect(only(r.issues, "negative-revenue")).toEqual([]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  test("a bad quantity or price skips the row with an error naming sheet, row and column", () => {
    const bad = rows.map((r) => [...r]);
    bad[0][2] = "three"; // sheet row 2
    bad[2][4] = "n/a"; // sheet row 4
    const r = buildDataset(workbook(table("lines", LINES, bad)));
    expect(only(r.issues, "not-a-number")).toEqual([
      expect.objectContaining({ sheet: "lines", row: 2, column: "Quantity" }),
      expect.objectContaining({ sheet: "lines", row: 4, column: "UnitPrice" }),
    ]);
    // C1 week 1 keeps only 2 x 0.085 = 17; C2 week 1 only 0.125 -> 13
    expect(Array.from(r.dataset.sales.spendCents)).toEqual([17, 0, 13, 0]);
  });

  test("a revenue column chosen by hand replaces the derivation", () => {
    const r = buildDataset(workbook(table("lines", LINES, rows)), {
      columns: { sales: { revenue: "UnitPrice" } },
    });
    expect(only(r.issues, "derived-revenue")).toEqual([]);
    // C1 w1 2.55 + 0.085 (-> 0.09) = 264; w2 10 + 10 = 2000; C2 w1 0.29 + 0.125 (-> 0.13) = 42
    expect(Array.from(r.dataset.sales.spendCents)).toEqual([264, 2000, 42, 0]);
  });

  test("gross - discount when that is what the sheet has", () => {
    const r = buildDataset(
      workbook(
        table(
          "sales",
          ["customer_id", "week_start_date", "gross_sales", "discount"],
          [
            ["1", "2025-09-06", "100.00", "12.50"], // 87.50
            ["1", "2025-09-13", "40", "0"], // 40.00
            ["2", "2025-09-06", "10", "15"], // -5.00, netted
          ],
        ),
      ),
    );
    expect(Array.from(r.dataset.sales.spendCents)).toEqual([8750, 4000, -500, 0]);
    expect(only(r.issues, "derived-revenue")[0].message).toMatch(
      /revenue = gross_sales - discount/,
    );
  });

  test("no revenue and no way to derive it: missing-column names the derivations", () => {
    let e: unknown;
    try {
      buildDataset(
        workbook(
          table("sales", ["customer_id", "week_start_date", "Quantity"], [["1", "2025-09-06", 3]]),
        ),
      );
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(RgoError);
    expect((e as RgoError).code).toBe("missing-column");
    expect((e as RgoError).message).toMatch(/Or both units and unit price columns/);
  });

  test("a weekly table (no invoice or sku column) still reports a blank customer id", () => {
    const r = buildDataset(
      workbook(
        table(
          "sales",
          ["customer_id", "week_start_date", "Quantity", "UnitPrice"],
          [
            ["1", "2025-09-06", 2, 3],
            ["", "2025-09-06", 2, 3],
          ],
        ),
      ),
    );
    expect(only(r.issues, "missing-value")).toEqual([
      expect.objectContaining({ row: 3, column: "customer_id" }),
    ]);
    expect(only(r.issues, "guest-lines")).toEqual([]);
  });

  test("property: matrix total and guest money are the sums of quantity x price cents", () => {
    const line = fc.record({
      cust: fc.constantFrom("A", "B", "C", null),
      qty: fc.integer({ min: -20, max: 50 }),
      priceCents: fc.integer({ min: 0, max: 100_000 }),
      day: fc.integer({ min: 0, max: 60 }),
      credit: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (ls) => {
        const base = Date.UTC(2024, 0, 1);
        const t = table(
          "lines",
          LINES,
          ls.map((l, i) => [
            `${l.credit ? "C" : ""}${1000 + i}`,
            "X",
            l.qty,
            new Date(base + l.day * 86_400_000),
            (l.priceCents / 100).toFixed(2),
            l.cust,
            "UK",
          ]),
        );
        const named = ls.filter((l) => l.cust !== null);
        const guests = ls.filter((l) => l.cust === null);
        if (named.length === 0) return; // no customer lines: nothing to check here
        // The data runs through its last line's day, so no week is left out as partial.
        const last = Math.max(...named.map((l) => l.day));
        const r = buildDataset(workbook(t), { weekEndsOn: base / 86_400_000 + last });
        expect(sum(r.dataset.sales.spendCents)).toBe(
          named.reduce((a, l) => a + l.qty * l.priceCents, 0),
        );
        expect(r.dataset.customers.count).toBe(new Set(named.map((l) => l.cust)).size);
        const g = only(r.issues, "guest-lines");
        expect(g.length).toBe(guests.length > 0 ? 1 : 0);
        if (guests.length > 0) {
          const cents = guests.reduce((a, l) => a + l.qty * l.priceCents, 0);
          expect(g[0].message).toMatch(
            new RegExp(
              `^${guests.length} lines? ha(s|ve) no customer id: .* ${cents < 0 ? "-" : ""}\\$`,
            ),
          );
        }
        const returns = named.filter((l) => l.qty * l.priceCents < 0).length;
        expect(only(r.issues, "returns-netted").length).toBe(returns > 0 ? 1 : 0);
        expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
