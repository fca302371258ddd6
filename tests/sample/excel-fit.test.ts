/**
 * `rgo sample` writes an .xlsx only when every table fits on an Excel sheet (1,048,576 rows with
 * the header); the limit is checked on the tables' true row counts.
 */
import { excelSheetProblem } from "../../src/engine/sample/excel-fit";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";

function tableOf(name: string, rows: number): RawTable {
  const row: CellValue[] = ["1"];
  return {
    name,
    origin: "sample",
    header: ["a"],
    rows: new Array<CellValue[]>(rows).fill(row),
    headerRow: 1,
    firstColumn: 1,
  };
}

test("1,048,575 data rows fit; one more does not, and the message names the table and both counts", () => {
  expect(excelSheetProblem([tableOf("weekly_sales", 1_048_575), tableOf("stock", 10)])).toBeNull();
  expect(excelSheetProblem([tableOf("customers", 3), tableOf("weekly_sales", 1_048_576)])).toBe(
    '"weekly_sales" would have 1,048,577 rows with its header; an Excel sheet holds at most 1,048,576 rows.',
  );
  expect(excelSheetProblem([tableOf("weekly_sales", 1_050_400), tableOf("stock", 2_000_000)])).toBe(
    '"weekly_sales" would have 1,050,401 rows with its header, "stock" would have 2,000,001 rows with its header; an Excel sheet holds at most 1,048,576 rows.',
  );
});
