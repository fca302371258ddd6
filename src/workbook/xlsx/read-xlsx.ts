/**
 * .xlsx / .xlsm bytes -> RawWorkbook, with no Node imports (the CLI and the browser preview share
 * it). Parts are found through their relationships as the Open Packaging Conventions say
 * (relative and absolute targets, any zip order) and read one after another in dependency order:
 * package relationships, workbook, its relationships, styles, shared strings, then each sheet with
 * its tables. Nothing races and nothing is spooled to disk; every part is inflated under the
 * limits in ./limits.
 *
 * Output contract (unchanged from the exceljs reader): each sheet becomes one table, its header
 * the first non-empty row from its first to its last non-empty cell; a sheet holding Excel tables
 * gives one table per Excel table instead (header row, data rows, no totals row).
 */
import { type InputErrorCode, RgoError, throwIfCancelled } from "../../engine/errors";
import { currencyOfNumberFormat } from "../../engine/currency";
import type { CellValue, RawTable, RawWorkbook, SeenCurrency } from "../../engine/input/raw-table";
import { DEFAULT_LIMITS, type XlsxLimits } from "./limits";
import { SharedStringsReader } from "./shared-strings";
import { columnName, headerText, SheetDataError } from "./sheet-cell";
import { KIND, type SheetColumns } from "./sheet-columns";
import { SheetScanner } from "./sheet-scan";
import { SheetTableCells } from "./sheet-table-cells";
import { columnarTable } from "../columnar-table";
import { parseXmlElements, type XmlElement } from "./xml-parts";
import { XmlMalformedError, XmlScanner, type XmlScanHandler } from "./xml-scan";
import {
  InflateBudget,
  inflateEntry,
  inflateEntrySteps,
  type RawInflate,
  looksLikeZip,
  readZipDirectory,
  ZipBudgetError,
  ZipFormatError,
  type ZipEntry,
} from "./zip";
import { macrotask } from "../../engine/pipeline/progress";

export interface ReadXlsxOptions {
  limits?: Partial<XlsxLimits>;
  /** The host's native raw-deflate inflater (Node: zlib), used where it is safe (zip.ts). */
  rawInflate?: RawInflate;
}

/** One worksheet as read, in workbook order (chart and macro sheets are left out). */
export interface XlsxSheet {
  name: string;
  /**
   * The tables read from it, the same objects as in the book: its Excel tables when it holds any,
   * else the sheet's own table (none when the sheet is empty).
   */
  tables: RawTable[];
  /** The sheet holds Excel tables, which are read instead of the whole sheet. */
  hasExcelTables: boolean;
  /**
   * With `keepCells`: every cell as found, `cells[row - 1][column - 1]` (rows may be short or
   * empty); a formula without a saved value outside the tables is null. Made on first read.
   */
  cells?: CellValue[][];
  /**
   * With `keepColumns`: the sheet's cells as the reader keeps them (typed columns, no value made
   * per cell), for writing the sheet out again without building its rows (the preview's download).
   */
  columns?: SheetColumns;
}

/** The book as readXlsxBytes reads it, with its sheets and defined names. */
export interface XlsxBook {
  book: RawWorkbook;
  sheets: XlsxSheet[];
  /** Workbook-level and sheet-level defined names: name and formula text as written. */
  definedNames: { name: string; value: string }[];
}

/**
 * Where a read is, between two pieces of inflated input: the sheet (or "shared strings") being
 * read, and the compressed bytes of the sheet and shared-string parts read so far of their total.
 */
export interface XlsxReadStep {
  target: string;
  done: number;
  total: number;
}

/** Progress and cancellation of readXlsxBookAsync. */
export interface XlsxReadControl {
  /** Checked between pieces of input: aborting rejects with the cancellation error. */
  signal?: AbortSignal;
  onProgress?: (step: XlsxReadStep) => void;
  /** Longest stretch of reading between two yields to the event loop (default 30 ms). */
  sliceMs?: number;
}

/** Structural parts (workbook, relationships, styles, tables) are read whole up to this size. */
const MAX_STRUCTURE_BYTES = 64 * 1024 * 1024;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const fmt = (n: number): string => n.toLocaleString("en-US");

interface Relationship {
  id: string;
  type: string;
  /** Resolved part name (no leading slash), or null for an external target. */
  target: string | null;
}

interface TableDef {
  name: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  /** The table's column names (tableColumn elements), in order. */
  columns: string[];
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30 and the East Asian ids). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

/** True when a custom number format code shows a date or time (the rule exceljs applies). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[ymdhsb]/i.test(bare.replace(/General/gi, ""));
}

/** The part name a relationship target points at, resolved against its source part. */
export function resolvePartName(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep the target as written
  }
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  const base = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** "B3" -> { row: 3, col: 2 }. */
function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Whether a headerless table's first row holds exactly its column names. */
function firstRowIsHeader(sheet: SheetColumns, d: TableDef): boolean {
  if (!sheet.hasRow(d.top) || d.columns.length !== d.right - d.left + 1) return false;
  return d.columns.every((name, i) => {
    const v = sheet.cell(d.top, d.left + i);
    return (typeof v === "symbol" ? "" : headerText(v)) === name.trim();
  });
}

/** What a non-zip file most likely is, for the message. */
function describeNonZip(b: Uint8Array): { code: InputErrorCode; what: string } {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (b.length >= 8 && ole.every((x, i) => b[i] === x)) {
    // Encrypted OOXML is an OLE compound file holding the streams EncryptionInfo / EncryptedPackage.
    const probe = new TextDecoder("utf-16le").decode(b.subarray(0, Math.min(b.length, 1 << 20)));
    if (probe.includes("EncryptionInfo") || probe.includes("EncryptedPackage"))
      return {
        code: "encrypted-workbook",
        what:
          "is password-protected (encrypted). Open it in Excel, remove the password " +
          "(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and try again",
      };
    return {
      code: "not-xlsx",
      what:
        "is an old Excel 97-2003 workbook (.xls) with an .xlsx name. Open it in Excel and " +
        'save it as "Excel Workbook (*.xlsx)"',
    };
  }
  const head = new TextDecoder("utf-8").decode(b.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("<?xml") || head.startsWith("<html") || head.startsWith("<!doctype"))
    return { code: "corrupt-file", what: "it is an XML or HTML file, not a zip package" };
  return {
    code: "corrupt-file",
    what: "it is not a zip package: a CSV or text file renamed .xlsx?",
  };
}

/** Read a workbook from its bytes. `fileName` is used in every message. */
export function readXlsxBytes(
  bytes: Uint8Array,
  fileName: string,
  options: ReadXlsxOptions = {},
): RawWorkbook {
  return readXlsxBook(bytes, fileName, options).book;
}

/**
 * readXlsxBytes with the sheets the tables came from (the browser preview lists them) and, with
 * `keepCells`, every sheet's cells as rows, or with `keepColumns` as the typed columns the reader
 * filled (the preview's download copies them from those): the same tables either way.
 */
export function readXlsxBook(
  bytes: Uint8Array,
  fileName: string,
  options: ReadBookOptions = {},
): XlsxBook {
  return packageReader(bytes, fileName, options).read();
}

type ReadBookOptions = ReadXlsxOptions & { keepCells?: boolean; keepColumns?: boolean };

function packageReader(
  bytes: Uint8Array,
  fileName: string,
  options: ReadBookOptions,
): XlsxPackageReader {
  return new XlsxPackageReader(
    bytes,
    fileName,
    { ...DEFAULT_LIMITS, ...options.limits },
    options.keepCells === true,
    options.rawInflate,
    options.keepColumns === true,
  );
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * readXlsxBook in slices: the same read (the same steps, the same result and errors), yielding to
 * the event loop at least every `sliceMs` so a message (Cancel) gets in; the signal is checked at
 * each yield and the read stops there with the cancellation error. The browser preview's worker
 * opens workbooks with it.
 */
export async function readXlsxBookAsync(
  bytes: Uint8Array,
  fileName: string,
  options: ReadBookOptions = {},
  control: XlsxReadControl = {},
): Promise<XlsxBook> {
  const reader = packageReader(bytes, fileName, options);
  const slice = control.sliceMs ?? 30;
  const cancelled = "opening cancelled";
  throwIfCancelled(control.signal, cancelled);
  let last = clock();
  const steps = reader.steps();
  for (;;) {
    const next = reader.guard(() => steps.next());
    if (next.done === true) return next.value;
    if (clock() - last < slice) continue;
    control.onProgress?.({ ...next.value });
    await macrotask();
    throwIfCancelled(control.signal, cancelled);
    last = clock();
  }
}

class XlsxPackageReader {
  private entries = new Map<string, ZipEntry>();
  private readonly budget: InflateBudget;
  private readonly sheets: XlsxSheet[] = [];
  private definedNames: { name: string; value: string }[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    private readonly limits: XlsxLimits,
    private readonly keepCells = false,
    rawInflate?: RawInflate,
    private readonly keepColumns = false,
  ) {
    this.budget = new InflateBudget(limits, rawInflate);
  }

  private fail(code: InputErrorCode, message: string, location: string | null = null): RgoError {
    return new RgoError("input", code, `${this.file}: ${message}`, location ?? this.file);
  }

  private corrupt(detail: string): RgoError {
    return this.fail(
      "corrupt-file",
      `not a readable .xlsx workbook (${detail}). Save it from Excel as "Excel Workbook (*.xlsx)" and try again.`,
    );
  }

  read(): XlsxBook {
    const steps = this.steps();
    for (;;) {
      const next = this.guard(() => steps.next());
      if (next.done === true) return next.value;
    }
  }

  /** The read as steps: pauses between pieces of sheet input, returns the book. */
  *steps(): Generator<XlsxReadStep, XlsxBook, void> {
    const book = yield* this.readPackage();
    return { book, sheets: this.sheets, definedNames: this.definedNames };
  }

  /** Runs a piece of the read, turning what it throws into the reader's RgoError. */
  guard<T>(piece: () => T): T {
    try {
      return piece();
    } catch (e) {
      if (e instanceof RgoError) throw e;
      if (e instanceof ZipBudgetError)
        throw this.fail("workbook-too-large", `refused: ${e.message}.`);
      if (e instanceof ZipFormatError || e instanceof XmlMalformedError)
        throw this.corrupt(e.message);
      if (e instanceof SheetDataError) throw this.fail(e.code, e.message);
      if (e instanceof Error && /^(Invalid|Unclosed|Unexpected|Disallowed|\d+:\d+)/.test(e.message))
        throw this.corrupt(`malformed XML: ${e.message.split("\n")[0]}`);
      throw e;
    }
  }

  private *readPackage(): Generator<XlsxReadStep, RawWorkbook, void> {
    const b = this.bytes;
    if (!looksLikeZip(b)) {
      const { code, what } = describeNonZip(b);
      throw code === "corrupt-file" ? this.corrupt(what) : this.fail(code, `${what}.`);
    }
    for (const e of readZipDirectory(b))
      this.entries.set(e.name.replace(/^\//, "").toLowerCase(), e);
    this.refuseOtherFormats();

    const pkgRels = this.readRels("");
    const officeDoc = pkgRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type) && r.target !== null);
    const workbookPart =
      officeDoc?.target ?? (this.has("xl/workbook.xml") ? "xl/workbook.xml" : null);
    if (workbookPart === null || !this.has(workbookPart))
      throw this.corrupt("no workbook part inside");

    const wbElements = parseXmlElements(this.readText(workbookPart));
    this.definedNames = wbElements
      .filter((e) => e.name === "definedName")
      .map((e) => ({ name: e.attrs.name ?? "", value: e.text ?? "" }));
    const date1904 = wbElements.some(
      (e) => e.name === "workbookPr" && (e.attrs.date1904 === "1" || e.attrs.date1904 === "true"),
    );
    const sheets = wbElements
      .filter((e) => e.name === "sheet" && e.path[e.path.length - 1] === "sheets")
      .map((e) => ({ name: e.attrs.name ?? "", rid: e.attrs["r:id"] ?? e.attrs.id ?? "" }));
    const wbRels = this.readRels(workbookPart);
    const relById = new Map(wbRels.map((r) => [r.id, r]));
    const byType = (suffix: string, fallback: string): string | null => {
      const rel = wbRels.find((r) => r.type.endsWith(suffix) && r.target !== null);
      if (rel?.target && this.has(rel.target)) return rel.target;
      return wbRels.length === 0 && this.has(fallback) ? fallback : null;
    };

    const stylesPart = byType("/styles", "xl/styles.xml");
    const { dateStyles, currencyStyles } =
      stylesPart === null ? { dateStyles: [], currencyStyles: [] } : this.readStyles(stylesPart);
    const ssPart = byType("/sharedStrings", "xl/sharedStrings.xml");
    // The compressed bytes of the parts streamed below (shared strings, worksheets): progress.
    const progress: XlsxReadStep = { target: "shared strings", done: 0, total: 0 };
    if (ssPart !== null) progress.total += this.entry(ssPart).compressedSize;
    // Each worksheet's part (chart and macro sheets left out); null when the workbook names none.
    const worksheets: { name: string; part: string | null }[] = [];
    for (const [index, sheet] of sheets.entries()) {
      const rel = relById.get(sheet.rid);
      let part = rel?.target ?? null;
      if (rel === undefined && wbRels.length === 0) part = `xl/worksheets/sheet${index + 1}.xml`;
      if (rel !== undefined && !rel.type.endsWith("/worksheet")) continue; // chart or macro sheet
      worksheets.push({ name: sheet.name, part });
      if (part !== null && this.has(part)) progress.total += this.entry(part).compressedSize;
    }
    let sharedStrings: string[] = [];
    if (ssPart !== null) {
      const reader = new SharedStringsReader(this.limits);
      yield* this.stream(ssPart, reader, progress);
      sharedStrings = reader.strings;
    }

    const ctx = {
      sharedStrings,
      dateStyles,
      currencyStyles,
      date1904,
      limits: this.limits,
      cellCount: { n: 0 },
    };
    const tables: RawTable[] = [];
    const tableCells = { n: 0 };
    for (const sheet of worksheets) {
      const part = sheet.part;
      if (part === null || !this.has(part))
        throw this.corrupt(`sheet "${sheet.name}" has no worksheet part`);
      const defs = this.readTableDefs(part);
      const scanner = new SheetScanner(ctx);
      progress.target = sheet.name;
      try {
        yield* this.streamBytes(part, scanner, progress);
      } catch (e) {
        if (e instanceof SheetDataError)
          throw this.fail(e.code, `sheet "${sheet.name}": ${e.message}.`, sheet.name);
        throw e;
      }
      const found: RawTable[] = [];
      if (defs.length > 0) {
        for (const d of defs) {
          // A table saved without a header row (headerRowCount="0") is read under its own column
          // names; when its first row repeats those names (as a round trip through some writers
          // leaves it), that row is the header after all.
          const headerless = d.headerRows === 0 && !firstRowIsHeader(scanner.columns, d);
          found.push(
            this.slice(
              scanner.columns,
              sheet.name,
              d.name,
              "xlsx table",
              d.top,
              d.left,
              d.right,
              d.bottom - d.totalsRows,
              tableCells,
              headerless ? d.columns : undefined,
            ),
          );
        }
      } else {
        const t = this.sheetTable(sheet.name, scanner.columns, tableCells);
        if (t !== null) found.push(t);
      }
      tables.push(...found);
      const read: XlsxSheet = { name: sheet.name, tables: found, hasExcelTables: defs.length > 0 };
      if (this.keepCells) {
        // Made when first read, not at open: a row array per row.
        const columns = scanner.columns;
        let cells: CellValue[][] | undefined;
        Object.defineProperty(read, "cells", {
          enumerable: true,
          get: (): CellValue[][] => (cells ??= columns.plainCells()),
        });
      }
      if (this.keepColumns) read.columns = scanner.columns;
      this.sheets.push(read);
    }
    return { source: this.file, tables };
  }

  private refuseOtherFormats(): void {
    const mimetype = this.entries.get("mimetype");
    if (mimetype !== undefined) {
      const text = this.readText("mimetype");
      if (text.includes("opendocument"))
        throw this.fail(
          "not-xlsx",
          'is an OpenDocument spreadsheet (.ods) with an .xlsx name. Open it in LibreOffice or Excel and save it as "Excel Workbook (*.xlsx)".',
        );
    }
    if (
      this.has("index/document.iwa") ||
      this.has("index.zip") ||
      [...this.entries.keys()].some((k) => k.startsWith("index/"))
    )
      throw this.fail(
        "not-xlsx",
        "is an Apple Numbers document with an .xlsx name. In Numbers choose File > Export To > Excel, and give that file.",
      );
    for (const e of this.entries.values())
      if (e.encrypted)
        throw this.fail(
          "encrypted-workbook",
          "is a zip with encrypted entries, which Excel does not write. Save it again from Excel without a password.",
        );
  }

  private has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  private entry(part: string): ZipEntry {
    const e = this.entries.get(part.toLowerCase());
    if (e === undefined) throw new ZipFormatError(`missing part ${part}`);
    return e;
  }

  private decoderFor(first: Uint8Array): InstanceType<typeof TextDecoder> {
    if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe)
      return new TextDecoder("utf-16le");
    if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff)
      return new TextDecoder("utf-16be");
    return new TextDecoder("utf-8");
  }

  /** Stream a part's text through `handler`, pausing between pieces (`progress` counts them). */
  private *stream(
    part: string,
    handler: XmlScanHandler,
    progress: XlsxReadStep,
  ): Generator<XlsxReadStep, void, void> {
    const scanner = new XmlScanner(handler);
    let decoder: InstanceType<typeof TextDecoder> | null = null;
    yield* this.inflateSteps(part, progress, (chunk) => {
      decoder ??= this.decoderFor(chunk);
      scanner.write(decoder.decode(chunk, { stream: true }));
    });
    if (decoder !== null) scanner.write((decoder as InstanceType<typeof TextDecoder>).decode());
    scanner.end();
  }

  /** Stream a worksheet's bytes through the byte scanner (it decodes what it keeps). */
  private *streamBytes(
    part: string,
    scanner: SheetScanner,
    progress: XlsxReadStep,
  ): Generator<XlsxReadStep, void, void> {
    yield* this.inflateSteps(part, progress, (chunk) => scanner.write(chunk));
    scanner.end();
  }

  /** inflateEntrySteps of a part, each pause as the read's progress. */
  private *inflateSteps(
    part: string,
    progress: XlsxReadStep,
    onChunk: (chunk: Uint8Array) => void,
  ): Generator<XlsxReadStep, void, void> {
    const before = progress.done;
    for (const consumed of inflateEntrySteps(this.bytes, this.entry(part), this.budget, onChunk)) {
      progress.done = before + consumed;
      yield progress;
    }
  }

  /** A small part's whole text (refused beyond MAX_STRUCTURE_BYTES). */
  private readText(part: string): string {
    const chunks: string[] = [];
    let size = 0;
    let decoder: InstanceType<typeof TextDecoder> | null = null;
    inflateEntry(this.bytes, this.entry(part), this.budget, (chunk) => {
      size += chunk.length;
      if (size > MAX_STRUCTURE_BYTES)
        throw new ZipBudgetError(
          `${part} is larger than ${fmt(MAX_STRUCTURE_BYTES / 1024 / 1024)} MB, far more than a real workbook needs`,
        );
      decoder ??= this.decoderFor(chunk);
      chunks.push(decoder.decode(chunk, { stream: true }));
    });
    if (decoder !== null) chunks.push((decoder as InstanceType<typeof TextDecoder>).decode());
    return chunks.join("").replace(/^\uFEFF/, "");
  }

  private readRels(sourcePart: string): Relationship[] {
    const relsPart = sourcePart === "" ? "_rels/.rels" : relsPartOf(sourcePart);
    if (!this.has(relsPart)) return [];
    return parseXmlElements(this.readText(relsPart))
      .filter((e) => e.name === "Relationship")
      .map((e) => ({
        id: e.attrs.Id ?? "",
        type: e.attrs.Type ?? "",
        target:
          e.attrs.TargetMode === "External" || e.attrs.Target === undefined
            ? null
            : resolvePartName(sourcePart, e.attrs.Target),
      }));
  }

  /**
   * Per cell format (`cellXfs`): whether its number format shows a date, and the currency it names
   * (custom formats only: the built-in currency formats 5-8 follow the reader's locale, so they
   * say nothing about the currency).
   */
  private readStyles(part: string): {
    dateStyles: boolean[];
    currencyStyles: (string | null)[];
  } {
    const elements: XmlElement[] = parseXmlElements(this.readText(part));
    const custom = new Map<number, string>();
    for (const e of elements)
      if (e.name === "numFmt") custom.set(Number(e.attrs.numFmtId), e.attrs.formatCode ?? "");
    const dateStyles: boolean[] = [];
    const currencyStyles: (string | null)[] = [];
    for (const e of elements) {
      if (e.name !== "xf" || e.path[e.path.length - 1] !== "cellXfs") continue;
      const id = Number(e.attrs.numFmtId ?? "0");
      const code = custom.get(id);
      const isDate = code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
      dateStyles.push(isDate);
      currencyStyles.push(code !== undefined && !isDate ? currencyOfNumberFormat(code) : null);
    }
    return { dateStyles, currencyStyles };
  }

  private readTableDefs(sheetPart: string): TableDef[] {
    const defs: TableDef[] = [];
    for (const rel of this.readRels(sheetPart)) {
      if (!rel.type.endsWith("/table") || rel.target === null || !this.has(rel.target)) continue;
      const elements = parseXmlElements(this.readText(rel.target));
      const head = elements.find((e) => e.name === "table");
      if (head === undefined) continue;
      const [a, b] = (head.attrs.ref ?? "").split(":");
      const tl = parseRef(a ?? "");
      const br = parseRef(b ?? a ?? "");
      if (!tl || !br) continue;
      defs.push({
        name: head.attrs.displayName ?? head.attrs.name ?? "Table",
        top: tl.row,
        left: tl.col,
        bottom: br.row,
        right: br.col,
        headerRows: Number(head.attrs.headerRowCount ?? "1"),
        totalsRows: Number(head.attrs.totalsRowCount ?? "0"),
        columns: elements.filter((e) => e.name === "tableColumn").map((e) => e.attrs.name ?? ""),
      });
    }
    return defs;
  }

  private slice(
    sheet: SheetColumns,
    sheetName: string,
    name: string,
    origin: string,
    top: number,
    left: number,
    right: number,
    bottom: number,
    tableCells: { n: number },
    columnNames?: readonly string[],
  ): RawTable {
    const width = right - left + 1;
    tableCells.n += width * Math.max(1, bottom - top + 1);
    if (tableCells.n > this.limits.maxTableCells)
      throw this.fail(
        "table-too-large",
        `sheet "${sheetName}": the table ${columnName(left)}${top}:${columnName(right)}${bottom} spans ` +
          `${fmt(bottom - top + 1)} rows x ${fmt(width)} columns, more than the ${fmt(this.limits.maxTableCells)} cells the reader accepts. ` +
          "Delete unused columns and rows (or stray cells far to the right or below) and try again.",
        sheetName,
      );
    // Formula cells without a saved value in the table (header included): how many, the first.
    let uncalculated = 0;
    let firstRow = Infinity;
    let firstCol = 0;
    for (let c = left; c <= right; c++) {
      const col = sheet.columns[c];
      if (col === undefined) continue;
      for (let k = col.lowerBound(top); k < col.n && col.rows[k] <= bottom; k++) {
        if (col.kinds[k] !== KIND.uncalculated) continue;
        uncalculated++;
        if (col.rows[k] < firstRow) {
          firstRow = col.rows[k];
          firstCol = c;
        }
      }
    }
    if (uncalculated > 0) {
      const first = `${columnName(firstCol)}${firstRow}`;
      throw this.fail(
        "uncalculated-formulas",
        `sheet "${sheetName}": ${fmt(uncalculated)} formula cell${uncalculated === 1 ? " has" : "s have"} no saved value ` +
          `(first at ${first}). The file was saved by a program that does not calculate formulas; ` +
          "open it in Excel or LibreOffice, save it, and try again.",
        `${sheetName}!${first}`,
      );
    }
    const firstData = columnNames === undefined ? top + 1 : top;
    const header =
      columnNames !== undefined
        ? Array.from({ length: width }, (_, i) => (columnNames[i] ?? "").trim())
        : Array.from({ length: width }, (_, i) => {
            const v = sheet.cell(top, left + i);
            return typeof v === "symbol" ? "" : headerText(v);
          });
    const cells = new SheetTableCells(
      sheet,
      firstData,
      Math.max(0, bottom - firstData + 1),
      left,
      width,
    );
    const table: Omit<RawTable, "rows" | "cells"> & { columnCurrencies?: SeenCurrency[][] } = {
      name,
      origin,
      header,
      headerRow: firstData - 1,
      firstColumn: left,
    };
    if (sheet.currencies.size > 0) {
      const perColumn: SeenCurrency[][] = [];
      for (let c = left; c <= right; c++)
        perColumn.push(
          (sheet.currencies.get(c) ?? []).filter((x) => x.row >= firstData && x.row <= bottom),
        );
      if (perColumn.some((x) => x.length > 0)) table.columnCurrencies = perColumn;
    }
    return columnarTable(table, cells);
  }

  /** Table of a whole sheet: header = first non-empty row, its first..last non-empty cell. */
  private sheetTable(
    name: string,
    sheet: SheetColumns,
    tableCells: { n: number },
  ): RawTable | null {
    const firstNonBlank = (c: number): number => {
      const col = sheet.columns[c];
      if (col === undefined) return Infinity;
      for (let k = 0; k < col.n; k++)
        if (!sheet.isBlank(col.kinds[k], col.vals[k])) return col.rows[k];
      return Infinity;
    };
    let top = Infinity;
    for (let c = 1; c < sheet.columns.length; c++) top = Math.min(top, firstNonBlank(c));
    if (top === Infinity) return null;
    let left = Infinity;
    let right = -1;
    for (let c = 1; c < sheet.columns.length; c++) {
      const col = sheet.columns[c];
      const k = col === undefined ? -1 : col.indexOf(top);
      if (col === undefined || k < 0 || sheet.isBlank(col.kinds[k], col.vals[k])) continue;
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
    let bottom = top;
    for (let c = left; c <= right; c++) {
      const col = sheet.columns[c];
      if (col === undefined) continue;
      for (let k = col.n - 1; k >= 0 && col.rows[k] > bottom; k--)
        if (!sheet.isBlank(col.kinds[k], col.vals[k])) {
          bottom = col.rows[k];
          break;
        }
    }
    return this.slice(sheet, name, name, "xlsx sheet", top, left, right, bottom, tableCells);
  }
}
