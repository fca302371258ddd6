/**
 * The `RGO Rules` sheet: the rule pack used for a run, stored in the workbook so a shared file says
 * exactly how its numbers were made, and so the task pane can load it back. One table, `RGO_Rules`,
 * with columns Part, Name, Version, Hash, Pack JSON; the pack's JSON text is cut into chunks of at
 * most PACK_CHUNK_CHARS characters (well under Excel's 32,767-character cell limit), one per row,
 * numbered from 1. Pure: no I/O.
 */
import type { ResultCell, ResultColumn, ResultSheet } from "./result-book";
import type { CellValue, RawTable } from "../input/raw-table";

export const RULES_SHEET = "RGO Rules";
export const RULES_TABLE = "RGO_Rules";
/** Characters of pack JSON per row. */
export const PACK_CHUNK_CHARS = 1000;

export const RULES_COLUMNS: readonly ResultColumn[] = [
  { header: "Part", format: "integer" },
  { header: "Name", format: "text" },
  { header: "Version", format: "text" },
  { header: "Hash", format: "text" },
  { header: "Pack JSON", format: "text", width: 100 },
];

/**
 * Splits text into chunks of at most `size` characters (UTF-16 code units), never between the two
 * halves of a surrogate pair; "" gives one empty chunk. Joining the chunks gives `text` back.
 */
export function chunkText(text: string, size = PACK_CHUNK_CHARS): string[] {
  const step = Math.max(2, Math.floor(size));
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + step);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length > 0 ? out : [""];
}

/** The table rows for a pack: [part, name, version, hash, chunk] per chunk of `packText`. */
export function rulesSheetRows(
  packText: string,
  packName: string,
  packVersion: string,
  packHash: string,
): ResultCell[][] {
  return chunkText(packText).map((chunk, i) => [i + 1, packName, packVersion, packHash, chunk]);
}

/** The whole `RGO Rules` sheet for a pack, as build-result-book writes it. */
export function rulesResultSheet(
  packText: string,
  packName: string,
  packVersion: string,
  packHash: string,
): ResultSheet {
  return {
    name: RULES_SHEET,
    content: {
      kind: "table",
      table: {
        name: RULES_TABLE,
        columns: [...RULES_COLUMNS],
        rows: rulesSheetRows(packText, packName, packVersion, packHash),
      },
    },
    freezeHeader: true,
  };
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s_]+/g, "");

function partNumber(v: CellValue | undefined): number | null {
  if (typeof v === "number") return Number.isInteger(v) ? v : null;
  if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) return Number(v);
  return null;
}

function chunkOf(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/**
 * The pack JSON text held by a table read from `RGO Rules` (Pack JSON chunks joined in Part order,
 * whatever order the rows are in), or null when the table lacks the Part or Pack JSON column, has
 * no parts, or its parts are not exactly 1..n (a row lost or duplicated). Rows with neither a part
 * nor text (e.g. a table's blank row) are ignored. The JSON itself is not checked here: the pane
 * validates it and points at any error.
 */
export function packTextFromRulesTable(table: RawTable): string | null {
  const partCol = table.header.findIndex((h) => norm(h) === "part");
  const jsonCol = table.header.findIndex((h) => norm(h) === "packjson");
  if (partCol < 0 || jsonCol < 0) return null;
  const parts = new Map<number, string>();
  for (const row of table.rows) {
    const raw = row[partCol];
    const text = chunkOf(row[jsonCol]);
    if ((raw === null || raw === undefined || raw === "") && text === "") continue;
    const part = partNumber(raw);
    if (part === null || part < 1 || parts.has(part)) return null;
    parts.set(part, text);
  }
  if (parts.size === 0) return null;
  let out = "";
  for (let p = 1; p <= parts.size; p++) {
    const chunk = parts.get(p);
    if (chunk === undefined) return null;
    out += chunk;
  }
  return out;
}
