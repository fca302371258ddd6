/**
 * The read-only sheet view of the preview: cells formatted as the sheet's number formats show
 * them, at most 200 rows per table with a note saying how many there are, report sheets in block
 * order; the preview host hands out the result sheet it holds.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { ResultSheet } from "../../src/engine/report/result-book";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { formatCell, sheetView, SHEET_VIEW_ROWS } from "../../src/taskpane/state/sheet-view";

const gapsSheet = (n: number): ResultSheet => ({
  name: "RGO Gaps",
  freezeHeader: true,
  content: {
    kind: "table",
    table: {
      name: "RGO_Gaps",
      columns: [
        { header: "Rank", format: "integer" },
        { header: "Customer", format: "text" },
        { header: "Gap amount", format: "currency" },
        { header: "Gap %", format: "percent" },
        { header: "Priority score", format: "score" },
        { header: "Week", format: "date" },
      ],
      rows: Array.from({ length: n }, (_, i) => [
        i + 1,
        String(1000 + i),
        -(i + 0.5),
        -0.415,
        8.347,
        new Date(Date.UTC(2025, 8, 6)),
      ]),
    },
  },
});

test("cells show as the sheet formats them", () => {
  expect(formatCell(22583.22, "currency")).toBe("$22,583.22");
  expect(formatCell(-186.26, "currency")).toBe("-$186.26");
  expect(formatCell(0.415, "percent")).toBe("41.5%");
  expect(formatCell(-0.0004, "percent")).toBe("0.0%");
  expect(formatCell(1234, "integer")).toBe("1,234");
  expect(formatCell(8.347, "score")).toBe("8.35");
  expect(formatCell(1234.5, "decimal")).toBe("1234.50");
  expect(formatCell(new Date(Date.UTC(2025, 8, 6)), "date")).toBe("2025-09-06");
  expect(formatCell(45906, "date")).toBe("2025-09-06");
  expect(formatCell("=SUM(A1)", "currency")).toBe("=SUM(A1)");
  expect(formatCell(true, "text")).toBe("TRUE");
  expect(formatCell(null, "currency")).toBe("");
  expect(formatCell(Number.NaN, "currency")).toBe("");
});

test("money shown reads back as the same cents; percents as the same tenths", () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
      const shown = formatCell(cents / 100, "currency");
      const m = /^(-?)\$(\d{1,3}(?:,\d{3})*)\.(\d{2})$/.exec(shown);
      expect(m).not.toBeNull();
      const [, sign, whole, frac] = m as RegExpExecArray;
      const back = Number(whole.replace(/,/g, "")) * 100 + Number(frac);
      expect(sign === "-" ? -back : back).toBe(cents === 0 ? 0 : cents);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: -1e6, max: 1e6 }), (tenths) => {
      const shown = formatCell(tenths / 1000, "percent");
      expect(Number(shown.replace(/[,%]/g, ""))).toBeCloseTo(tenths / 10, 9);
    }),
  );
});

test("a table sheet shows its first 200 rows and says how many there are", () => {
  const v = sheetView(gapsSheet(343));
  expect(v.name).toBe("RGO Gaps");
  expect(v.parts).toHaveLength(1);
  const t = v.parts[0];
  if (t.kind !== "table") throw new Error("not a table");
  expect(t.headers).toEqual(["Rank", "Customer", "Gap amount", "Gap %", "Priority score", "Week"]);
  expect(t.numeric).toEqual([true, false, true, true, true, false]);
  expect(t.rows).toHaveLength(SHEET_VIEW_ROWS);
  expect(t.totalRows).toBe(343);
  expect(t.rows[0]).toEqual(["1", "1000", "-$0.50", "-41.5%", "8.35", "2025-09-06"]);
  expect(t.rows[199][0]).toBe("200");
  expect(v.note).toBe("first 200 of 343 rows — download the results for all");
  expect(sheetView(gapsSheet(200)).note).toBeNull();
  expect(sheetView(gapsSheet(0)).note).toBeNull();
});

test("a report sheet shows its headings, figures, text and tables in order", () => {
  const v = sheetView({
    name: "RGO Summary",
    content: {
      kind: "report",
      blocks: [
        { kind: "heading", text: "Revenue gaps", level: 1 },
        {
          kind: "figures",
          items: [
            { label: "Total gap", value: 22583.22, format: "currency" },
            { label: "Gaps", value: 343, format: "integer" },
          ],
        },
        { kind: "spacer" },
        { kind: "paragraph", text: "Read me." },
        { kind: "bullets", items: ["a", "b"] },
        {
          kind: "table",
          table: {
            name: "ByType",
            title: "By gap type",
            columns: [
              { header: "Gap type", format: "text" },
              { header: "Amount", format: "currency" },
            ],
            rows: [["below_baseline", 1532.62]],
          },
        },
      ],
    },
  });
  expect(v.parts.map((p) => p.kind)).toEqual(["heading", "table", "text", "bullets", "table"]);
  expect(v.parts[1]).toMatchObject({
    rows: [
      ["Total gap", "$22,583.22"],
      ["Gaps", "343"],
    ],
  });
  expect(v.parts[4]).toMatchObject({
    title: "By gap type",
    headers: ["Gap type", "Amount"],
    rows: [["below_baseline", "$1,532.62"]],
  });
  expect(v.note).toBeNull();
});

test("a sheet in another currency shows its money in that currency, everything else as in USD", () => {
  expect(formatCell(22583.22, "currency", "GBP")).toBe("£22,583.22");
  expect(formatCell(-186.26, "currency", "EUR")).toBe("-€186.26");
  expect(formatCell(1234.5, "currency", "JPY")).toBe("¥1,235");
  expect(formatCell(12.5, "currency", "CHF")).toBe("CHF 12.50");
  expect(formatCell(1234, "integer", "GBP")).toBe("1,234");
  const usd = gapsSheet(3);
  const pounds = sheetView({ ...usd, currency: "GBP" });
  const t = pounds.parts[0];
  if (t.kind !== "table") throw new Error("not a table");
  expect(t.rows.map((r) => r[2])).toEqual(["-£0.50", "-£1.50", "-£2.50"]);
  // The same view as in dollars but for the symbol of the money column.
  const d = sheetView(usd).parts[0];
  if (d.kind !== "table") throw new Error("not a table");
  expect(t.rows).toEqual(d.rows.map((r) => r.map((c, i) => (i === 2 ? c.replace("$", "£") : c))));
  const report = sheetView({
    name: "RGO Summary",
    currency: "EUR",
    content: {
      kind: "report",
      blocks: [
        { kind: "figures", items: [{ label: "Total gap", value: 22583.22, format: "currency" }] },
      ],
    },
  });
  expect(report.parts[0]).toMatchObject({ rows: [["Total gap", "€22,583.22"]] });
});

test("pounds shown read back as the same pence", () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e13, max: 1e13 }), (pence) => {
      const shown = formatCell(pence / 100, "currency", "GBP");
      const m = /^(-?)£(\d{1,3}(?:,\d{3})*)\.(\d{2})$/.exec(shown);
      expect(m).not.toBeNull();
      const [, sign, whole, frac] = m as RegExpExecArray;
      const back = Number(whole.replace(/,/g, "")) * 100 + Number(frac);
      expect(sign === "-" ? -back : back).toBe(pence === 0 ? 0 : pence);
    }),
  );
});

test("the preview host hands out the result sheets it holds, and nothing else", async () => {
  const nodeExcel: ExcelLoader = async () => ExcelJS;
  const host = PreviewHost.empty("Book1", nodeExcel);
  expect(host.resultSheet("RGO Gaps")).toBeNull();
  const sheet = gapsSheet(3);
  await host.writeResults({ sheets: [sheet], properties: {} });
  expect(host.resultSheet("RGO Gaps")).toBe(sheet);
  expect(host.resultSheet("rgo gaps")).toBe(sheet);
  await host.writeSampleSheets([
    { name: "customers", origin: "x", header: ["a"], rows: [], headerRow: 1, firstColumn: 1 },
  ]);
  expect(host.resultSheet("customers")).toBeNull();
});
