/**
 * One CSV column's distinct fields, found while the scan cuts them (csv-columns.ts): each data
 * row gets the code of the first row whose field is written the same way (the same units, quotes
 * included; every empty field is one code), so equal codes always have equal cells. Per code the
 * table keeps where its first field lies and its hash; nothing per row but the code. A cell's
 * text, its plain cents and whether it is blank are then made once per code, when first asked.
 */
import { grown } from "./grown-array";

/** The code units a CSV is scanned in: UTF-8 bytes or UTF-16 code units. */
export type CsvUnits = Uint8Array | Uint16Array;

/**
 * FNV-1a of units [from, to), as the scan computes it (folding each unit in as it passes it; the
 * constants are written there too, so the loop reads no module binding per unit).
 */
export function hashUnits(text: CsvUnits, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = from; k < to; k++) h = Math.imul(h ^ text[k], 0x01000193);
  return h;
}

export class FieldCodes {
  /** Per data row, its field's code (capacity may exceed the row count). */
  code: Int32Array<ArrayBuffer>;
  /** Per code, its first field's units [from, to) (from at the opening quote of a quoted field). */
  from = new Int32Array(64);
  to = new Int32Array(64);
  hash = new Int32Array(64);
  count = 0;
  /** The code of an empty field (or a row without this column), -1 until one is seen. */
  nullCode = -1;
  // Code + 1 per slot, 0 for an empty slot. The table starts at 2 slots so that its first
  // fields already rehash: the engine has then seen `rehash` called before it compiles the scan's
  // loop with `find` inlined, which otherwise is thrown away at a column's first rehash. The
  // slots never change a code (codes are numbered in first-seen order).
  private slots = new Int32Array(2);
  private mask = 1;
  /** The code of the last non-empty field, -1 before any (read and set by `take`; the row scan's run inlines it). */
  last = -1;
  /** Per code, the code that last followed it, -1 when none has (`predict`, `take`). */
  follow = new Int32Array(64).fill(-1);

  /** A column first met at data row `row`, with room for `capacity` rows: rows before are empty. */
  constructor(capacity: number, row: number) {
    this.code = new Int32Array(capacity);
    if (row > 0) this.code.fill(this.empty(), 0, row);
  }

  /** The code of an empty field. */
  empty(): number {
    if (this.nullCode < 0) this.nullCode = this.add(0, 0, 0);
    return this.nullCode;
  }

  /**
   * The code the next non-empty field most likely has: the one that last followed the last
   * field's code (a week column's next week), else the last field's (a customer's run of rows);
   * -1 before any.
   */
  predict(): number {
    const last = this.last;
    if (last < 0) return -1;
    const next = this.follow[last];
    return next >= 0 ? next : last;
  }

  /**
   * Where a field starting at `at` ends when it is written as code c's first field (the same
   * units, then a delimiter d, a line end or the end of the text), else -1. The grammar cuts a
   * field from its own units and the one after, so it is then cut exactly there.
   */
  matchAt(text: CsvUnits, at: number, c: number, d: number): number {
    const from = this.from[c];
    const end = at + (this.to[c] - from);
    const n = text.length;
    if (end > n) return -1;
    for (let k = at, g = from - at; k < end; k++) if (text[k] !== text[k + g]) return -1;
    if (end === n) return end;
    // Each comparison made every time (no short cut), so the compiled code has seen them all.
    const u = text[end];
    return (+(u === d) | +(u === 10) | +(u === 13)) === 0 ? -1 : end;
  }

  /** Notes that the next non-empty field has code c (what follows what, for `predict`). */
  take(c: number): number {
    if (this.last >= 0) this.follow[this.last] = c;
    this.last = c;
    return c;
  }

  /** The code of the field at units [from, to) with hash h (its first spelling's; empty: `empty`). */
  find(text: CsvUnits, from: number, to: number, h: number): number {
    const len = to - from;
    if (len === 0) return this.empty();
    const { hash, from: at, to: until } = this;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const s = slots[slot];
      if (s === 0) break;
      const c = s - 1;
      if (hash[c] === h && until[c] - at[c] === len) {
        let k = 0;
        const g = at[c] - from;
        while (k < len && text[from + k] === text[from + g + k]) k++;
        if (k === len) return this.take(c);
      }
      slot = (slot + 1) & mask;
    }
    const c = this.add(from, to, h);
    slots[slot] = c + 1;
    if (this.count * 2 > mask) this.rehash();
    return this.take(c);
  }

  private add(from: number, to: number, h: number): number {
    const c = this.count++;
    if (c === this.from.length) {
      this.from = grown(this.from, c + 1);
      this.to = grown(this.to, c + 1);
      this.hash = grown(this.hash, c + 1);
      this.follow = grown(this.follow, this.from.length, -1);
    }
    this.from[c] = from;
    this.to[c] = to;
    this.hash[c] = h;
    return c;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let c = 0; c < this.count; c++) {
      if (c === this.nullCode) continue;
      let slot = this.hash[c] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = c + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** Makes room for `need` rows. */
  reserve(need: number): void {
    this.code = grown(this.code, need);
  }
}
