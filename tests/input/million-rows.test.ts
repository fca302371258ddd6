import { buildDataset } from "../../src/engine/input/build-dataset";
import { isoDateOfDay } from "../../src/engine/input/calendar-days";
import type { CellValue } from "../../src/engine/input/raw-table";
import { table, workbook } from "./helpers";

test("1,040,000 sales rows (20,000 customers x 52 weeks, CSV text cells) build into the dataset (speed is measured by npm run bench)", () => {
  const customers = 20000;
  const weeks = 52;
  const first = Date.UTC(2025, 0, 4) / 86400000; // a Saturday
  const weekText = Array.from({ length: weeks }, (_, w) => isoDateOfDay(first + 7 * w));
  const rows: CellValue[][] = new Array(customers * weeks);
  let k = 0;
  for (let c = 0; c < customers; c++) {
    const id = String(c + 1);
    for (let w = 0; w < weeks; w++)
      rows[k++] = [id, weekText[w], ((c * 31 + w * 7) % 20000) / 100 + "", String(100 + (c % 40))];
  }
  const { dataset: d, issues } = buildDataset(
    workbook(
      table("weekly_sales", ["customer_id", "week_start_date", "weekly_spend", "store_id"], rows),
    ),
  );
  expect(issues.map((i) => i.code)).toEqual(["customers-derived"]);
  expect(d.sales.rowCount).toBe(1040000);
  expect(d.customers.count).toBe(customers);
  expect(d.sales.weeks).toBe(weeks);
  // hand check: customer 20000 (index 19999), week 51
  expect(d.sales.spendCents[19999 * weeks + 51]).toBe((19999 * 31 + 51 * 7) % 20000);
  expect(d.stores.ids[d.customers.store[19999]]).toBe(String(100 + (19999 % 40)));
});
