/**
 * A small fake of Excel's JavaScript object model, enough for src/workbook/excel.ts and shaped
 * like Excel where it matters:
 * - proxy objects: calls and property writes are queued and run at `context.sync()`; a property is
 *   readable only after `load` + `sync` (else it throws PropertyNotLoaded, as Office.js does);
 * - real A1 addressing (0-based indexes inside, 1-based rows / lettered columns outside);
 * - Excel's value rules: a string written into a cell that is not formatted "@" becomes a formula
 *   when it starts with = + - @, a number when it looks like one, and loses one leading
 *   apostrophe (the quote prefix); in a "@" cell it stays the literal text;
 * - limits: a request whose payload (values and formats as JSON + ~100 bytes per call) exceeds
 *   `requestLimit` is rejected whole with RequestPayloadSizeLimitExceeded, a response over
 *   `responseLimit` with ResponsePayloadSizeLimitExceeded, a read over 5,000,000 cells with
 *   ResourceLimitReached;
 * - a request log: every call with its request number, sheet and address, and per request its
 *   bytes and suspendScreenUpdatingUntilNextSync calls.
 */
import type {
  XlChart,
  XlConditionalFormat,
  XlDataValidation,
  XlContext,
  XlCustomProperty,
  XlEventResult,
  XlRange,
  XlRangeFormat,
  XlSelectionChangedArgs,
  XlTable,
  XlTableCollection,
  XlWorksheet,
  XlWorksheetCollection,
} from "../../src/workbook/excel";

export type FakeValue = string | number | boolean;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Box {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export interface FakeCell {
  value: FakeValue;
  format: string;
  formula?: string;
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  box: Box;
}

export interface FakeChart {
  type: string;
  source: string;
  categories?: string;
  title: string;
  position?: [string, string | undefined];
}

export class FakeSheet {
  readonly cells = new Map<number, Map<number, FakeCell>>();
  readonly props = new Map<string, string>();
  readonly conditionalFormats: { address: string; criteria: unknown }[] = [];
  /** Drop-down lists set through Range.dataValidation.rule (address and list source). */
  readonly dataValidations: { address: string; source: unknown }[] = [];
  readonly charts: FakeChart[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly handlers = new Set<(args: XlSelectionChangedArgs) => Promise<unknown>>();
  frozenRows = 0;
  showGridlines = true;
  constructor(
    public name: string,
    readonly id: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(row)?.get(col);
  }

  ensure(row: number, col: number): FakeCell {
    let r = this.cells.get(row);
    if (!r) this.cells.set(row, (r = new Map()));
    let c = r.get(col);
    if (!c) r.set(col, (c = { value: "", format: "General" }));
    return c;
  }

  /** The bounding box of non-empty values (Excel's getUsedRange(true)), or null. */
  usedBox(): Box | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [r, row] of this.cells)
      for (const [c, cell] of row)
        if (cell.value !== "") {
          top = Math.min(top, r);
          bottom = Math.max(bottom, r);
          left = Math.min(left, c);
          right = Math.max(right, c);
        }
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /** Values of a box ("" for empty cells). */
  valuesOf(box: Box): FakeValue[][] {
    const out: FakeValue[][] = [];
    for (let r = 0; r < box.rows; r++) {
      const row: FakeValue[] = [];
      for (let c = 0; c < box.cols; c++)
        row.push(this.cell(box.top + r, box.left + c)?.value ?? "");
      out.push(row);
    }
    return out;
  }
}

/** Column letters for a 0-based column. */
export function colName(col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A1 address of a box ("B2:D9"). */
export function boxAddress(b: Box): string {
  const tl = `${colName(b.left)}${b.top + 1}`;
  const br = `${colName(b.left + b.cols - 1)}${b.top + b.rows}`;
  return tl === br ? tl : `${tl}:${br}`;
}

/** "B2:D9" (optionally "Sheet!B2:D9") -> box. */
export function parseA1(address: string): Box {
  const ref = address.slice(address.lastIndexOf("!") + 1);
  const [a, b] = ref.split(":");
  const one = (s: string): { r: number; c: number } => {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(s.trim());
    if (!m) throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
    let c = 0;
    for (const ch of m[1].toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const p = one(a);
  const q = one(b ?? a);
  return { top: p.r, left: p.c, rows: q.r - p.r + 1, cols: q.c - p.c + 1 };
}

export interface LogEntry {
  request: number;
  op: string;
  sheet: string;
  address: string;
}

export interface RequestInfo {
  bytes: number;
  suspends: number;
  ops: number;
}

interface Op {
  bytes: number;
  label?: { op: string; sheet: string; address: string };
  run: () => void;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/** The fake workbook: sheets, tables, limits, the log. */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly log: LogEntry[] = [];
  readonly requests: RequestInfo[] = [];
  requestLimit = 5 * 1024 * 1024;
  responseLimit = 5 * 1024 * 1024;
  cellLimit = 5_000_000;
  activeSheet: string | null = null;
  /** Called before each request runs; throw to fail it (e.g. a simulated payload error). */
  beforeSync?: (info: { request: number; bytes: number }) => void;
  private nextId = 1;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.addSheet(n);
  }

  addSheet(name: string): FakeSheet {
    if (this.findSheet(name))
      throw new FakeOfficeError("ItemAlreadyExists", `Sheet ${name} exists`);
    if (name.length > 31 || /[[\]:*?/\\]/.test(name))
      throw new FakeOfficeError("InvalidArgument", `Bad sheet name ${name}`);
    const s = new FakeSheet(name, `{sheet-${this.nextId++}}`);
    this.sheets.push(s);
    return s;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new FakeOfficeError("ItemNotFound", `No sheet ${name}`);
    return s;
  }

  /** Test setup: put values at a 0-based position directly (no request). */
  put(sheet: string, top: number, left: number, rows: readonly (readonly FakeValue[])[]): void {
    const s = this.findSheet(sheet) ?? this.addSheet(sheet);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "") s.ensure(top + r, left + c).value = v;
      }),
    );
  }

  /** Test setup: number formats at a 0-based position directly (no request; "" leaves a cell). */
  putFormats(sheet: string, top: number, left: number, rows: readonly (readonly string[])[]): void {
    const s = this.findSheet(sheet) ?? this.addSheet(sheet);
    rows.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f !== "") s.ensure(top + r, left + c).format = f;
      }),
    );
  }

  /** Test setup: an Excel table over an existing box. */
  putTable(sheet: string, name: string, address: string): void {
    this.tables.push({ name, sheet: this.sheet(sheet), box: parseA1(address) });
  }

  /** Simulates the user selecting `address` on `sheet`: runs the sheet's handlers. */
  async select(sheet: string, address: string): Promise<void> {
    const s = this.sheet(sheet);
    for (const h of s.handlers) await h({ address, worksheetId: s.id });
  }

  context(): FakeContext {
    return new FakeContext(this);
  }

  /** Log entries of one kind, in order. */
  ops(op: string, sheet?: string): LogEntry[] {
    return this.log.filter((e) => e.op === op && (sheet === undefined || e.sheet === sheet));
  }
}

/** Writes one value into a cell with Excel's parsing rules. */
function writeCell(cell: FakeCell, v: unknown): void {
  delete cell.formula;
  if (v === null || v === undefined || v === "") {
    cell.value = "";
    return;
  }
  if (typeof v === "number" || typeof v === "boolean") {
    cell.value = v;
    return;
  }
  const s = String(v);
  if (cell.format === "@") {
    cell.value = s;
  } else if (s.startsWith("'")) {
    cell.value = s.slice(1);
  } else if (/^[=+\-@]/.test(s) && s.length > 1) {
    cell.formula = s;
    cell.value = "#NAME?";
  } else if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s)) {
    cell.value = Number(s);
  } else if (/^(true|false)$/i.test(s)) {
    cell.value = s.toLowerCase() === "true";
  } else {
    cell.value = s;
  }
}

function notLoaded(prop: string): never {
  throw new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Call load and sync first.`,
  );
}

/** Base of every proxy: properties loaded at sync, readable afterwards. */
class Proxy {
  protected readonly loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}
  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop)) notLoaded(prop);
    return this.loaded.get(prop) as T;
  }
  /** Snapshot of a property at sync time (overridden per class). */
  protected read(_prop: string): unknown {
    return undefined;
  }
  load(propertyNames: string): this {
    const props = propertyNames.split(",").map((p) => p.trim());
    this.ctx.queue({
      bytes: 50,
      run: () => {
        for (const p of props) this.loaded.set(p, this.read(p));
      },
    });
    return this;
  }
}

class FakeRange extends Proxy implements XlRange {
  readonly format: XlRangeFormat;
  readonly conditionalFormats: { add(type: string): XlConditionalFormat };
  readonly dataValidation: XlDataValidation;
  constructor(
    ctx: FakeContext,
    readonly sheetRef: () => FakeSheet,
    /** The box at sync time, or null (a null object). */
    private readonly boxRef: () => Box | null,
  ) {
    super(ctx);
    const style = (name: string) => (value: unknown) =>
      this.op(`format.${name}`, 60, (s, b) => {
        if (name === "columnWidth")
          for (let c = 0; c < b.cols; c++) s.columnWidths.set(b.left + c, Number(value));
      });
    const setter = (name: string): PropertyDescriptor => ({
      set: style(name),
      get: () => notLoaded(`format/${name}`),
    });
    const font = Object.defineProperties(
      {},
      { bold: setter("font.bold"), size: setter("font.size") },
    );
    const fill = Object.defineProperties({}, { color: setter("fill.color") });
    this.format = Object.defineProperties(
      { font, fill },
      {
        columnWidth: setter("columnWidth"),
        rowHeight: setter("rowHeight"),
        wrapText: setter("wrapText"),
        horizontalAlignment: setter("horizontalAlignment"),
        verticalAlignment: setter("verticalAlignment"),
      },
    ) as XlRangeFormat;
    this.conditionalFormats = {
      add: (type: string) => {
        const cf = { type, colorScale: { criteria: null as unknown } };
        this.op("conditionalFormats.add", 100, (s, b) => {
          s.conditionalFormats.push({ address: boxAddress(b), criteria: cf.colorScale.criteria });
        });
        return cf as unknown as XlConditionalFormat;
      },
    };
    const dv = { ignoreBlanks: true, errorAlert: {} };
    this.dataValidation = Object.defineProperties(dv, {
      rule: {
        set: (rule: XlDataValidation["rule"]) =>
          this.op("dataValidation.rule", 100, (s, b) => {
            s.dataValidations.push({ address: boxAddress(b), source: rule.list?.source });
          }),
        get: () => notLoaded("dataValidation/rule"),
      },
    }) as unknown as XlDataValidation;
  }

  box(): Box {
    const b = this.boxRef();
    if (!b) throw new FakeOfficeError("InvalidObjectPath", "Null range used");
    if (b.top < 0 || b.left < 0 || b.top + b.rows > MAX_ROWS || b.left + b.cols > MAX_COLS)
      throw new FakeOfficeError("InvalidArgument", "Range outside the sheet");
    return b;
  }

  /** Queues a logged operation on this range. */
  op(name: string, bytes: number, run: (s: FakeSheet, b: Box) => void): void {
    let label = { op: name, sheet: "", address: "" };
    this.ctx.queue({
      bytes,
      get label() {
        return label;
      },
      run: () => {
        const s = this.sheetRef();
        const b = this.box();
        label = { op: name, sheet: s.name, address: boxAddress(b) };
        run(s, b);
      },
    });
  }

  protected override read(prop: string): unknown {
    if (prop === "isNullObject") return this.boxRef() === null;
    const b = this.boxRef();
    if (!b) return undefined;
    switch (prop) {
      case "address":
        return `${this.sheetRef().name}!${boxAddress(b)}`;
      case "rowCount":
        return b.rows;
      case "columnCount":
        return b.cols;
      case "rowIndex":
        return b.top;
      case "columnIndex":
        return b.left;
      case "values": {
        this.ctx.noteRead(b.rows * b.cols);
        if (b.rows * b.cols > this.ctx.excel.cellLimit)
          throw new FakeOfficeError(
            "ResourceLimitReached",
            "The range read exceeds the cell limit.",
          );
        const values = this.sheetRef().valuesOf(this.box());
        this.ctx.checkResponse(JSON.stringify(values).length);
        return values;
      }
      case "numberFormat": {
        this.ctx.noteRead(b.rows * b.cols);
        const s = this.sheetRef();
        const formats = Array.from({ length: b.rows }, (_, r) =>
          Array.from(
            { length: b.cols },
            (_, c) => s.cell(b.top + r, b.left + c)?.format ?? "General",
          ),
        );
        // Formats count towards the response like values do.
        this.ctx.checkResponse(JSON.stringify(formats).length);
        return formats;
      }
      default:
        return undefined;
    }
  }

  override load(propertyNames: string): this {
    super.load(propertyNames);
    this.loaded.delete("isNullObject");
    this.ctx.queue({
      bytes: 0,
      run: () => this.loaded.set("isNullObject", this.boxRef() === null),
    });
    return this;
  }

  get address(): string {
    return this.got("address");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get isNullObject(): boolean {
    return this.got("isNullObject");
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  set values(v: unknown[][]) {
    this.op("values", JSON.stringify(v).length, (s, b) => this.fill(s, b, v, "values"));
  }
  get numberFormat(): unknown[][] {
    return this.got("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.op("numberFormat", JSON.stringify(v).length, (s, b) => this.fill(s, b, v, "numberFormat"));
  }

  /** Writes a 2-D array (or a 1x1 one broadcast over the range) into the box. */
  private fill(s: FakeSheet, b: Box, v: unknown[][], what: "values" | "numberFormat"): void {
    const broadcast = v.length === 1 && v[0].length === 1;
    if (!broadcast && (v.length !== b.rows || v.some((row) => row.length !== b.cols)))
      throw new FakeOfficeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size of the range ${boxAddress(b)}`,
      );
    for (let r = 0; r < b.rows; r++)
      for (let c = 0; c < b.cols; c++) {
        const x = broadcast ? v[0][0] : v[r][c];
        const cell = s.ensure(b.top + r, b.left + c);
        if (what === "values") writeCell(cell, x);
        else cell.format = String(x);
      }
  }

  merge(): void {
    this.op("merge", 50, () => undefined);
  }
}

class FakeWorksheet extends Proxy implements XlWorksheet {
  readonly tables: XlTableCollection;
  readonly freezePanes: { freezeRows(count?: number): void };
  readonly charts: { add(type: string, sourceData: XlRange, seriesBy?: string): XlChart };
  readonly customProperties: {
    add(key: string, value: string): unknown;
    getItemOrNullObject(key: string): XlCustomProperty;
  };
  readonly onSelectionChanged: {
    add(handler: (args: XlSelectionChangedArgs) => Promise<unknown>): XlEventResult;
  };

  constructor(
    ctx: FakeContext,
    readonly ref: () => FakeSheet | undefined,
  ) {
    super(ctx);
    const sheet = (): FakeSheet => {
      const s = this.ref();
      if (!s) throw new FakeOfficeError("ItemNotFound", "The worksheet does not exist");
      return s;
    };
    const whole = (): FakeRange =>
      new FakeRange(ctx, sheet, () => ({ top: 0, left: 0, rows: MAX_ROWS, cols: MAX_COLS }));
    this.tables = new FakeTableCollection(ctx, () => sheet());
    this.freezePanes = {
      freezeRows: (count = 1) => whole().op("freezeRows", 50, (s) => void (s.frozenRows = count)),
    };
    this.charts = {
      add: (type, source, seriesBy) => {
        const chart: FakeChart = { type, source: "", title: "" };
        const src = source as FakeRange;
        src.op(`charts.add`, 200, (s, b) => {
          chart.source = boxAddress(b);
          s.charts.push(chart);
          void seriesBy;
        });
        return {
          title: Object.defineProperty({}, "text", { set: (t: string) => (chart.title = t) }) as {
            text: string;
          },
          legend: { visible: false },
          series: {
            getItemAt: () => ({
              setXAxisValues: (r: XlRange) =>
                (r as FakeRange).op(
                  "series.setXAxisValues",
                  100,
                  (_s, b) => (chart.categories = boxAddress(b)),
                ),
            }),
          },
          setPosition: (start: string, end?: string) => {
            chart.position = [start, end];
          },
        };
      },
    };
    this.customProperties = {
      add: (key, value) => {
        whole().op("customProperties.add", 80 + value.length, (s) =>
          s.props.set(key.toLowerCase(), value),
        );
        return undefined;
      },
      getItemOrNullObject: (key) =>
        new FakeCustomProperty(ctx, () => this.ref()?.props.get(key.toLowerCase())),
    };
    this.onSelectionChanged = {
      add: (handler) => {
        whole().op("onSelectionChanged.add", 50, (s) => s.handlers.add(handler));
        return {
          remove: () =>
            whole().op("onSelectionChanged.remove", 50, (s) => s.handlers.delete(handler)),
        };
      },
    };
  }

  protected override read(prop: string): unknown {
    const s = this.ref();
    if (prop === "isNullObject") return s === undefined;
    if (!s) return undefined;
    if (prop === "name") return s.name;
    if (prop === "id") return s.id;
    if (prop === "showGridlines") return s.showGridlines;
    return undefined;
  }

  override load(propertyNames: string): this {
    super.load(propertyNames);
    this.ctx.queue({
      bytes: 0,
      run: () => this.loaded.set("isNullObject", this.ref() === undefined),
    });
    return this;
  }

  get name(): string {
    return this.got("name");
  }
  set name(_v: string) {
    throw new Error("rename not faked");
  }
  get id(): string {
    return this.got("id");
  }
  get isNullObject(): boolean {
    return this.got("isNullObject");
  }
  get showGridlines(): boolean {
    return this.got("showGridlines");
  }
  set showGridlines(v: boolean) {
    this.range(() => ({ top: 0, left: 0, rows: 1, cols: 1 })).op(
      "showGridlines",
      50,
      (s) => void (s.showGridlines = v),
    );
  }

  private sheetOrThrow = (): FakeSheet => {
    const s = this.ref();
    if (!s) throw new FakeOfficeError("ItemNotFound", "The worksheet does not exist");
    return s;
  };

  private range(box: () => Box | null): FakeRange {
    return new FakeRange(this.ctx, this.sheetOrThrow, box);
  }

  activate(): void {
    this.range(() => ({ top: 0, left: 0, rows: 1, cols: 1 })).op("activate", 50, (s) => {
      this.ctx.excel.activeSheet = s.name;
    });
  }

  delete(): void {
    this.range(() => ({ top: 0, left: 0, rows: 1, cols: 1 })).op("delete", 50, (s) => {
      const x = this.ctx.excel;
      if (x.sheets.length === 1)
        throw new FakeOfficeError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet",
        );
      x.sheets.splice(x.sheets.indexOf(s), 1);
      for (let i = x.tables.length - 1; i >= 0; i--)
        if (x.tables[i].sheet === s) x.tables.splice(i, 1);
    });
  }

  getRange(address?: string): XlRange {
    return this.range(() =>
      address === undefined
        ? { top: 0, left: 0, rows: MAX_ROWS, cols: MAX_COLS }
        : parseA1(address),
    );
  }

  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): XlRange {
    return this.range(() => ({
      top: startRow,
      left: startColumn,
      rows: rowCount,
      cols: columnCount,
    }));
  }

  getUsedRangeOrNullObject(): XlRange {
    return this.range(() => this.sheetOrThrow().usedBox());
  }
}

class FakeCustomProperty extends Proxy implements XlCustomProperty {
  constructor(
    ctx: FakeContext,
    private readonly ref: () => string | undefined,
  ) {
    super(ctx);
  }
  protected override read(prop: string): unknown {
    return prop === "value" ? this.ref() : undefined;
  }
  override load(propertyNames: string): this {
    super.load(propertyNames);
    this.ctx.queue({
      bytes: 0,
      run: () => this.loaded.set("isNullObject", this.ref() === undefined),
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.got("isNullObject");
  }
  get value(): string {
    return this.got("value");
  }
}

class FakeTableProxy extends Proxy implements XlTable {
  constructor(
    ctx: FakeContext,
    private readonly ref: () => FakeTable,
  ) {
    super(ctx);
  }
  protected override read(prop: string): unknown {
    return prop === "name" ? this.ref().name : undefined;
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    const t = (): FakeTable => this.ref();
    new FakeRange(
      this.ctx,
      () => t().sheet,
      () => t().box,
    ).op("table.name", 50, () => {
      const x = this.ctx.excel;
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(v))
        throw new FakeOfficeError("InvalidArgument", `Bad table name ${v}`);
      if (x.tables.some((o) => o !== t() && o.name.toLowerCase() === v.toLowerCase()))
        throw new FakeOfficeError("InvalidArgument", `Table name ${v} exists`);
      t().name = v;
    });
  }
  get worksheet(): XlWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => this.ref().sheet);
    if (this.loaded.has("worksheet/name"))
      (ws as unknown as { loaded: Map<string, unknown> }).loaded.set(
        "name",
        this.loaded.get("worksheet/name"),
      );
    return ws;
  }
  /** Loads "name" and "worksheet/name" for collection items. */
  snapshot(props: string[]): void {
    const t = this.ref();
    if (props.includes("name")) this.loaded.set("name", t.name);
    if (props.includes("worksheet/name")) this.loaded.set("worksheet/name", t.sheet.name);
  }
  getHeaderRowRange(): XlRange {
    return new FakeRange(
      this.ctx,
      () => this.ref().sheet,
      () => ({ ...this.ref().box, rows: 1 }),
    );
  }
  getDataBodyRange(): XlRange {
    return new FakeRange(
      this.ctx,
      () => this.ref().sheet,
      () => {
        const b = this.ref().box;
        return { top: b.top + 1, left: b.left, rows: b.rows - 1, cols: b.cols };
      },
    );
  }
}

class FakeTableCollection extends Proxy implements XlTableCollection {
  private itemList: FakeTableProxy[] | null = null;
  constructor(
    ctx: FakeContext,
    /** The sheet the collection belongs to, or null for the workbook's. */
    private readonly sheet: (() => FakeSheet) | null,
  ) {
    super(ctx);
  }
  private scope(): FakeTable[] {
    const s = this.sheet?.();
    return this.ctx.excel.tables.filter((t) => s === undefined || t.sheet === s);
  }
  override load(propertyNames: string): this {
    const props = propertyNames.split(",").map((p) => p.trim().replace(/^items\//, ""));
    this.ctx.queue({
      bytes: 50,
      run: () => {
        this.itemList = this.scope().map((t) => {
          const p = new FakeTableProxy(this.ctx, () => t);
          p.snapshot(props);
          return p;
        });
      },
    });
    return this;
  }
  get items(): XlTable[] {
    if (this.itemList === null) notLoaded("items");
    return this.itemList;
  }
  add(address: string, hasHeaders: boolean): XlTable {
    const entry: { t: FakeTable | null } = { t: null };
    const sheet =
      this.sheet ??
      ((): FakeSheet => this.ctx.excel.sheet(address.split("!")[0].replace(/^'|'$/g, "")));
    new FakeRange(this.ctx, sheet, () => parseA1(address)).op("tables.add", 100, (s, b) => {
      if (!hasHeaders) throw new Error("fake: headers expected");
      const x = this.ctx.excel;
      const overlaps = x.tables.some(
        (t) =>
          t.sheet === s &&
          t.box.top < b.top + b.rows &&
          b.top < t.box.top + t.box.rows &&
          t.box.left < b.left + b.cols &&
          b.left < t.box.left + t.box.cols,
      );
      if (overlaps) throw new FakeOfficeError("InvalidOperation", "Tables cannot overlap");
      if (b.rows < 2) throw new FakeOfficeError("InvalidArgument", "A table needs a data row");
      let n = x.tables.length + 1;
      while (x.tables.some((t) => t.name === `Table${n}`)) n++;
      entry.t = { name: `Table${n}`, sheet: s, box: b };
      x.tables.push(entry.t);
    });
    return new FakeTableProxy(this.ctx, () => {
      if (!entry.t) throw new FakeOfficeError("InvalidObjectPath", "Table not created");
      return entry.t;
    });
  }
  getItem(key: string): XlTable {
    return new FakeTableProxy(this.ctx, () => {
      const t = this.scope().find((x) => x.name.toLowerCase() === key.toLowerCase());
      if (!t) throw new FakeOfficeError("ItemNotFound", `No table ${key}`);
      return t;
    });
  }
}

class FakeWorksheetCollection extends Proxy implements XlWorksheetCollection {
  private itemList: FakeWorksheet[] | null = null;
  override load(propertyNames: string): this {
    const props = propertyNames.split(",").map((p) => p.trim().replace(/^items\//, ""));
    this.ctx.queue({
      bytes: 50,
      run: () => {
        this.itemList = this.ctx.excel.sheets.map((s) => {
          const w = new FakeWorksheet(this.ctx, () =>
            this.ctx.excel.sheets.includes(s) ? s : undefined,
          );
          const loaded = (w as unknown as { loaded: Map<string, unknown> }).loaded;
          for (const p of props)
            if (p === "name" || p === "id") loaded.set(p, p === "name" ? s.name : s.id);
          return w;
        });
      },
    });
    return this;
  }
  get items(): XlWorksheet[] {
    if (this.itemList === null) notLoaded("items");
    return this.itemList;
  }
  add(name?: string): XlWorksheet {
    const wanted = name ?? `Sheet${this.ctx.excel.sheets.length + 1}`;
    this.ctx.queue({
      bytes: 60,
      label: { op: "worksheets.add", sheet: wanted, address: "" },
      run: () => void this.ctx.excel.addSheet(wanted),
    });
    return this.getItem(wanted);
  }
  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.findSheet(key));
  }
  getItemOrNullObject(key: string): XlWorksheet {
    return this.getItem(key);
  }
}

/** A request context: queues operations and runs them at sync, with limits and a log. */
export class FakeContext implements XlContext {
  readonly workbook: { worksheets: XlWorksheetCollection; tables: XlTableCollection };
  readonly application: { suspendScreenUpdatingUntilNextSync(): void };
  private pending: Op[] = [];
  private suspends = 0;
  private readCells = 0;
  private responseBytes = 0;
  constructor(readonly excel: FakeExcel) {
    this.workbook = {
      worksheets: new FakeWorksheetCollection(this),
      tables: new FakeTableCollection(this, null),
    };
    this.application = { suspendScreenUpdatingUntilNextSync: () => void this.suspends++ };
  }

  queue(op: Op): void {
    this.pending.push(op);
  }

  noteRead(cells: number): void {
    this.readCells += cells;
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    const suspends = this.suspends;
    this.pending = [];
    this.suspends = 0;
    const request = this.excel.requests.length;
    const bytes = ops.reduce((n, o) => n + o.bytes + 100, 0);
    this.excel.requests.push({ bytes, suspends, ops: ops.length });
    if (bytes > this.excel.requestLimit)
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${bytes} bytes).`,
      );
    this.excel.beforeSync?.({ request, bytes });
    this.readCells = 0;
    this.responseBytes = 0;
    for (const op of ops) {
      op.run();
      if (this.readCells > this.excel.cellLimit)
        throw new FakeOfficeError(
          "ResourceLimitReached",
          "The range read exceeds the 5,000,000-cell limit.",
        );
      if (op.label) this.excel.log.push({ request, ...op.label });
    }
    await Promise.resolve();
  }

  /** Fails the request when the JSON of what it returns is over the response limit. */
  checkResponse(bytes: number): void {
    this.responseBytes += bytes;
    if (this.responseBytes > this.excel.responseLimit)
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit.",
      );
  }
}
