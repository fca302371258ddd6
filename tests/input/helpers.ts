import * as path from "path";
import type { Dataset } from "../../src/engine/input/dataset";
import type { RawTable, RawWorkbook, CellValue } from "../../src/engine/input/raw-table";

export const SEED_DIR = path.resolve(__dirname, "../../../shared/data/seed");

/** A RawTable from a header and rows (header row 1, column A). */
export function table(name: string, header: string[], rows: CellValue[][]): RawTable {
  return { name, origin: "test", header, rows, headerRow: 1, firstColumn: 1 };
}

export function workbook(...tables: RawTable[]): RawWorkbook {
  return { source: "test", tables };
}

/** A dataset as plain data, for deep equality. */
export function plain(d: Dataset): unknown {
  const a = (x: ArrayLike<number>) => Array.from(x);
  return {
    calendar: { startDays: a(d.calendar.startDays), labels: d.calendar.labels },
    customers: {
      count: d.customers.count,
      ids: d.customers.ids,
      age: a(d.customers.age),
      householdSize: a(d.customers.householdSize),
      loyalty: a(d.customers.loyalty),
      segment: d.customers.segment,
      store: a(d.customers.store),
      highValueFlag: a(d.customers.highValueFlag),
      firstWeek: a(d.customers.firstWeek),
      lastPurchaseWeek: a(d.customers.lastPurchaseWeek),
    },
    sales: {
      weeks: d.sales.weeks,
      spendCents: a(d.sales.spendCents),
      present: a(d.sales.present),
      store: a(d.sales.store),
      rowCount: d.sales.rowCount,
    },
    stores: d.stores.ids,
    stock: {
      present: d.stock.present,
      skuCount: a(d.stock.skuCount),
      skusOut: a(d.stock.skusOut),
      stockoutDays: a(d.stock.stockoutDays),
      inStockRate: a(d.stock.inStockRate),
      measure: d.stock.measure,
      rowCount: d.stock.rowCount,
    },
    inputCounts: d.inputCounts,
  };
}
