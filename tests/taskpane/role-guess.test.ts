/** The Data step's role guess on the seed files uses the engine's detection; column mapping as the engine maps. */
import { resolve } from "node:path";
import type { SheetInfo } from "../../src/workbook/workbook-host";
import { columnMapping, guessRoles, sourceOptions } from "../../src/taskpane/state/role-guess";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

const SEED = resolve(__dirname, "../../../shared/data/seed");

test("the seed files' roles are guessed from their names and headers", async () => {
  const wb = await readCsvFolder(SEED);
  const sheets: SheetInfo[] = wb.tables.map((t) => ({
    name: t.name.replace(/\.csv$/, ""),
    rows: t.rows.length + 1,
    columns: t.header.length,
    header: t.header,
    tables: [],
    createdByRgo: false,
  }));
  sheets.push({
    name: "RGO Gaps",
    rows: 5,
    columns: 2,
    header: ["customer_id", "week"],
    tables: [],
    createdByRgo: true,
  });
  const options = sourceOptions(sheets);
  expect(options.some((o) => o.name === "RGO Gaps")).toBe(false);
  expect(guessRoles(options)).toEqual({
    customers: "sheet:retail_customers",
    sales: "sheet:retail_weekly_sales",
    stock: "sheet:stock_availability",
    deals: "sheet:deals",
    reps: "sheet:sales_reps",
  });
});

test("a table is found by its header when its name says nothing; the mapping names the columns used", () => {
  const sheets: SheetInfo[] = [
    {
      name: "Sheet1",
      rows: 10,
      columns: 3,
      header: ["Household Key", "Week Of", "Net Sales"],
      tables: [
        {
          name: "Table1",
          sheet: "Sheet1",
          rows: 9,
          columns: 3,
          header: ["Household Key", "Week Of", "Net Sales"],
        },
      ],
      createdByRgo: false,
    },
  ];
  const options = sourceOptions(sheets);
  expect(options.map((o) => o.key)).toEqual(["table:Table1"]);
  expect(guessRoles(options)).toEqual({ sales: "table:Table1" });
  const m = columnMapping("sales", options[0].header);
  expect(
    m.filter((x) => x.required).map(({ label, required, header }) => ({ label, required, header })),
  ).toEqual([
    { label: "customer id", required: true, header: "Household Key" },
    { label: "week", required: true, header: "Week Of" },
    { label: "revenue", required: true, header: "Net Sales" },
  ]);
});
