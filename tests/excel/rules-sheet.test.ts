import fc from "fast-check";
import {
  PACK_CHUNK_CHARS,
  chunkText,
  packTextFromRulesTable,
  rulesResultSheet,
  rulesSheetRows,
} from "../../src/engine/report/rules-sheet";
import type { RawTable } from "../../src/engine/input/raw-table";
import { xlsxText } from "../../src/workbook/xlsx-cell";

const HEADER = ["Part", "Name", "Version", "Hash", "Pack JSON"];
const table = (rows: RawTable["rows"], header = HEADER): RawTable => ({
  name: "RGO Rules",
  origin: "excel sheet",
  header,
  rows,
  headerRow: 1,
  firstColumn: 1,
});

test("chunks join back to the text, none longer than the limit, never splitting a surrogate pair", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "grapheme", maxLength: 3000 }),
      fc.integer({ min: 2, max: 50 }),
      (text, size) => {
        const chunks = chunkText(text, size);
        expect(chunks.join("")).toBe(text);
        expect(chunks.every((c) => c.length <= size)).toBe(true);
        // Each chunk survives the writers' XML-safety pass unchanged (no lone surrogate).
        expect(chunks.every((c) => xlsxText(c) === c)).toBe(true);
      },
    ),
  );
});

test("an emoji at the chunk boundary stays whole", () => {
  const text = "a".repeat(PACK_CHUNK_CHARS - 1) + "😀" + "b";
  const chunks = chunkText(text);
  expect(chunks[0]).toHaveLength(PACK_CHUNK_CHARS - 1);
  expect(chunks[1]).toBe("😀b");
});

test("round trip through the table, whatever the row order; blank rows ignored", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "grapheme", maxLength: 4000 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      (text, seed) => {
        const rows = rulesSheetRows(text, "p", "1.0.0", "sha256:x") as RawTable["rows"];
        // Shuffle deterministically and add a blank row, as a sorted/edited sheet would have.
        const shuffled = rows
          .map((r, i) => ({ r, k: (i * 7919 + seed) % 1009 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r);
        shuffled.push([null, null, null, null, null]);
        expect(packTextFromRulesTable(table(shuffled))).toBe(text);
      },
    ),
  );
});

test("null when the table is absent, lacks columns, or its parts are not 1..n", () => {
  expect(packTextFromRulesTable(table([]))).toBeNull();
  expect(packTextFromRulesTable(table([[1, "x"]], ["Part", "Name"]))).toBeNull();
  expect(
    packTextFromRulesTable(
      table([
        [1, "p", "1", "h", "{"],
        [3, "p", "1", "h", "}"],
      ]),
    ),
  ).toBeNull();
  expect(
    packTextFromRulesTable(
      table([
        [1, "p", "1", "h", "{"],
        [1, "p", "1", "h", "}"],
      ]),
    ),
  ).toBeNull();
  expect(packTextFromRulesTable(table([["one", "p", "1", "h", "{}"]]))).toBeNull();
  // Header matching is case/space/underscore-insensitive; parts may be numeric text.
  expect(
    packTextFromRulesTable(
      table(
        [
          ["2", "}"],
          ["1", "{"],
        ],
        ["part", "pack_json"],
      ),
    ),
  ).toBe("{}");
});

test("rulesResultSheet is the RGO Rules table sheet", () => {
  const sheet = rulesResultSheet("{}", "p", "1.0.0", "h");
  expect(sheet.name).toBe("RGO Rules");
  if (sheet.content.kind !== "table") throw new Error("table expected");
  expect(sheet.content.table.name).toBe("RGO_Rules");
  expect(sheet.content.table.columns.map((c) => c.header)).toEqual(HEADER);
  expect(sheet.content.table.rows).toEqual([[1, "p", "1.0.0", "h", "{}"]]);
});
