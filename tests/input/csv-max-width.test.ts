/**
 * CsvColumns.maxWidth (TableCells.maxWidth), which excel-limits.ts tableExtent reads instead of
 * asking every row its width: on random CSV text with short, long and blank rows, it is the
 * largest width(i) (0 without rows), and tableExtent gives the same extent as over the table's
 * plain rows (the reference loop).
 */
import fc from "fast-check";
import { tableExtent } from "../../src/engine/input/excel-limits";
import type { RawTable } from "../../src/engine/input/raw-table";
import { scanCsv } from "../../src/workbook/csv-columns";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";

const FIELD = fc.constantFrom("a", "", '"x,y"', "12.5", " ");

describe("maxWidth: the widest data row without walking the rows", () => {
  it("is the largest width(i), and tableExtent is the plain rows' extent", () => {
    fc.assert(
      fc.property(
        fc.array(FIELD, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(FIELD, { minLength: 0, maxLength: 6 }), { maxLength: 12 }),
        fc.constantFrom("\n", "\r\n"),
        (header, rows, eol) => {
          const text = [header, ...rows].map((r) => r.join(",")).join(eol) + eol;
          const { columns } = scanCsv(text);
          let most = 0;
          for (let i = 0; i < columns.rowCount; i++) most = Math.max(most, columns.width(i));
          expect(columns.maxWidth()).toBe(most);
          const table = csvTextToTable("t.csv", text);
          const plain: RawTable = { ...table, cells: undefined, rows: table.rows };
          expect(tableExtent(table)).toEqual(tableExtent(plain));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("hand-worked: a long row widens the table, a header alone has no rows", () => {
    expect(scanCsv("a,b\n1,2\n1,2,3,4\n5\n").columns.maxWidth()).toBe(4);
    expect(scanCsv("a,b\n1,2\n").columns.maxWidth()).toBe(2);
    expect(scanCsv("a,b\n").columns.maxWidth()).toBe(0);
  });
});
