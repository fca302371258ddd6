/** A small report book with one chart of each kind, and tricky text in titles and labels. */
import type { ResultBook, ResultSheet } from "../../../src/engine/report/result-book";
import { fixtureBook } from "../result-book-fixture";

/** A title a user's data could produce: markup, quotes, a CDATA end and a control character. */
export const NASTY_TITLE = `Gap <by> "type" & 'cause' ]]> \u0001 end`;

export const BY_TYPE = {
  header: ["Gap type", "Revenue at risk"],
  rows: [
    ["demand <softness>", 1234.5],
    ["stockout & supply", 50.25],
    ['=HYPERLINK("x")', 7],
  ] as [string, number][],
};

export const FORECAST = {
  header: ["Week starting", "Expected revenue", "Recent run-rate"],
  rows: [
    ["2025-09-01", 900, 1000],
    ["2025-09-08", 850.5, 1000],
    ["2025-09-15", 800.25, 1000],
    ["2025-09-22", 760, 1000],
  ] as [string, number, number][],
};

export function chartSheet(): ResultSheet {
  return {
    name: "RGO Summary",
    content: {
      kind: "report",
      blocks: [
        { kind: "heading", text: "Revenue gap summary", level: 1 },
        {
          kind: "figures",
          items: [
            { label: "Total gap", value: 1291.75, format: "currency" },
            { label: "Customers", value: 3, format: "integer" },
          ],
        },
        {
          kind: "table",
          table: {
            name: "RGO_Summary_ByType",
            title: "By gap type",
            columns: [
              { header: BY_TYPE.header[0], format: "text" },
              { header: BY_TYPE.header[1], format: "currency" },
            ],
            rows: BY_TYPE.rows,
          },
        },
        {
          kind: "table",
          table: {
            name: "RGO_Summary_Forecast",
            columns: [
              { header: FORECAST.header[0], format: "text" },
              { header: FORECAST.header[1], format: "currency" },
              { header: FORECAST.header[2], format: "currency" },
            ],
            rows: FORECAST.rows,
          },
        },
      ],
    },
    charts: [
      {
        title: NASTY_TITLE,
        table: "RGO_Summary_ByType",
        categoryColumn: 0,
        valueColumn: 1,
        kind: "bar",
      },
      {
        title: "Share by type",
        table: "RGO_Summary_ByType",
        categoryColumn: 0,
        valueColumn: 1,
        kind: "pie",
      },
      {
        title: "Forecast",
        table: "RGO_Summary_Forecast",
        categoryColumn: 0,
        valueColumn: 1,
        lastValueColumn: 2,
        kind: "line",
      },
    ],
  };
}

/** The chart book: the report sheet and a plain table sheet (which has no charts). */
export function chartBook(charts = true): ResultBook {
  const summary = chartSheet();
  const gapsSheet = fixtureBook().sheets.find((s) => s.name === "RGO Gaps");
  if (gapsSheet === undefined) throw new Error("the writers' fixture has no RGO Gaps sheet");
  return {
    properties: { title: "RGO results" },
    sheets: [charts ? summary : { ...summary, charts: undefined }, gapsSheet],
  };
}
