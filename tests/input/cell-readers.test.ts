import {
  BAD,
  BLANK,
  BOOLEAN,
  expected,
  ID,
  INVALID,
  MONEY_CENTS,
  MONEY_NON_NEGATIVE,
  NUMBER,
  RowReader,
} from "../../src/engine/input/cell-readers";
import { IssueCollector } from "../../src/engine/input/issue-collector";
import { newNumberParse } from "../../src/engine/input/coerce-number";
import { readKeyedRows, uniqueKey } from "../../src/engine/input/keyed-rows";
import { emptyRowStats } from "../../src/engine/input/row-stats";
import { table } from "./helpers";

describe("column types", () => {
  const num = newNumberParse();
  test("ids, money, numbers and booleans", () => {
    expect(ID(" 12.00 ", num)).toBe("12");
    expect(ID("  ", num)).toBe(BLANK);
    expect(ID(true, num)).toBe(INVALID);
    expect(MONEY_CENTS("$1,234.50", num)).toBe(123450);
    expect(MONEY_CENTS("5%", num)).toBe(INVALID);
    expect(MONEY_NON_NEGATIVE("-3", num)).toBe(INVALID);
    expect(MONEY_NON_NEGATIVE(12.5, num)).toBe(12.5);
    expect(NUMBER("abc", num)).toBe(INVALID);
    expect(NUMBER(null, num)).toBe(BLANK);
    expect(BOOLEAN("Yes", num)).toBe(1);
    expect(BOOLEAN("maybe", num)).toBe(INVALID);
  });
});

describe("RowReader", () => {
  const t = table(
    "s",
    ["Cust", "Takings", "Age"],
    [
      ["C1", "12.5", "x"],
      [null, "abc", 40],
      [null, null, null],
    ],
  );
  const cols = { customerId: 0, revenue: 1, age: 2, store: -1 };

  test("required values mark the row bad and word the issue with the header", () => {
    const issues = new IssueCollector();
    const rr = new RowReader(t, cols, issues);
    expect(rr.at(1)).toBe(true);
    const id = rr.required("customerId", ID, {
      invalid: "bad-id",
      say: expected("a customer id", "Row skipped."),
    });
    const amount = rr.required("revenue", MONEY_CENTS, {
      invalid: "not-a-number",
      say: expected("an amount", "Row skipped."),
    });
    expect(id).toBe(BAD);
    expect(amount).toBe(BAD);
    expect(rr.bad).toBe(true);
    expect(issues.finish()).toEqual([
      {
        severity: "error",
        code: "missing-value",
        sheet: "s",
        row: 3,
        column: "Cust",
        message: "Cust is blank; expected a customer id. Row skipped.",
      },
      {
        severity: "error",
        code: "not-a-number",
        sheet: "s",
        row: 3,
        column: "Takings",
        message: 'Takings is "abc"; expected an amount. Row skipped.',
      },
    ]);
    expect(rr.at(2)).toBe(false);
    expect(rr.bad).toBe(false);
  });

  test("optional values warn on invalid cells only and leave the value unknown", () => {
    const issues = new IssueCollector();
    const rr = new RowReader(t, cols, issues);
    rr.at(0);
    const age = { code: "bad-value", say: expected("a number", "Left unknown.") };
    expect(rr.optional("age", NUMBER, age)).toBeNull();
    expect(rr.optional("store", ID, age)).toBeNull();
    expect(rr.bad).toBe(false);
    rr.at(1);
    expect(rr.optional("age", NUMBER, age)).toBe(40);
    expect(issues.finish().map((i) => [i.row, i.column, i.message])).toEqual([
      [2, "Age", 'Age is "x"; expected a number. Left unknown.'],
    ]);
  });
});

test("readKeyedRows: blank, missing and repeated ids are counted and skipped", () => {
  const t = table(
    "deals",
    ["Deal", "Stage"],
    [
      ["D1", "a"],
      [null, null],
      ["", "b"],
      ["D1", "c"],
      ["D2", "d"],
      ["D3", "e"],
    ],
  );
  const issues = new IssueCollector();
  const stats = emptyRowStats(t.rows.length);
  const seen: string[] = [];
  readKeyedRows(
    new RowReader(t, { dealId: 0 }, issues),
    stats,
    uniqueKey("dealId", "deal"),
    (id) => {
      seen.push(id);
      return id !== "D3";
    },
  );
  expect(seen).toEqual(["D1", "D2", "D3"]);
  expect(stats).toEqual({ read: 6, accepted: 2, blank: 1, skipped: 3 });
  expect(issues.finish().map((i) => [i.code, i.row, i.message])).toEqual([
    ["missing-deal-id", 4, "Row skipped: the deal id is blank."],
    ["duplicate-deal", 5, "Row skipped: deal D1 appears more than once; the first row is used."],
  ]);
});
