/**
 * Property: whatever text and numbers a charted table holds (markup, quotes, control characters,
 * lone surrogates, NaN, infinities, blanks), the chart and drawing parts are well-formed, the
 * title and labels read back as the cells hold them, and the caches hold exactly the finite
 * values, one point per row.
 */
import fc from "fast-check";
import type { ResultCell, ResultSheet } from "../../../src/engine/report/result-book";
import { layoutSheet } from "../../../src/workbook/sheet-layout";
import { xlsxText } from "../../../src/workbook/xlsx-cell";
import { chartData } from "../../../src/workbook/xlsx-charts/chart-data";
import { chartXml } from "../../../src/workbook/xlsx-charts/chart-xml";
import { drawingXml } from "../../../src/workbook/xlsx-charts/drawing-xml";
import { all, one, parseXml } from "./package-reader";

/** Text as a chart shows it: as a cell holds it, with what XML cannot hold replaced. */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
const XML_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const shown = (s: string): string => xlsxText(s).replace(XML_CONTROL, "\uFFFD");

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "line\r\nbreak\tand tab",
    "<b>&amp;</b>",
    "]]>",
    "'quoted' \"twice\"",
    "=SUM(A1)",
    "\u0000\u0007\u001F",
    "\uD800x",
  ),
);
const value = fc.oneof(fc.double({ noDefaultInfinity: false }), fc.integer(), fc.constant(null));

test("property: chart parts are well-formed and carry the table's text and finite values", () => {
  fc.assert(
    fc.property(
      text,
      fc.array(fc.tuple(fc.oneof(text, fc.constant(null)), value, value), {
        minLength: 1,
        maxLength: 12,
      }),
      fc.constantFrom<"bar" | "pie" | "line">("bar", "pie", "line"),
      text,
      (title, rows, kind, sheetName) => {
        const sheet: ResultSheet = {
          name: `RGO ${sheetName}`,
          content: {
            kind: "report",
            blocks: [
              {
                kind: "table",
                table: {
                  name: "T",
                  columns: [
                    { header: "Label", format: "text" },
                    { header: "First", format: "currency" },
                    { header: "Second", format: "decimal" },
                  ],
                  rows: rows as ResultCell[][],
                },
              },
            ],
          },
          charts: [
            {
              title,
              table: "T",
              categoryColumn: 0,
              valueColumn: 1,
              lastValueColumn: kind === "line" ? 2 : undefined,
              kind,
            },
          ],
        };
        const layout = layoutSheet(sheet);
        const [data] = chartData(layout);
        const doc = parseXml(chartXml(data));
        const drawing = parseXml(
          drawingXml([{ anchor: data.anchor, title, target: "../charts/chart1.xml" }]),
        );
        expect(one(drawing, "xdr:cNvPr").attrs.descr).toBe(shown(title));
        expect(one(one(doc, "c:title"), "a:t").text).toBe(shown(title));
        const series = all(doc, "c:ser");
        expect(series).toHaveLength(kind === "line" ? 2 : 1);
        series.forEach((ser, s) => {
          const val = one(ser, "c:val");
          expect(one(val, "c:ptCount").attrs.val).toBe(String(rows.length));
          const points = all(val, "c:pt").map((p) => [
            Number(p.attrs.idx),
            Number(one(p, "c:v").text),
          ]);
          const expected = rows.flatMap((r, i) => {
            const v = r[s + 1];
            return typeof v === "number" && Number.isFinite(v) ? [[i, v + 0]] : []; // -0 is written "0"
          });
          expect(points).toEqual(expected);
          const labels = all(one(ser, "c:cat"), "c:pt").map((p) => [
            Number(p.attrs.idx),
            one(p, "c:v").text,
          ]);
          expect(labels).toEqual(
            rows.flatMap((r, i) =>
              typeof r[0] === "string" && r[0] !== "" ? [[i, shown(r[0])]] : [],
            ),
          );
          // The references name the sheet as written (XML-safe), quotes doubled.
          expect(
            one(val, "c:f").text.startsWith(`'${shown(layout.name).replace(/'/g, "''")}'!`),
          ).toBe(true);
        });
      },
    ),
    { numRuns: 300 },
  );
});
