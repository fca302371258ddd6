/**
 * The row scan's run (csv-row-scan.ts `CsvRowScan.plainRows`: predicted codes compared four bytes
 * at a time and taken in the loop, amounts cut by FieldStarts.cut, a return every 2048 rows) against
 * the whole grammar alone as the reference: the same text cut by `record` only, record after
 * record. On random sales-shaped CSV whose rows break every prediction (another customer, a week
 * repeated or skipped, another store, quoted fields, short and long rows, empty fields, amounts
 * with signs, decimals and around the 15-unit edge, text that is not money, LF / CRLF / CR, a last
 * row with or without a line end), in UTF-8 bytes and UTF-16 units, with columns turned to starts
 * after 1, 2, 4 or 64 rows: every column's codes, code table (first fields' units), starts and
 * cents (NaN and the sign of zero included), the widths, the row and record counts and where the
 * scan ends are the same. A hand-built file of 5,000 rows crosses the 2048-row returns and the
 * column checks; the built-in warm-up CSV (csv-scan-warm-up.ts) is checked to pass each way the
 * run can go.
 */
import fc from "fast-check";
import type { CsvUnits } from "../../src/workbook/csv-field-codes";
import { CsvRowScan } from "../../src/workbook/csv-row-scan";
import { warmUpCsv } from "../../src/workbook/csv-scan-warm-up";

/** What a scan leaves: everything the columns are built from. */
function outcome(scan: CsvRowScan) {
  const rows = scan.rows;
  return {
    rows,
    records: scan.records,
    i: scan.i,
    done: scan.done,
    usual: scan.usual,
    header: scan.header,
    unclosedAt: scan.unclosedAt,
    widths: scan.widths === null ? null : Array.from(scan.widths.subarray(0, rows)),
    columns: scan.codes.map((col, j) => {
      if (col !== null)
        return {
          code: Array.from(col.code.subarray(0, rows)),
          count: col.count,
          nullCode: col.nullCode,
          from: Array.from(col.from.subarray(0, col.count)),
          to: Array.from(col.to.subarray(0, col.count)),
        };
      const kept = scan.starts[j];
      if (kept === null) throw new Error(`column ${j} kept neither way`);
      return {
        at: Array.from(kept.at.subarray(0, rows)),
        // The sign of zero and NaN spelled out, so toEqual tells them apart.
        cents: Array.from(kept.cents.subarray(0, rows), (c) =>
          Number.isNaN(c) ? "NaN" : Object.is(c, -0) ? "-0" : c,
        ),
      };
    }),
  };
}

const headerText = (text: CsvUnits) => (from: number, to: number) =>
  String.fromCharCode(...Array.from(text.subarray(from, to))).trim();

/** The scan as csv-columns.ts scanUnits drives it: runs of plain rows, the rest by record. */
function byRun(text: CsvUnits, d: number, check: number) {
  const scan = new CsvRowScan(text, d, 16, check, headerText(text));
  while (!scan.done) {
    if (scan.plainReady()) {
      if (scan.plainRows()) continue;
      if (scan.done) break;
    }
    scan.record();
  }
  return outcome(scan);
}

/** The reference: every record cut by the whole grammar. */
function byRecords(text: CsvUnits, d: number, check: number) {
  const scan = new CsvRowScan(text, d, 16, check, headerText(text));
  while (!scan.done) scan.record();
  return outcome(scan);
}

function expectSameScans(csv: string, delimiter: string, check: number): void {
  const d = delimiter.charCodeAt(0);
  const units = Uint16Array.from(csv, (c) => c.charCodeAt(0));
  const bytes = new Uint8Array(Buffer.from(csv, "utf8"));
  for (const text of [bytes, units])
    expect(byRun(text, d, check)).toEqual(byRecords(text, d, check));
}

const CUSTOMERS = ["C00001", "C00002", "C2", "C00001 ", "", '"C00001"', '"C,3"', "é1"];
const WEEKS = ["2025-01-04", "2025-01-11", "2025-01-18", "2025-01-25", "", '"2025-01-04"', "W5"];
const AMOUNTS = [
  "68.15",
  "-3.25",
  "0",
  "-0",
  "7.5",
  "7.",
  ".5",
  "-",
  "12345678901234",
  "123456789012.34",
  "1234567890123.45",
  "-12345678901.25",
  "1.234",
  "1e3",
  "$4",
  "",
  '"12.50"',
  "12,5",
  " 1",
];
const DIGIT = fc.constantFrom(..."0123456789");

/** Money-shaped text around the 15-unit edge: -?digits(.digits)?, 0-3 decimals. */
const MONEY = fc
  .tuple(
    fc.constantFrom("", "-"),
    fc
      .integer({ min: 0, max: 16 })
      .chain((length) => fc.array(DIGIT, { minLength: length, maxLength: length })),
    fc.option(fc.array(DIGIT, { maxLength: 3 }), { nil: undefined }),
  )
  .map(
    ([sign, whole, decimals]) =>
      sign + whole.join("") + (decimals === undefined ? "" : "." + decimals.join("")),
  );

const STORES = ["111", "106", "", "1", '"111"', "111 "];

interface RowCase {
  customer: number;
  sameCustomer: boolean;
  week: number;
  amount: string;
  store: string;
  sameStore: boolean;
  shape: string;
  eol: string;
}

/** A sales-shaped row, then broken one way or another. */
const row: fc.Arbitrary<RowCase> = fc.record({
  customer: fc.nat({ max: CUSTOMERS.length - 1 }),
  sameCustomer: fc.boolean(),
  week: fc.constantFrom(1, 1, 1, 0, 2, -1),
  amount: fc.oneof(fc.constantFrom(...AMOUNTS), MONEY),
  store: fc.constantFrom(...STORES),
  sameStore: fc.boolean(),
  // A row of another width ends the run for the rest of the file: rare, so most rows are cut by it.
  shape: fc.oneof(
    { weight: 60, arbitrary: fc.constant("plain") },
    { weight: 1, arbitrary: fc.constantFrom("short", "long", "blank", "one") },
  ),
  eol: fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"),
});

const fileCase = fc.record({
  rows: fc.array(row, { minLength: 0, maxLength: 120 }),
  finalEol: fc.boolean(),
  delimiter: fc.constantFrom(",", ",", ";"),
  check: fc.constantFrom(1, 2, 4, 64),
});

/** The CSV text of a file case: runs of customers and weeks with the rows' breaks. */
function csvOf(rows: RowCase[], finalEol: boolean, delimiter: string): string {
  const sep = delimiter;
  let csv = ["customer_id", "week_start_date", "weekly_spend", "store_id"].join(sep) + "\n";
  let customer = CUSTOMERS[0];
  let store = STORES[0];
  let week = 0;
  rows.forEach((r, k) => {
    if (!r.sameCustomer) customer = CUSTOMERS[r.customer];
    if (!r.sameStore) store = r.store;
    week = (week + r.week + WEEKS.length) % WEEKS.length;
    // ";" rows carry a "," inside a field: not a delimiter there.
    const amount = sep === ";" ? r.amount.replace(".", ",") : r.amount;
    let fields = [customer, WEEKS[week], amount, store];
    if (r.shape === "short") fields = fields.slice(0, 2);
    else if (r.shape === "long") fields = [...fields, "extra"];
    else if (r.shape === "blank") fields = [""];
    else if (r.shape === "one") fields = [customer];
    const last = k === rows.length - 1;
    csv += fields.join(sep) + (last && !finalEol ? "" : r.eol);
  });
  return csv;
}

describe("the row scan's run cuts what the whole grammar cuts", () => {
  it("on sales-shaped CSV breaking every prediction: same codes, starts, cents, widths", () => {
    fc.assert(
      fc.property(fileCase, ({ rows, finalEol, delimiter, check }) => {
        expectSameScans(csvOf(rows, finalEol, delimiter), delimiter, check);
      }),
      { numRuns: 300 },
    );
  });

  it("a quoted field, a short and a long row inside long runs, hand-worked", () => {
    const csv =
      "customer_id,week_start_date,weekly_spend,store_id\r\n" +
      "C1,2025-01-04,1.50,111\r\n" +
      "C1,2025-01-11,-2,111\r\n" +
      '"C1",2025-01-18,3.05,111\r\n' + // the same customer, quoted: another spelling, another code
      "C1,2025-01-25\r\n" + // short
      "C1,2025-02-01,4,111,x\r\n" + // long
      "C2,2025-01-04,,106"; // no line end
    const scan = byRun(new Uint8Array(Buffer.from(csv)), 44, 64);
    expect(scan.rows).toBe(6);
    expect(scan.widths).toEqual([4, 4, 4, 2, 5, 4]);
    const [customers, , amounts] = scan.columns;
    // C1, C1, "C1", C1, C1, C2: three spellings, first-seen order.
    expect(customers.code).toEqual([0, 0, 1, 0, 0, 2]);
    // Kept by codes (6 rows, before the first check); the short row's and the last row's empty
    // amounts share one code.
    expect(amounts.code).toEqual([0, 1, 2, 3, 4, 3]);
    expect(scan).toEqual(byRecords(new Uint8Array(Buffer.from(csv)), 44, 64));
  });

  it("5,000 rows: across the 2048-row returns, the checks and a column turned to starts", () => {
    let csv = "customer_id,week_start_date,weekly_spend,store_id\n";
    for (let k = 0; k < 5000; k++) {
      const week = `2025-${String(1 + ((k % 52) >> 2)).padStart(2, "0")}-${String(1 + (k % 4) * 7).padStart(2, "0")}`;
      // Every 997th row quoted, every 1499th short; cents with and without decimals and signs.
      const customer = k % 997 === 5 ? `"C${Math.floor(k / 52)}"` : `C${Math.floor(k / 52)}`;
      const amount = `${k % 7 === 0 ? "-" : ""}${(k * 37) % 1000}${k % 3 === 0 ? "" : `.${k % 100}`}`;
      const fields = [customer, week, amount, String(100 + (Math.floor(k / 52) % 9))];
      csv +=
        (k % 1499 === 7 ? fields.slice(0, 3) : fields).join(",") + (k % 11 === 0 ? "\r\n" : "\n");
    }
    const bytes = new Uint8Array(Buffer.from(csv));
    const scan = byRun(bytes, 44, 64);
    expect(scan.rows).toBe(5000);
    // The amounts are mostly distinct: kept by starts, with their cents.
    const amounts = scan.columns[2];
    const cents = "cents" in amounts ? amounts.cents : undefined;
    expect(cents?.[7]).toBe(-25970); // k = 7: "-259.7"
    expect(cents?.[3]).toBe(11100); // k = 3: "111"
    expect(scan).toEqual(byRecords(bytes, 44, 64));
  });

  it("the warm-up CSV passes each way the run can go", () => {
    const sample = warmUpCsv();
    const scan = byRun(sample, 44, 4);
    expect(scan).toEqual(byRecords(sample, 44, 4));
    // A short and a long row (widths), a column kept by codes and one by starts.
    expect(scan.widths).not.toBeNull();
    expect(scan.columns.some((c) => "code" in c)).toBe(true);
    const starts = scan.columns.filter((c) => "cents" in c);
    expect(starts.length).toBeGreaterThan(0);
    const cents = starts.flatMap((c) => ("cents" in c ? c.cents : []));
    // Money with and without sign, minus zero read as zero, and text that is not money.
    expect(cents).toContain("NaN");
    expect(cents.some((c) => typeof c === "number" && c < 0)).toBe(true);
    expect(cents.some((c) => typeof c === "number" && c > 0 && c % 100 !== 0)).toBe(true);
    // Every line end: LF, CRLF and CR; a quoted field; no line end after the last row.
    const text = Buffer.from(sample).toString("latin1");
    expect(text).toContain("\r\n");
    expect(/\r[^\n]/.test(text)).toBe(true);
    expect(text).toContain('"');
    expect(text.endsWith("\n")).toBe(false);
  });
});
