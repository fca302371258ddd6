/**
 * Texts interned by their raw bytes: the same bytes (under the same decoding) give the same index,
 * and a string is made only the first time, so a column that repeats a few thousand ids a million
 * times makes a few thousand strings. Open addressing over an FNV-1a hash; the bytes are kept in
 * one growing pool to compare against.
 */
import { grown } from "../grown-array";

/** Makes the text of bytes[start, end). */
export type Decode = (bytes: Uint8Array, start: number, end: number) => string;

export class ByteInterner {
  /** The texts, by index. */
  readonly values: string[] = [];
  private pool = new Uint8Array(64 * 1024);
  private poolLength = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private modes = new Uint8Array(1024);
  /** Slot -> index + 1 (0: empty). */
  private table = new Int32Array(2048);

  /**
   * The index of the text of bytes[start, end) under decoding `mode` (a small number the caller
   * chooses); `decode` makes it when these bytes are new.
   */
  intern(bytes: Uint8Array, start: number, end: number, mode: number, decode: Decode): number {
    const h = hashOf(bytes, start, end, mode);
    const mask = this.table.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) {
        const id = this.add(bytes, start, end, mode, decode);
        this.table[slot] = id + 1;
        if (this.values.length * 2 > this.table.length) this.rehash();
        return id;
      }
      const id = entry - 1;
      if (this.lengths[id] !== len || this.modes[id] !== mode) continue;
      const at = this.starts[id];
      let k = 0;
      while (k < len && this.pool[at + k] === bytes[start + k]) k++;
      if (k === len) return id;
    }
  }

  private add(bytes: Uint8Array, start: number, end: number, mode: number, decode: Decode): number {
    const id = this.values.length;
    const len = end - start;
    this.pool = grown(this.pool, this.poolLength + len);
    this.pool.set(bytes.subarray(start, end), this.poolLength);
    if (id === this.starts.length) {
      this.starts = grown(this.starts, id + 1);
      this.lengths = grown(this.lengths, id + 1);
      this.modes = grown(this.modes, id + 1);
    }
    this.starts[id] = this.poolLength;
    this.lengths[id] = len;
    this.modes[id] = mode;
    this.poolLength += len;
    this.values.push(decode(bytes, start, end));
    return id;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      const at = this.starts[id];
      let slot = hashOf(this.pool, at, at + this.lengths[id], this.modes[id]) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }
}

/** FNV-1a of bytes[start, end), seeded with the decoding mode. */
function hashOf(bytes: Uint8Array, start: number, end: number, mode: number): number {
  let h = 0x811c9dc5 ^ mode;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  return h;
}
