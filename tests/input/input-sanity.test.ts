/**
 * Input sanity (issue 10, item 6): a trailing "Total" row is not a customer, a date outside
 * 1900-03-01..9999-12-31 is a bad cell and not a calendar, weekly data dated on several weekdays
 * is lined up on one week start, and a table larger than an Excel sheet is reported.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { daysFromCivil, isoDateOfDay, weekdayOfDay } from "../../src/engine/input/calendar-days";
import { parseWeekCell, WeekKind, type WeekParse } from "../../src/engine/input/coerce-week";
import { coerceDate } from "../../src/engine/input/coerce-date";
import { EXCEL_MAX_ROWS, reportBeyondExcel } from "../../src/engine/input/excel-limits";
import { IssueCollector } from "../../src/engine/input/issue-collector";
import { findTotalRows, isTotalLabel } from "../../src/engine/input/total-rows";
import { chooseWeekStart, type WeekStart } from "../../src/engine/input/week-alignment";
import { RgoError } from "../../src/engine/errors";
import type { Issue } from "../../src/engine/issue";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { plain, table, workbook } from "./helpers";

const SALES = ["customer_id", "week_start_date", "weekly_spend"];
const only = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);
const dayOf = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return daysFromCivil(y, m, d);
};
/** Customers 1..n x weeks Saturdays from 2025-09-06, spend 10*c + w. */
function weekly(n: number, weeks: number, shift: (c: number) => number = () => 0): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let c = 1; c <= n; c++)
    for (let w = 0; w < weeks; w++)
      rows.push([String(c), isoDateOfDay(dayOf("2025-09-06") + 7 * w + shift(c)), 10 * c + w]);
  return rows;
}

describe("trailing Total rows", () => {
  const CUST = ["customer_id", "name", "age"];
  const sales = () => table("weekly_sales", SALES, weekly(3, 3));

  it("a Total row under the customers is skipped with one info notice naming sheet and row", () => {
    const customers = table("customers", CUST, [
      ["1", "Ann", "40"],
      ["2", "Bob", "50"],
      ["3", "Cy", "60"],
      ["Total", null, "150"],
    ]);
    const r = buildDataset(workbook(customers, sales()));
    expect(r.dataset.customers.ids).toEqual(["1", "2", "3"]);
    expect(r.rowStats.customers).toEqual({ read: 4, accepted: 3, blank: 0, skipped: 1 });
    const notes = only(r.issues, "total-row");
    expect(notes).toEqual([
      {
        severity: "info",
        code: "total-row",
        sheet: "customers",
        row: 5,
        column: "customer_id",
        message:
          'This row reads "Total" and is a total line under the table, not a customer; it was skipped.',
      },
    ]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("finds the label in another column, passes blank rows, and takes Subtotal then Grand total:", () => {
    const customers = table("customers", CUST, [
      ["1", "Ann", "40"],
      ["2", "Bob", "50"],
      ["3", "Cy", "60"],
      [null, "Subtotal", "$150.00"],
      [null, null, null],
      ["", "  GRAND TOTAL:  ", 150],
      [null, null, null],
    ]);
    const r = buildDataset(workbook(customers, sales()));
    expect(r.dataset.customers.ids).toEqual(["1", "2", "3"]);
    expect(only(r.issues, "total-row").map((i) => [i.row, i.column])).toEqual([
      [5, "name"],
      [7, "name"],
    ]);
    expect(r.rowStats.customers).toEqual({ read: 7, accepted: 3, blank: 2, skipped: 2 });
    expect(only(r.issues, "missing-value")).toEqual([]);
  });

  it('a customer called "Total Foods Ltd", or a "Total" row above data, is read as data', () => {
    const customers = table("customers", CUST, [
      ["1", "Ann", "40"],
      ["Total", null, "40"],
      ["2", "Bob", "50"],
      ["3", "Total Foods Ltd", "60"],
    ]);
    const r = buildDataset(workbook(customers, sales()));
    expect(r.dataset.customers.ids.slice(0, 4)).toEqual(["1", "Total", "2", "3"]);
    expect(only(r.issues, "total-row")).toEqual([]);
    const named = table(
      "customers",
      ["customer_id", "age"],
      [
        ["1", "40"],
        ["Total Foods Ltd", "50"],
      ],
    );
    const r2 = buildDataset(workbook(named, sales()));
    expect(r2.dataset.customers.ids).toContain("Total Foods Ltd");
    expect(only(r2.issues, "total-row")).toEqual([]);
  });

  it("a row with a text attribute or a key cell is not a total row", () => {
    const keys = [0];
    // customer "TOTAL" with a segment: a customer
    expect(
      findTotalRows(
        table(
          "c",
          ["id", "segment"],
          [
            ["1", "A"],
            ["TOTAL", "Gold"],
          ],
        ),
        keys,
      ),
    ).toEqual([]);
    // a key cell besides the label: a sales row of customer "Total"
    expect(
      findTotalRows(
        table("s", SALES, [
          ["1", "2025-09-06", 5],
          ["Total", "2025-09-06", 5],
        ]),
        [0, 1],
      ),
    ).toEqual([]);
    expect(
      findTotalRows(
        table("s", SALES, [
          ["1", "2025-09-06", 5],
          ["Total", null, 5],
        ]),
        [0, 1],
      ),
    ).toEqual([1]);
  });

  it("a Total row under the sales is skipped and the revenue is the true sum of the data rows", () => {
    const rows = weekly(3, 3);
    const sum = rows.reduce((s, r) => s + (r[2] as number), 0);
    const withTotal = [...rows, ["Total", null, sum], [null, null, null]];
    const r = buildDataset(workbook(table("weekly_sales", SALES, withTotal)));
    const plainR = buildDataset(workbook(table("weekly_sales", SALES, rows)));
    expect(Array.from(r.dataset.sales.spendCents)).toEqual(
      Array.from(plainR.dataset.sales.spendCents),
    );
    expect(Array.from(r.dataset.sales.spendCents).reduce((a, b) => a + b, 0)).toBe(sum * 100);
    expect(r.dataset.customers.ids).toEqual(["1", "2", "3"]);
    expect(r.rowStats.sales).toEqual({ read: 11, accepted: 9, blank: 1, skipped: 1 });
    expect(only(r.issues, "total-row").map((i) => [i.sheet, i.row, i.severity])).toEqual([
      ["weekly_sales", 11, "info"],
    ]);
    expect(r.issues.filter((i) => i.severity !== "info")).toEqual(
      plainR.issues.filter((i) => i.severity !== "info"),
    );
  });

  it("a Total row under the stock is skipped", () => {
    const stock = table(
      "stock",
      ["store_id", "sku", "week_start", "on_hand_units"],
      [
        ["101", "A", "2025-09-06", 5],
        ["101", "A", "2025-09-13", 0],
        ["Total", null, null, 5],
      ],
    );
    const salesT = table(
      "weekly_sales",
      [...SALES, "store_id"],
      weekly(2, 2).map((r) => [...r, "101"]),
    );
    const r = buildDataset(workbook(salesT, stock));
    expect(r.rowStats.stock).toEqual({ read: 3, accepted: 2, blank: 0, skipped: 1 });
    expect(Array.from(r.dataset.stock.skuCount)).toEqual([1, 1]);
    expect(Array.from(r.dataset.stock.skusOut)).toEqual([0, 1]);
    expect(only(r.issues, "total-row").map((i) => [i.sheet, i.row])).toEqual([["stock", 4]]);
  });

  it("property: the label words in any case, spacing and colon are totals; with more text they are not", () => {
    const word = fc.constantFrom(
      "total",
      "totals",
      "subtotal",
      "sub-total",
      "sub total",
      "grand total",
    );
    const casing = fc.array(fc.boolean(), { minLength: 12, maxLength: 12 });
    const recase = (s: string, up: boolean[]) =>
      [...s].map((ch, i) => (up[i % up.length] ? ch.toUpperCase() : ch)).join("");
    fc.assert(
      fc.property(
        word,
        casing,
        fc.boolean(),
        fc.constantFrom("", " ", "  "),
        (w, up, colon, pad) => {
          const label = `${pad}${recase(w, up)}${colon ? ":" : ""}${pad}`;
          expect(isTotalLabel(label)).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(word, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .]{0,10}$/), (w, more) => {
        expect(isTotalLabel(`${w} ${more}`)).toBe(false);
        expect(isTotalLabel(`${more} ${w}x`)).toBe(false);
      }),
    );
  });

  it("property: only rows below the last data row are ever taken, and never more than 3", () => {
    const cell = fc.oneof(
      fc.constant<CellValue>(null),
      fc.constantFrom<CellValue>("Total", "Grand total", "x", "12", ""),
      fc.integer({ min: 0, max: 99 }),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const t: RawTable = table("t", ["a", "b", "c"], rows);
        const found = findTotalRows(t, [0]);
        expect(found.length).toBeLessThanOrEqual(3);
        for (const i of found) {
          // every non-blank row below a found row is also found
          for (let k = i + 1; k < rows.length; k++) {
            const blank = rows[k].every((c) => c === null || c === "");
            if (!blank) expect(found).toContain(k);
          }
          const first = rows[i].find((c) => c !== null && c !== "");
          expect(typeof first === "string" && /total/i.test(first)).toBe(true);
        }
      }),
    );
  });
});

describe("dates outside 1900-03-01..9999-12-31", () => {
  const out: WeekParse = { kind: WeekKind.Blank, day: NaN, reason: "" };
  const utc = (y: number, m: number, d: number) => {
    const t = new Date(0);
    t.setUTCFullYear(y, m - 1, d);
    return t;
  };

  it("serial 0 (1899-12-30), 1900-02-28 and 10000-01-01 are bad cells; the edges are dates", () => {
    expect(parseWeekCell(utc(1899, 12, 30), out)).toBe(WeekKind.Invalid);
    expect(out.reason).toBe(
      "1899-12-30, not a date between 1900-03-01 and 9999-12-31 (a zero or empty cell formatted as a date: Excel shows it as 1900-01-00)",
    );
    expect(parseWeekCell(utc(1900, 2, 28), out)).toBe(WeekKind.Invalid);
    expect(parseWeekCell(utc(10000, 1, 1), out)).toBe(WeekKind.Invalid);
    expect(parseWeekCell("1900-02-28", out)).toBe(WeekKind.Invalid);
    expect(out.reason).toBe('"1900-02-28", not a date between 1900-03-01 and 9999-12-31');
    expect(parseWeekCell("1900-W01", out)).toBe(WeekKind.Invalid);
    expect(parseWeekCell(utc(1900, 3, 1), out)).toBe(WeekKind.Date);
    expect(out.day).toBe(dayOf("1900-03-01"));
    expect(parseWeekCell(utc(9999, 12, 31), out)).toBe(WeekKind.Date);
    expect(out.day).toBe(daysFromCivil(9999, 12, 31));
    expect(parseWeekCell("1900-03-01", out)).toBe(WeekKind.Date);
    expect(coerceDate(utc(1899, 12, 30))).toBeUndefined();
  });

  it("property: a Date cell is a date exactly when its day is within the range", () => {
    const lo = daysFromCivil(1900, 3, 1);
    const hi = daysFromCivil(9999, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: lo - 40000, max: hi + 40000 }), (day) => {
        const kind = parseWeekCell(new Date(day * 86400000), out);
        if (day >= lo && day <= hi) {
          expect(kind).toBe(WeekKind.Date);
          expect(out.day).toBe(day);
        } else {
          expect(kind).toBe(WeekKind.Invalid);
          expect(out.reason).toContain("a date between 1900-03-01 and 9999-12-31");
        }
      }),
    );
  });

  it("one serial-0 cell among good rows is one bad row; the calendar and figures come from the good rows", () => {
    const good: CellValue[][] = weekly(3, 4).map((r) => [
      r[0],
      new Date(dayOf(r[1] as string) * 86400000),
      r[2],
    ]);
    const bad = [...good.slice(0, 5), ["2", utc(1899, 12, 30), 99], ...good.slice(5)];
    const r = buildDataset(workbook(table("weekly_sales", SALES, bad)));
    const ref = buildDataset(workbook(table("weekly_sales", SALES, good)));
    expect(r.dataset.sales.weeks).toBe(4);
    const p = plain(r.dataset) as Record<string, unknown>;
    const q = plain(ref.dataset) as Record<string, unknown>;
    expect({ ...p, inputCounts: null }).toEqual({ ...q, inputCounts: null });
    expect(r.rowStats.sales).toEqual({ read: 13, accepted: 12, blank: 0, skipped: 1 });
    expect(only(r.issues, "bad-date")).toEqual([
      {
        severity: "error",
        code: "bad-date",
        sheet: "weekly_sales",
        row: 7,
        column: "week_start_date",
        message:
          "week_start_date is 1899-12-30, not a date between 1900-03-01 and 9999-12-31 (a zero or empty cell formatted as a date: Excel shows it as 1900-01-00); expected a date (YYYY-MM-DD or an Excel date), an ISO week (2025-W37) or a week number (1-53). Row skipped.",
      },
    ]);
  });
});

describe("weekly data dated on several weekdays", () => {
  const SAT = (c: number) => (c % 2 === 0 ? 2 : 0); // even customers dated the Monday after

  /** Runs chooseWeekStart on (customer, iso date) rows. */
  function choose(rows: [number, string][], transactional = false): WeekStart {
    return chooseWeekStart({
      days: Float64Array.from(rows.map((r) => dayOf(r[1]))),
      ok: new Uint8Array(rows.length).fill(1),
      customer: Int32Array.from(rows.map((r) => r[0])),
      transactional,
      sheet: "weekly_sales",
    });
  }

  it("half Saturday, half the Monday after: the same weeks, spend and customers as all-Saturday, one notice", () => {
    const sat = buildDataset(workbook(table("weekly_sales", SALES, weekly(4, 13))));
    const mixed = buildDataset(workbook(table("weekly_sales", SALES, weekly(4, 13, SAT))));
    expect(mixed.dataset.sales.weeks).toBe(13);
    expect(plain(mixed.dataset)).toEqual(plain(sat.dataset));
    expect(only(mixed.issues, "weeks-aligned")).toEqual([
      {
        severity: "info",
        code: "weeks-aligned",
        sheet: "weekly_sales",
        row: null,
        column: "week_start_date",
        message:
          "26 rows dated Monday were moved to the week starting the Saturday before: weeks start on Saturday, which gives the fewest weeks (13). The dates in the cells are unchanged.",
      },
    ]);
    expect(only(sat.issues, "weeks-aligned")).toEqual([]);
  });

  it("the notice says whether most rows are dated on the week start", () => {
    const rows = weekly(3, 4, (c) => (c === 3 ? 2 : 0));
    const r = buildDataset(workbook(table("weekly_sales", SALES, rows)));
    expect(only(r.issues, "weeks-aligned")[0].message).toBe(
      "4 rows dated Monday were moved to the week starting the Saturday before: weeks start on Saturday, as most rows do. The dates in the cells are unchanged.",
    );
    const monday = weekly(3, 4, (c) => (c === 3 ? 0 : 2));
    const m = buildDataset(workbook(table("weekly_sales", SALES, monday)));
    expect(m.dataset.calendar.labels[0]).toBe("2025-09-06");
    expect(only(m.issues, "weeks-aligned")[0].message).toBe(
      "8 rows dated Monday were moved to the week starting the Saturday before: weeks start on Saturday, which gives the fewest weeks (4; most rows are dated Monday). The dates in the cells are unchanged.",
    );
  });

  it("Saturday starts and Friday ends of the same week line up on Saturday, whichever has more rows", () => {
    for (const fridays of [1, 3]) {
      const rows = weekly(4, 6, (c) => (c <= fridays ? 6 : 0));
      const r = buildDataset(workbook(table("weekly_sales", SALES, rows)));
      expect(r.dataset.sales.weeks).toBe(6);
      expect(weekdayOfDay(r.dataset.calendar.startDays[0])).toBe(5);
      expect(r.dataset.calendar.labels[0]).toBe("2025-09-06");
    }
  });

  it("a customer with two different dates in one week is daily data: Monday weeks, no notice", () => {
    const w = choose([
      [0, "2025-09-06"],
      [0, "2025-09-08"],
      [1, "2025-09-13"],
    ]);
    expect(w).toEqual({ kind: "daily" });
    const r = buildDataset(
      workbook(
        table("weekly_sales", SALES, [
          ["1", "2025-09-06", 1],
          ["1", "2025-09-08", 2],
          ["2", "2025-09-13", 4],
        ]),
      ),
    );
    // Monday weeks: 2025-09-01, 09-08; the data ends on Saturday 09-13, so the second week holds
    // 6 of 7 days and is left out as a partial week (with its own notice).
    expect(r.dataset.calendar.labels).toEqual(["2025-09-01"]);
    expect(only(r.issues, "partial-week").map((i) => i.message)).toEqual([
      expect.stringContaining("The first week (2025-09-01) holds 2 of 7 days"),
      expect.stringContaining("The last week (2025-09-08) holds only 6 of 7 days"),
    ]);
    expect(only(r.issues, "weeks-aligned")).toEqual([]);
  });

  it("more than three weekdays, or a transaction log, is daily data", () => {
    const days = ["2025-09-06", "2025-09-08", "2025-09-09", "2025-09-10"];
    expect(choose(days.map((d, i) => [i, d]))).toEqual({ kind: "daily" });
    expect(
      choose(
        [
          [0, "2025-09-06"],
          [1, "2025-09-08"],
        ],
        true,
      ),
    ).toEqual({ kind: "daily" });
    expect(
      choose([
        [0, "2025-09-06"],
        [1, "2025-09-13"],
      ]),
    ).toEqual({ kind: "one-weekday" });
  });

  it("two week starts equally good by weeks and rows are refused with a clear message", () => {
    const rows: [number, string][] = [
      [0, "2025-09-09"],
      [0, "2025-09-16"],
      [1, "2025-09-12"],
      [1, "2025-09-19"],
      [2, "2025-09-10"],
    ];
    // Tue(2 rows), Fri(2 rows), Wed(1 row): starts Tue/Wed/Fri give 2, 3, 3 weeks -> Tuesday wins
    expect(choose(rows)).toMatchObject({ kind: "aligned", weekday: 1 });
    // Monday 09-08..09-22 and Thursday 09-11..09-18: either start gives 3 weeks, 3 rows each.
    const tie: [number, string][] = [
      [0, "2025-09-08"],
      [0, "2025-09-15"],
      [0, "2025-09-22"],
      [1, "2025-09-11"],
      [1, "2025-09-18"],
      [2, "2025-09-11"],
    ];
    expect(() => choose(tie)).toThrow(RgoError);
    expect(() => choose(tie)).toThrow(
      expect.objectContaining({
        code: "ambiguous-weeks",
        message:
          "weekly_sales is weekly data dated on several weekdays (3 on a Monday, 3 on a Thursday), and weeks starting on Monday or on Thursday fit it equally well (3 weeks, about as many rows each), so the weeks cannot be lined up. Date every row of a week on the same weekday (for example the week's first day).",
      }),
    );
  });

  it("property: shifting any set of customers by k days (1..6) gives the all-Saturday weeks and spend", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (n, weeks, k, shifted) => {
          fc.pre(shifted.slice(0, n).some((s) => s) && shifted.slice(0, n).some((s) => !s));
          const sat = buildDataset(workbook(table("weekly_sales", SALES, weekly(n, weeks))));
          const mixed = buildDataset(
            workbook(
              table(
                "weekly_sales",
                SALES,
                weekly(n, weeks, (c) => (shifted[c - 1] ? k : 0)),
              ),
            ),
          );
          // Every customer is seen in every week, so the Saturday start always gives the fewest weeks.
          expect(mixed.dataset.sales.weeks).toBe(weeks);
          expect(plain(mixed.dataset)).toEqual(plain(sat.dataset));
        },
      ),
    );
  });
});

describe("tables larger than an Excel sheet", () => {
  it("a sheet over 1,048,576 rows with its header is reported, a CSV as info and a workbook sheet as a warning", () => {
    const rows: CellValue[][] = new Array<CellValue[]>(EXCEL_MAX_ROWS);
    for (let i = 0; i < rows.length; i++) rows[i] = [String(1 + i), "2025-09-06", 1];
    const t: RawTable = { ...table("weekly_sales", SALES, rows), origin: "xlsx sheet" };
    const r = buildDataset(workbook(t));
    expect(only(r.issues, "beyond-excel-limits")).toEqual([
      {
        severity: "warning",
        code: "beyond-excel-limits",
        sheet: "weekly_sales",
        row: null,
        column: null,
        message:
          "weekly_sales reaches 1,048,577 rows (an Excel sheet holds 1,048,576), more than Excel can hold. It was read in full, but this workbook was not written by Excel, and Excel would open it cut short or not at all.",
      },
    ]);
    expect(r.rowStats.sales.read).toBe(EXCEL_MAX_ROWS);
    const report = (x: RawTable): Issue[] => {
      const c = new IssueCollector();
      reportBeyondExcel([x], c);
      return c.finish();
    };
    expect(report({ ...t, rows: rows.slice(1) })).toEqual([]);
    expect(report({ ...t, origin: "csv" }).map((i) => i.severity)).toEqual(["info"]);
    expect(report({ ...t, rows: rows.slice(1), headerRow: 2 })).toHaveLength(1);
    const wide = table("w", [...SALES, ...new Array<string>(16_381).fill("x")], [["1"]]);
    expect(report(wide)).toEqual([]);
    expect(report({ ...wide, firstColumn: 2 })[0].message).toBe(
      "w reaches 16,385 columns (an Excel sheet holds 16,384), more than Excel can hold. It was read in full, but this workbook was not written by Excel, and Excel would open it cut short or not at all.",
    );
  });
});
