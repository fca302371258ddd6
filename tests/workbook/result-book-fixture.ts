/** A small hand-made ResultBook with every block kind, every column format and tricky text. */
import type { ResultBook } from "../../src/engine/report/result-book";

export const HYPERLINK_ID = '=HYPERLINK("http://x","y")';
export const LONG_TEXT = "abc".repeat(11_000); // 33,000 characters
export const WEEK1 = new Date(Date.UTC(2025, 8, 6));
export const WEEK2 = new Date(Date.UTC(2025, 8, 13));
export const LONG_SHEET_NAME = "RGO Customers With A Very Long Sheet Name";

export function fixtureBook(): ResultBook {
  return {
    properties: {
      title: "RGO results",
      subject: "Revenue gaps",
      keywords: "rgo revenue gaps",
      rulePack: "seed-tier2",
      rulePackHash: "sha256:0123abcd",
      apiToken: "must-not-be-written",
    },
    sheets: [
      {
        name: "RGO Summary",
        content: {
          kind: "report",
          blocks: [
            { kind: "heading", text: "Revenue gap summary", level: 1 },
            {
              kind: "figures",
              items: [
                { label: "Total gap", value: 12345.67, format: "currency" },
                { label: "Share at risk", value: 0.415, format: "percent" },
                { label: "Customers", value: 200, format: "integer" },
                { label: "Mean ratio", value: 1.2345, format: "decimal" },
                { label: "Top score", value: 8.75, format: "score" },
                { label: "Run week", value: WEEK1, format: "date" },
                { label: "Verdict", value: "=1+1", format: "text" },
                { label: "Broken figure", value: NaN, format: "currency" },
              ],
            },
            { kind: "heading", text: "Why", level: 2 },
            {
              kind: "paragraph",
              text: "Revenue slipped for customers whose stores ran out of stock. ".repeat(6),
            },
            {
              kind: "bullets",
              items: ["Call the top ten customers", "+SUM(A1) is just text", "-2+3"],
            },
            {
              kind: "table",
              table: {
                name: "Top_Gaps",
                title: "Top gaps",
                columns: [
                  { header: "Customer", format: "text" },
                  { header: "Gap", format: "currency" },
                  { header: "Share", format: "percent" },
                ],
                rows: [
                  ["C1", 100.5, 0.25],
                  ["@cmd", -20, 0.5],
                ],
              },
            },
            { kind: "spacer" },
            { kind: "paragraph", text: "End of report." },
          ],
        },
      },
      {
        name: "RGO Gaps",
        freezeHeader: true,
        content: {
          kind: "table",
          table: {
            name: "RGO_Gaps",
            columns: [
              { header: "Rank", format: "integer" },
              { header: "Customer", format: "text", width: 30 },
              { header: "Priority score", format: "score" },
              { header: "Gap", format: "currency" },
              { header: "Share", format: "percent" },
              { header: "Ratio", format: "decimal" },
              { header: "Week", format: "date" },
              { header: "Note", format: "text" },
            ],
            rows: [
              [1, HYPERLINK_ID, 8.5, 1234.5, 0.415, 1.25, WEEK1, "=1+1"],
              [2, "+SUM(A1)", 3.25, -50, 0.1, NaN, WEEK2, "-2+3"],
              [3, "@cmd", NaN, Infinity, -Infinity, 2, null, "\t=x"],
              [4, "Zoë 東京 🚀", 10, 0, 1, 0, WEEK1, LONG_TEXT],
              [5, "＝1+1", 0, 0.01, 0, 3, WEEK2, " padded "],
            ],
          },
        },
      },
      {
        name: LONG_SHEET_NAME,
        content: {
          kind: "table",
          table: {
            name: "RGO_Gaps", // duplicate on purpose: the writer must make it unique
            columns: [
              { header: "Customer", format: "text" },
              { header: "Customer", format: "text" }, // duplicate header on purpose
            ],
            rows: [["A", "B"]],
          },
        },
      },
      {
        name: "RGO Issues",
        content: {
          kind: "table",
          table: { name: "RGO_Issues", columns: [{ header: "Message", format: "text" }], rows: [] },
        },
      },
    ],
  };
}
