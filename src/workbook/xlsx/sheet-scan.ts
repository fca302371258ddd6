/**
 * One worksheet's XML scanned as bytes, in chunks of any size, straight into column-wise cells
 * (sheet-columns.ts): no decoded text per chunk and no string or object per cell. Tags are found
 * by byte, `<c r= t= s=>` attributes read from the bytes, plain numbers and shared-string indices
 * parsed from the digits, texts interned by their bytes (byte-interner.ts).
 *
 * It reads exactly what the reference reader sheet-reader.ts reads (tests/workbook/xlsx check the
 * two agree on random sheets): shared, inline and formula strings as text (rich text runs joined,
 * phonetic runs left out), booleans, error cells as their text ("#N/A"), numbers, and dates for
 * numbers whose cell format is a date format (1900 or 1904 system). A formula cell gives its
 * cached value; one with no cached value is kept as uncalculated, which the caller reports when it
 * lies inside a table. Anything that is not a plain number, index or ASCII-free-of-escapes text
 * takes the reference's own path (the bytes decoded, the same functions applied).
 */
import { ByteInterner } from "./byte-interner";
import {
  cellText,
  checkColumn,
  columnName,
  refRow,
  rowNumber,
  SheetDataError,
  type SheetContext,
} from "./sheet-cell";
import { KIND, SheetColumns } from "./sheet-columns";
import { decodeEntities, XmlMalformedError } from "./xml-scan";
import { grown } from "../grown-array";

/** A tag or text run longer than this is not SpreadsheetML: refuse rather than buffer without end. */
const MAX_PENDING = 16 * 1024 * 1024;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOT = 34;
const APOS = 39;
const COLON = 58;
const EQ = 61;

/** Tag names the scanner acts on. */
const TAG = { other: 0, c: 1, v: 2, f: 3, t: 4, is: 5, row: 6, rPh: 7, sheetData: 8 } as const;

/** The `t` attribute: "" and "n" (and unknown types) read as numbers. */
const TYPE = { number: 0, s: 1, str: 2, inlineStr: 3, e: 4, b: 5, d: 6 } as const;

/** Interner decodings: plain cell text, cell text trimmed (error cells). */
const MODE_TEXT = 0;
const MODE_TRIMMED = 1;

/** 10^k for k = 0..22: exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const utf8 = new TextDecoder("utf-8");
const decodeUtf8 = (b: Uint8Array, s: number, e: number): string => utf8.decode(b.subarray(s, e));
const decodeText = (b: Uint8Array, s: number, e: number): string => cellText(decodeUtf8(b, s, e));
const decodeTrimmed = (b: Uint8Array, s: number, e: number): string =>
  cellText(decodeUtf8(b, s, e)).trim();

const fmt = (n: number): string => n.toLocaleString("en-US");

/** Whether bytes[s, e) equal the ASCII text `word`. */
function bytesAre(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[s + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** The tag code of the local name bytes[s, e) (any prefix dropped). */
function tagOf(b: Uint8Array, s: number, e: number): number {
  for (let k = s; k < e; k++) if (b[k] === COLON) s = k + 1;
  const len = e - s;
  const c0 = b[s];
  if (len === 1) {
    if (c0 === 99) return TAG.c;
    if (c0 === 118) return TAG.v;
    if (c0 === 116) return TAG.t;
    if (c0 === 102) return TAG.f;
    return TAG.other;
  }
  if (len === 2) return c0 === 105 && b[s + 1] === 115 ? TAG.is : TAG.other;
  if (len === 3) {
    if (bytesAre(b, s, e, "row")) return TAG.row;
    if (bytesAre(b, s, e, "rPh")) return TAG.rPh;
    return TAG.other;
  }
  return len === 9 && bytesAre(b, s, e, "sheetData") ? TAG.sheetData : TAG.other;
}

/** The `t` attribute value bytes[s, e) as a TYPE. */
function typeOf(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  const c = b[s];
  if (len === 1) {
    if (c === 115) return TYPE.s;
    if (c === 101) return TYPE.e;
    if (c === 98) return TYPE.b;
    if (c === 100) return TYPE.d;
    return TYPE.number;
  }
  if (len === 3 && bytesAre(b, s, e, "str")) return TYPE.str;
  if (len === 9 && bytesAre(b, s, e, "inlineStr")) return TYPE.inlineStr;
  return TYPE.number;
}

/**
 * A plain decimal `-?digits[.digits]` of at most 15 digits as the double parseFloat gives (the
 * digits as an exact integer divided by an exact power of ten: one correctly rounded division);
 * NaN for any other text, which the caller parses as the reference does.
 */
function plainNumber(b: Uint8Array, s: number, e: number): number {
  let k = s;
  const neg = b[k] === 45; /* - */
  if (neg) k++;
  let m = 0;
  let digits = 0;
  for (; k < e; k++) {
    const d = b[k] - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
  }
  if (digits === 0) return NaN;
  let frac = 0;
  if (k < e) {
    if (b[k] !== 46 /* . */) return NaN;
    k++;
    for (; k < e; k++) {
      const d = b[k] - 48;
      if (d < 0 || d > 9) return NaN;
      m = m * 10 + d;
      frac++;
    }
    if (frac === 0) return NaN;
  }
  if (digits + frac > 15) return NaN;
  const v = frac === 0 ? m : m / POW10[frac];
  return neg ? -v : v;
}

/** A growable byte buffer for text that may span chunks. */
class Bytes {
  b = new Uint8Array(256);
  n = 0;
  append(src: Uint8Array, s: number, e: number): void {
    const need = this.n + (e - s);
    if (need > MAX_PENDING) throw new XmlMalformedError("an XML tag or text run longer than 16 MB");
    this.b = grown(this.b, need);
    if (e - s < 16) for (let k = s; k < e; k++) this.b[this.n++] = src[k];
    else {
      this.b.set(src.subarray(s, e), this.n);
      this.n = need;
    }
  }
}

export class SheetScanner {
  readonly columns: SheetColumns;
  private readonly texts = new ByteInterner();
  private carry: Uint8Array | null = null;
  private started = false;
  /** A UTF-16 sheet (byte-order mark) is turned into UTF-8 before scanning. */
  private utf16: {
    decoder: InstanceType<typeof TextDecoder>;
    encoder: InstanceType<typeof TextEncoder>;
  } | null = null;

  private inSheetData = false;
  private inRow = false;
  private rowNum = 0;
  private rowHadRef = false;
  private rowCells = 0;
  private prevCol = 0;
  private inCell = false;
  private col = 0;
  private type: number = TYPE.number;
  private style = 0;
  private hasFormula = false;
  private hasValue = false;
  private hasInline = false;
  private inPhonetic = false;
  /** 0 nothing, 1 the text of <v>, 2 the text of an inline string's <t>. */
  private collect = 0;
  private readonly value = new Bytes();
  /** Attribute value spans found by readAttributes. */
  private rS = -1;
  private rE = -1;
  private tS = -1;
  private tE = -1;
  private sS = -1;
  private sE = -1;
  private readonly inline = new Bytes();

  constructor(private readonly ctx: SheetContext) {
    this.columns = new SheetColumns(ctx.sharedStrings, this.texts.values, ctx.date1904);
  }

  write(chunk: Uint8Array): void {
    if (!this.started) {
      this.started = true;
      if (
        chunk.length >= 2 &&
        ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
      )
        this.utf16 = {
          decoder: new TextDecoder(chunk[0] === 0xff ? "utf-16le" : "utf-16be"),
          encoder: new TextEncoder(),
        };
    }
    if (this.utf16 !== null)
      chunk = this.utf16.encoder.encode(this.utf16.decoder.decode(chunk, { stream: true }));
    this.scan(chunk);
  }

  /** Call after the last chunk: an unclosed tag is an error. */
  end(): void {
    if (this.utf16 !== null) {
      const rest = this.utf16.encoder.encode(this.utf16.decoder.decode());
      if (rest.length > 0) this.scan(rest);
    }
    if (this.carry !== null && this.carry.length > 0)
      throw new XmlMalformedError("the XML ends inside a tag");
    this.columns.finish();
  }

  private scan(chunk: Uint8Array): void {
    let b = chunk;
    if (this.carry !== null) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
      this.carry = null;
    }
    const n = b.length;
    let i = 0;
    while (i < n) {
      let lt = i;
      while (lt < n && b[lt] !== LT) lt++;
      if (lt > i && this.collect !== 0)
        (this.collect === 1 ? this.value : this.inline).append(b, i, lt);
      if (lt >= n) return;
      const c = lt + 1 < n ? b[lt + 1] : -1;
      if (c === 33 /* ! */) {
        const end = this.special(b, lt);
        if (end < 0) return this.keep(b, lt);
        i = end;
        continue;
      }
      if (c === 63 /* ? */) {
        let e = lt + 2;
        while (e + 1 < n && !(b[e] === 63 && b[e + 1] === GT)) e++;
        if (e + 1 >= n) return this.keep(b, lt);
        i = e + 2;
        continue;
      }
      let gt = lt + 1;
      while (gt < n && b[gt] !== GT) gt++;
      if (gt >= n) return this.keep(b, lt);
      if (c === SLASH) {
        let e = gt;
        while (e > lt + 2 && b[e - 1] <= 32) e--;
        this.close(tagOf(b, lt + 2, e));
      } else {
        let e = lt + 1;
        while (e < gt) {
          const k = b[e];
          if (k === 32 || k === 9 || k === 10 || k === 13 || k === SLASH) break;
          e++;
        }
        const selfClosing = b[gt - 1] === SLASH;
        this.open(tagOf(b, lt + 1, e), b, e, selfClosing ? gt - 1 : gt, selfClosing);
      }
      i = gt + 1;
    }
  }

  /** Comment, CDATA (its text collected as it stands) or declaration at b[lt]: the index after it, or -1 when cut. */
  private special(b: Uint8Array, lt: number): number {
    const n = b.length;
    if (lt + 9 <= n && bytesAre(b, lt, lt + 9, "<![CDATA[")) {
      let e = lt + 9;
      while (e + 2 < n && !(b[e] === 93 && b[e + 1] === 93 && b[e + 2] === GT)) e++;
      if (e + 2 >= n) return -1;
      if (this.collect !== 0) (this.collect === 1 ? this.value : this.inline).append(b, lt + 9, e);
      return e + 3;
    }
    if (lt + 4 <= n && bytesAre(b, lt, lt + 4, "<!--")) {
      let e = lt + 4;
      while (e + 2 < n && !(b[e] === 45 && b[e + 1] === 45 && b[e + 2] === GT)) e++;
      return e + 2 >= n ? -1 : e + 3;
    }
    if (lt + 9 > n && n - lt < 9) return -1; // may yet be CDATA or a comment
    let e = lt + 2;
    while (e < n && b[e] !== GT) e++;
    return e >= n ? -1 : e + 1;
  }

  /** Keeps the unfinished tail b[from..] for the next chunk. */
  private keep(b: Uint8Array, from: number): void {
    if (b.length - from > MAX_PENDING)
      throw new XmlMalformedError("an XML tag or text run longer than 16 MB");
    this.carry = b.slice(from);
  }

  private open(tag: number, b: Uint8Array, a: number, z: number, selfClosing: boolean): void {
    switch (tag) {
      case TAG.c:
        if (!this.inRow) return;
        this.startCell(b, a, z);
        if (selfClosing) this.inCell = false; // empty cell: nothing to keep
        return;
      case TAG.v:
        if (!this.inCell) return;
        this.hasValue = true;
        this.value.n = 0;
        if (!selfClosing) this.collect = 1;
        return;
      case TAG.f:
        if (this.inCell) this.hasFormula = true;
        return;
      case TAG.is:
        if (this.inCell) {
          this.hasInline = true;
          this.inline.n = 0;
        }
        return;
      case TAG.t:
        if (this.inCell && this.hasInline && !this.inPhonetic && !selfClosing) this.collect = 2;
        return;
      case TAG.rPh:
        if (!selfClosing) this.inPhonetic = true;
        return;
      case TAG.row:
        if (this.inSheetData) this.startRow(b, a, z);
        if (selfClosing) this.inRow = false;
        return;
      case TAG.sheetData:
        if (!selfClosing) this.inSheetData = true;
        return;
      default:
        return;
    }
  }

  private close(tag: number): void {
    switch (tag) {
      case TAG.v:
      case TAG.t:
        this.collect = 0;
        return;
      case TAG.c:
        if (this.inCell) this.endCell();
        return;
      case TAG.rPh:
        this.inPhonetic = false;
        return;
      case TAG.row:
        this.inRow = false;
        return;
      case TAG.sheetData:
        this.inSheetData = false;
        return;
      default:
        return;
    }
  }

  /**
   * Finds the `r`, `t` and `s` attributes (any prefix) of the tag bytes b[a, z): their values'
   * spans in rS..rE, tS..tE, sS..sE (start -1 when absent; the first of a name counts).
   */
  private readAttributes(b: Uint8Array, a: number, z: number): void {
    this.rS = this.tS = this.sS = -1;
    let p = a;
    while (p < z) {
      while (p < z && b[p] <= 32) p++;
      if (p >= z) return;
      let nameStart = p;
      while (p < z && b[p] > 32 && b[p] !== EQ) {
        if (b[p] === COLON) nameStart = p + 1;
        p++;
      }
      const nameEnd = p;
      while (p < z && b[p] <= 32) p++;
      if (p >= z || b[p] !== EQ) continue;
      p++;
      while (p < z && b[p] <= 32) p++;
      const q = b[p];
      if (q !== QUOT && q !== APOS) continue;
      const s = p + 1;
      let e = s;
      while (e < z && b[e] !== q) e++;
      p = e + 1;
      if (nameEnd - nameStart !== 1) continue;
      const name = b[nameStart];
      if (name === 114 /* r */ && this.rS < 0) {
        this.rS = s;
        this.rE = e;
      } else if (name === 116 /* t */ && this.tS < 0) {
        this.tS = s;
        this.tE = e;
      } else if (name === 115 /* s */ && this.sS < 0) {
        this.sS = s;
        this.sE = e;
      }
    }
  }

  private startRow(b: Uint8Array, a: number, z: number): void {
    this.readAttributes(b, a, z);
    const rs = this.rS;
    const re = this.rE;
    let n: number | null = null;
    if (rs >= 0) {
      n = re > rs && re - rs <= 9 ? 0 : NaN;
      for (let k = rs; k < re && !Number.isNaN(n); k++) {
        const d = b[k] - 48;
        n = d >= 0 && d <= 9 ? n * 10 + d : NaN;
      }
      if (Number.isNaN(n)) n = Number(decodeEntities(decodeUtf8(b, rs, re)));
    }
    const written = (): string => decodeEntities(decodeUtf8(b, rs, re));
    this.rowNum = rowNumber(n, written, this.rowNum, this.ctx.limits.maxRows);
    this.rowHadRef = rs >= 0;
    this.inRow = true;
    this.rowCells = 0;
    this.prevCol = 0;
  }

  private startCell(b: Uint8Array, a: number, z: number): void {
    this.readAttributes(b, a, z);
    const rs = this.rS;
    const re = this.rE;
    let col: number;
    if (rs >= 0) {
      col = 0;
      for (let k = rs; k < re; k++) {
        const c = b[k];
        if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
        else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
        else if (c === 36 /* $ */) continue;
        else break;
        if (col > 1e7) break;
      }
      if (col === 0)
        throw new SheetDataError(
          "bad-cell",
          `a cell reference "${decodeUtf8(b, rs, re)}" has no column`,
        );
      if (!this.rowHadRef && this.rowCells === 0) {
        const r = refRow(decodeUtf8(b, rs, re));
        if (r >= 1 && r <= this.ctx.limits.maxRows) this.rowNum = r;
      }
    } else {
      col = this.prevCol + 1;
    }
    checkColumn(col, this.rowNum, this.ctx.limits.maxColumns);
    this.prevCol = col;
    this.col = col;
    this.type = this.tS >= 0 ? typeOf(b, this.tS, this.tE) : TYPE.number;
    let style = 0;
    if (this.sS >= 0)
      for (let k = this.sS; k < this.sE; k++) {
        const d = b[k] - 48;
        if (d < 0 || d > 9) break;
        style = style * 10 + d;
      }
    this.style = style;
    this.hasFormula = false;
    this.hasValue = false;
    this.hasInline = false;
    this.value.n = 0;
    this.inCell = true;
  }

  private endCell(): void {
    this.inCell = false;
    this.collect = 0;
    const t = this.type;
    let kind: number;
    let val = 0;
    if (t === TYPE.inlineStr && this.hasInline) {
      kind = KIND.text;
      val = this.texts.intern(this.inline.b, 0, this.inline.n, MODE_TEXT, decodeText);
    } else if (!this.hasValue) {
      if (!this.hasFormula) return;
      kind = KIND.uncalculated;
    } else {
      const v = this.value.b;
      const len = this.value.n;
      switch (t) {
        case TYPE.s: {
          let index = len > 0 && len <= 9 ? 0 : -1;
          for (let k = 0; k < len && index >= 0; k++) {
            const d = v[k] - 48;
            index = d >= 0 && d <= 9 ? index * 10 + d : -1;
          }
          if (index < 0) index = Number(decodeUtf8(v, 0, len));
          if (this.ctx.sharedStrings[index] === undefined)
            throw new SheetDataError(
              "bad-shared-string",
              `cell ${columnName(this.col)}${this.rowNum} points at shared string ${decodeUtf8(v, 0, len).trim()}, which does not exist`,
            );
          kind = KIND.shared;
          val = index;
          break;
        }
        case TYPE.str:
        case TYPE.inlineStr:
          kind = KIND.text;
          val = this.texts.intern(v, 0, len, MODE_TEXT, decodeText);
          break;
        case TYPE.e:
          kind = KIND.text;
          val = this.texts.intern(v, 0, len, MODE_TRIMMED, decodeTrimmed);
          break;
        case TYPE.b: {
          const raw = decodeUtf8(v, 0, len).trim();
          kind = raw === "1" || raw === "true" ? KIND.true : KIND.false;
          break;
        }
        case TYPE.d: {
          const ms = Date.parse(decodeUtf8(v, 0, len).trim());
          if (Number.isNaN(ms)) {
            kind = KIND.text;
            val = this.texts.intern(v, 0, len, MODE_TEXT, decodeText);
          } else {
            kind = KIND.isoDate;
            val = ms;
          }
          break;
        }
        default: {
          let n = plainNumber(v, 0, len);
          if (Number.isNaN(n)) {
            const raw = decodeUtf8(v, 0, len);
            if (raw.trim() === "") return;
            n = parseFloat(raw);
            if (Number.isNaN(n)) return;
          }
          if (this.ctx.dateStyles[this.style] === true) {
            kind = KIND.serial;
          } else {
            kind = KIND.number;
            const code = this.ctx.currencyStyles?.[this.style];
            if (code != null) this.columns.noteCurrency(this.rowNum, this.col, code);
          }
          val = n;
        }
      }
    }
    if (++this.ctx.cellCount.n > this.ctx.limits.maxCells)
      throw new SheetDataError(
        "too-many-cells",
        `the workbook has more than ${fmt(this.ctx.limits.maxCells)} non-empty cells`,
      );
    this.rowCells++;
    this.columns.add(this.rowNum, this.col, kind, val);
  }
}
