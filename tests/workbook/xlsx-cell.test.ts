import fc from "fast-check";
import {
  EXCEL_MAX_CELL_CHARS,
  TRUNCATION_MARKER,
  tableColumnNames,
  toXlsxValue,
  truncateForExcel,
  uniqueSheetName,
  uniqueTableName,
} from "../../src/workbook/xlsx-cell";

describe("xlsx cell rules", () => {
  it("truncates only over Excel's limit, to exactly the limit, never splitting a surrogate pair", () => {
    expect(truncateForExcel("x".repeat(EXCEL_MAX_CELL_CHARS))).toHaveLength(EXCEL_MAX_CELL_CHARS);
    const cut = truncateForExcel("x".repeat(EXCEL_MAX_CELL_CHARS + 1));
    expect(cut).toHaveLength(EXCEL_MAX_CELL_CHARS);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    // a pair straddling the cut point is dropped whole
    const at = EXCEL_MAX_CELL_CHARS - TRUNCATION_MARKER.length - 1;
    const s = "a".repeat(at) + "🚀" + "b".repeat(100);
    const t = truncateForExcel(s);
    expect(t).toBe("a".repeat(at) + TRUNCATION_MARKER);
  });

  it("writes non-finite numbers and invalid dates as empty cells, flags formula-looking text", () => {
    expect(toXlsxValue(NaN).value).toBeNull();
    expect(toXlsxValue(Infinity).value).toBeNull();
    expect(toXlsxValue(new Date(NaN)).value).toBeNull();
    expect(toXlsxValue(3.5)).toEqual({ value: 3.5, forceText: false });
    expect(toXlsxValue("=1+1")).toEqual({ value: "=1+1", forceText: true });
    expect(toXlsxValue("abc")).toEqual({ value: "abc", forceText: false });
    expect(toXlsxValue(" x")).toEqual({ value: { richText: [{ text: " x" }] }, forceText: false });
  });

  it("makes valid, unique sheet names of at most 31 characters", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 20 }), (names) => {
        const used = new Set<string>();
        const out = names.map((n) => uniqueSheetName(n, used));
        for (const n of out) {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(31);
          // eslint-disable-next-line no-control-regex
          expect(n).not.toMatch(/[[\]:*?/\\\u0000-\u001F]|^'|'$/);
          expect(n.toLowerCase()).not.toBe("history");
        }
        expect(new Set(out.map((n) => n.toLowerCase())).size).toBe(out.length);
      }),
    );
  });

  it("makes valid, unique Excel table names that are not cell references", () => {
    expect(uniqueTableName("A1", new Set())).toBe("T_A1");
    expect(uniqueTableName("R1C1", new Set())).toBe("T_R1C1");
    expect(uniqueTableName("RGO Gaps", new Set())).toBe("RGO_Gaps");
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), (names) => {
        const used = new Set<string>();
        const out = names.map((n) => uniqueTableName(n, used));
        for (const n of out) {
          expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
          expect(n).not.toMatch(/^[A-Za-z]{1,3}[0-9]+$/);
          expect(n).not.toMatch(/^([Rr][0-9]*)?([Cc][0-9]*)?$/);
          expect(n.length).toBeLessThanOrEqual(255);
        }
        expect(new Set(out.map((n) => n.toLowerCase())).size).toBe(out.length);
      }),
    );
  });

  it("makes table column names non-empty, single-line and unique", () => {
    expect(tableColumnNames(["a", "A", "", "x\ny"])).toEqual(["a", "A 2", "Column3", "x y"]);
  });
});
