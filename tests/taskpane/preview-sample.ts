/**
 * The small workbook the preview tests open, written by exceljs in Node: a sheet with a date, rich
 * text and a formula's cached result, and a sheet with a note above an Excel table at B3.
 */
import ExcelJS from "exceljs";

export async function sampleFile(extra?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sales = wb.addWorksheet("weekly_sales");
  sales.addRow(["customer_id", "week_start_date", "weekly_spend"]);
  sales.addRow(["C1", new Date(Date.UTC(2025, 0, 4)), 10.5]);
  sales.addRow([
    { richText: [{ text: "C" }, { text: "2" }] },
    new Date(Date.UTC(2025, 0, 4)),
    { formula: "2*3", result: 6 },
  ]);
  const data = wb.addWorksheet("Data");
  data.getCell("A1").value = "Notes above the table";
  data.addTable({
    name: "tblCustomers",
    ref: "B3",
    headerRow: true,
    columns: [{ name: "customer_id" }, { name: "age" }],
    rows: [
      ["C1", 40],
      ["C2", 51],
    ],
  });
  extra?.(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
