/**
 * The input sheets of the preview's download, written as worksheet XML directly instead of as
 * exceljs cells: exceljs's in-memory workbook costs about a kilobyte per cell (the 1,048,575-row
 * workbook took 5 GB and a minute), this costs the XML text. exceljs still writes the package with
 * a placeholder for each such sheet (a date in A1 and a number in the "@" format in B1, so its
 * styles part holds both styles); `spliceInputSheets` then replaces each placeholder's
 * `<sheetData>` with the sheet's cells, keeping the rest of the part (views, margins), and every
 * other part is copied as stored (xlsx-charts/rewrite-zip.ts).
 *
 * Cells are written as exceljs writes them: numbers as JavaScript prints them, booleans as 0/1,
 * dates as Excel serials (1900 system) in exceljs's date style, text as inline strings, text that
 * looks like a formula in the "@" style so it stays text. Characters XML cannot hold, a carriage
 * return, and text that would read as a `_xHHHH_` escape are written as `_xHHHH_` escapes, which
 * the readers decode (xlsx/xml-scan.ts), so the text reads back exactly.
 */
import type { CellValue } from "../engine/input/raw-table";
import { startsLikeFormula } from "./safe-text";
import { columnLetter } from "./result-styles";
import { concatBytes } from "./xlsx-charts/add-charts";
import { Deflate } from "fflate";
import { crc32 } from "./xlsx-charts/crc32";
import { packageParts, type PackageParts } from "./xlsx-charts/package-parts";
import { rewriteZip, type DeflatedPart } from "./xlsx-charts/rewrite-zip";
import { sheetParts } from "./xlsx-charts/workbook-sheets";

/** The styles of the placeholder cells: A1 (a date) and B1 (the "@" text format). */
export interface InputCellStyles {
  date: number;
  text: number;
}

/** Excel serial of a date as exceljs writes it (1900 date system). */
export function excelSerial(d: Date): number {
  return 25569 + d.getTime() / (24 * 3600 * 1000);
}

/** Characters XML 1.0 cannot hold, CR (read back as LF otherwise) and lone surrogates. */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4})/g;

const EDGE_SPACE = /^\s|\s$/;

/** Text for an inline string: XML-escaped, with `_xHHHH_` escapes where XML cannot hold it. */
export function cellText(s: string): string {
  return s
    .replace(
      NEEDS_ESCAPE,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** One cell's XML (`ref` like "B7"), or "" for an empty cell. */
export function cellXml(ref: string, v: CellValue | undefined, styles: InputCellStyles): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number")
    return Number.isFinite(v) ? `<c r="${ref}"><v>${String(v)}</v></c>` : "";
  if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) {
    const serial = excelSerial(v);
    return Number.isFinite(serial) ? `<c r="${ref}" s="${styles.date}"><v>${serial}</v></c>` : "";
  }
  const style = startsLikeFormula(v) ? ` s="${styles.text}"` : "";
  // Spaces at either end, and only then, need xml:space (most cells are ids and names).
  const t = EDGE_SPACE.test(v) ? '<t xml:space="preserve">' : "<t>";
  return `<c r="${ref}"${style} t="inlineStr"><is>${t}${cellText(v)}</t></is></c>`;
}

/** `<row>` elements of rows [from, to) of `cells` (row 1 = cells[0]); empty rows are left out. */
export function rowsXml(
  cells: readonly (readonly CellValue[])[],
  from: number,
  to: number,
  styles: InputCellStyles,
  letters: string[],
): string {
  let out = "";
  for (let r = from; r < to; r++) {
    const row = cells[r];
    let inner = "";
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      while (letters.length <= c) letters.push(columnLetter(letters.length + 1));
      inner += cellXml(`${letters[c]}${r + 1}`, v, styles);
    }
    if (inner !== "") out += `<row r="${r + 1}">${inner}</row>`;
  }
  return out;
}

/** The used range of `cells` as a dimension ref ("A1" when empty). */
export function dimensionRef(cells: readonly (readonly CellValue[])[]): string {
  let last = 0;
  let width = 0;
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    for (let c = row.length - 1; c >= 0; c--)
      if (row[c] !== null && row[c] !== undefined) {
        last = r + 1;
        if (c + 1 > width) width = c + 1;
        break;
      }
  }
  return last === 0 ? "A1" : `A1:${columnLetter(width)}${last}`;
}

const encoder = new TextEncoder();

/** The style index of the placeholder cell `ref` in a sheet part exceljs wrote. */
function styleOf(sheetXml: string, ref: string): number {
  const m = new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheetXml);
  if (m === null) throw new Error(`the placeholder cell ${ref} has no style`);
  return Number(m[1]);
}

/** A placeholder sheet's part: its zip entry, the XML before its rows and after them. */
export interface Placeholder {
  entry: string;
  head: string;
  tail: string;
}

/** The written package with its placeholder sheets found, ready for `spliceInputSheets`. */
export interface PlaceholderBook {
  pkg: PackageParts;
  styles: InputCellStyles;
  sheets: Map<string, Placeholder>;
}

/**
 * Finds the placeholder of each sheet in `sheets` (name and the dimension its rows will have) in
 * the package exceljs wrote, and the two cell styles (from the first placeholder).
 */
export function readPlaceholders(
  xlsx: Uint8Array,
  sheets: readonly { name: string; dimension: string }[],
): PlaceholderBook {
  const pkg = packageParts(xlsx);
  const workbook = pkg.read("xl/workbook.xml");
  const rels = pkg.read("xl/_rels/workbook.xml.rels");
  if (workbook === null || rels === null) throw new Error("the workbook has no workbook part");
  const parts = sheetParts(workbook, rels);
  const out = new Map<string, Placeholder>();
  let styles: InputCellStyles | null = null;
  for (const sheet of sheets) {
    const part = parts.get(sheet.name);
    const entry = part === undefined ? undefined : pkg.byName.get(part);
    const xml = part === undefined ? null : pkg.read(part);
    if (entry === undefined || xml === null)
      throw new Error(`the workbook has no sheet ${sheet.name}`);
    styles ??= { date: styleOf(xml, "A1"), text: styleOf(xml, "B1") };
    const open = xml.indexOf("<sheetData");
    const close = xml.indexOf("</sheetData>");
    if (open < 0 || close < 0) throw new Error(`the sheet ${sheet.name} has no sheetData`);
    const head = xml
      .slice(0, open)
      .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${sheet.dimension}"/>`);
    out.set(sheet.name, { entry: entry.name, head: `${head}<sheetData>`, tail: xml.slice(close) });
  }
  return { pkg, styles: styles ?? { date: 0, text: 0 }, sheets: out };
}

/**
 * A sheet part deflated as it is written (fast level: the rows are most of the file), with its
 * CRC and size, so the rows never sit in memory uncompressed as one piece.
 */
export class DeflatedSheet {
  private crc = 0;
  private size = 0;
  private readonly out: Uint8Array[] = [];
  private readonly deflate = new Deflate({ level: 1 }, (chunk) => this.out.push(chunk));

  constructor(private readonly placeholder: Placeholder) {
    this.write(placeholder.head);
  }

  write(xml: string, final = false): void {
    const bytes = encoder.encode(xml);
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.deflate.push(bytes, final);
  }

  /** The part: the tail written and the stream ended. */
  finish(): DeflatedPart {
    this.write(this.placeholder.tail, true);
    return { deflated: concatBytes(this.out), crc: this.crc, size: this.size };
  }
}

/** The package with each placeholder's part replaced (`parts`: zip entry -> its new part). */
export function spliceInputSheets(
  xlsx: Uint8Array,
  book: PlaceholderBook,
  parts: ReadonlyMap<string, DeflatedPart>,
): Uint8Array {
  if (parts.size === 0) return xlsx;
  return concatBytes(rewriteZip(xlsx, book.pkg.entries, parts, []));
}
