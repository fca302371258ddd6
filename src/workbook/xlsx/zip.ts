/**
 * A read-only zip directory over bytes in memory (no Node imports: the reader also runs in the
 * browser). Entries are inflated on demand with fflate's streaming Inflate under a byte budget, so
 * a zip bomb stops after a few megabytes instead of filling memory or disk.
 */
import { Inflate } from "fflate";
import type { XlsxLimits } from "./limits";

export interface ZipEntry {
  /** Name as stored (forward slashes). */
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
  /** CRC-32 of the inflated data and the DOS time and date, as the directory records them. */
  crc32: number;
  modTime: number;
  modDate: number;
}

/** A zip that cannot be read; the message says why, without the file name. */
export class ZipFormatError extends Error {}

/** Too much inflated data: the message says which part and which limit. */
export class ZipBudgetError extends Error {}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

function findEndOfDirectory(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/** True when the bytes start like a zip archive (local file header or empty archive). */
export function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);
}

/** The central directory of a zip archive. */
export function readZipDirectory(b: Uint8Array): ZipEntry[] {
  const eocd = findEndOfDirectory(b);
  if (eocd < 0)
    throw new ZipFormatError("no zip directory found: the file is cut short or not a zip");
  let count = u16(b, eocd + 10);
  let dirOffset = u32(b, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === 0x07064b50) {
      const z64 = u64(b, loc + 8);
      if (z64 + 56 <= b.length && u32(b, z64) === 0x06064b50) {
        count = u64(b, z64 + 32);
        dirOffset = u64(b, z64 + 48);
      }
    }
  }
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  const decoder = new TextDecoder("utf-8");
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50)
      throw new ZipFormatError("the zip directory is damaged");
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const modTime = u16(b, p + 12);
    const modDate = u16(b, p + 14);
    const crc32 = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let declaredSize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const name = decoder.decode(b.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, "/");
    // Zip64 extra field: the sizes / offset that are 0xffffffff above, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const size = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (declaredSize === 0xffffffff) {
          declaredSize = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + size;
    }
    entries.push({
      name,
      method,
      encrypted: (flags & 1) !== 0,
      compressedSize,
      declaredSize,
      localOffset,
      crc32,
      modTime,
      modDate,
    });
    p = extraEnd + commentLen;
  }
  return entries;
}

/**
 * A host's own whole-buffer raw-deflate inflater (Node's zlib is several times faster than the
 * portable JavaScript one): returns the inflated bytes, or null when they would pass `maxOutput`.
 * `sizeHint` is the size the zip directory declares (a hint only: it may be wrong). Throws on
 * damaged data.
 */
export type RawInflate = (
  data: Uint8Array,
  maxOutput: number,
  sizeHint: number,
) => Uint8Array | null;

/** Running count of inflated bytes over all parts of one workbook. */
export class InflateBudget {
  total = 0;
  constructor(
    readonly limits: XlsxLimits,
    readonly rawInflate?: RawInflate,
  ) {}
}

/**
 * The host inflater is trusted with at most this many times a part's compressed size (real sheet
 * XML inflates 5-15 times); a part that would inflate more goes through the streaming inflater,
 * which applies the full limits while holding only one chunk at a time.
 */
const FAST_PATH_RATIO = 20;
/** Chunks handed on from a whole inflated buffer (the scanner decodes one chunk at a time). */
const FAST_CHUNK_BYTES = 1024 * 1024;

const PUSH_BYTES = 16 * 1024;

/** Offset of an entry's stored (compressed) data, after its local header; checks it is all there. */
export function entryDataStart(b: Uint8Array, entry: ZipEntry): number {
  const p = entry.localOffset;
  if (p + 30 > b.length || u32(b, p) !== 0x04034b50)
    throw new ZipFormatError(`the entry ${entry.name} is damaged`);
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  if (start + entry.compressedSize > b.length)
    throw new ZipFormatError(`the entry ${entry.name} is cut short`);
  return start;
}

/**
 * Inflate one entry, handing each decompressed chunk to `onChunk`. Throws ZipBudgetError as soon
 * as the part passes its limits (checked after every 16 KB of compressed input), ZipFormatError
 * for a damaged or unsupported entry.
 */
export function inflateEntry(
  b: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  onChunk: (chunk: Uint8Array) => void,
): void {
  const steps = inflateEntrySteps(b, entry, budget, onChunk);
  while (steps.next().done !== true);
}

/**
 * inflateEntry as steps: the same inflation, pausing after each piece of compressed input
 * (16 KB, or 1 MB of a host-inflated part's output) with the compressed bytes consumed so far, so
 * a caller can yield to its event loop and stop between pieces (the preview's open, cancellable).
 */
export function* inflateEntrySteps(
  b: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  onChunk: (chunk: Uint8Array) => void,
): Generator<number, void, void> {
  const start = entryDataStart(b, entry);
  const end = start + entry.compressedSize;
  const limits = budget.limits;
  let inflated = 0;
  let consumed = 0;
  const count = (n: number): void => {
    inflated += n;
    budget.total += n;
    if (inflated > limits.maxPartBytes)
      throw new ZipBudgetError(
        `${entry.name} inflates to more than ${mb(limits.maxPartBytes)} (the limit for one part)`,
      );
    if (budget.total > limits.maxTotalBytes)
      throw new ZipBudgetError(
        `the workbook inflates to more than ${mb(limits.maxTotalBytes)} in total`,
      );
    if (
      inflated > limits.ratioFloorBytes &&
      inflated > limits.maxCompressionRatio * Math.max(consumed, 1)
    )
      throw new ZipBudgetError(
        `${entry.name} inflates more than ${limits.maxCompressionRatio} times its compressed size ` +
          `(${mb(inflated)} from ${mb(consumed)} so far): a real workbook does not; this looks like a zip bomb`,
      );
  };
  if (entry.method === 0) {
    for (let q = start; q < end; q += PUSH_BYTES) {
      const chunk = b.subarray(q, Math.min(end, q + PUSH_BYTES));
      consumed += chunk.length;
      count(chunk.length);
      onChunk(chunk);
      yield consumed;
    }
    return;
  }
  if (entry.method !== 8)
    throw new ZipFormatError(
      `the entry ${entry.name} uses zip method ${entry.method}, not deflate`,
    );
  if (budget.rawInflate !== undefined) {
    const cap = Math.min(
      limits.maxPartBytes,
      limits.maxTotalBytes - budget.total,
      Math.max(limits.ratioFloorBytes, FAST_PATH_RATIO * entry.compressedSize),
    );
    let out: Uint8Array | null;
    try {
      out = budget.rawInflate(b.subarray(start, end), Math.max(0, cap), entry.declaredSize);
    } catch (e) {
      throw new ZipFormatError(`the entry ${entry.name} is damaged (${(e as Error).message})`);
    }
    if (out !== null) {
      consumed = entry.compressedSize;
      count(out.length);
      for (let q = 0; q < out.length; q += FAST_CHUNK_BYTES) {
        const stop = Math.min(out.length, q + FAST_CHUNK_BYTES);
        onChunk(out.subarray(q, stop));
        // Inflated at once: the compressed bytes this much of the output stands for.
        yield Math.round((entry.compressedSize * stop) / out.length);
      }
      return;
    }
  }
  const inflater = new Inflate((chunk) => {
    count(chunk.length);
    onChunk(chunk);
  });
  try {
    if (start === end) inflater.push(new Uint8Array(0), true);
    for (let q = start; q < end; q += PUSH_BYTES) {
      const stop = Math.min(end, q + PUSH_BYTES);
      consumed += stop - q;
      inflater.push(b.subarray(q, stop), stop === end);
      yield consumed;
    }
  } catch (e) {
    if (e instanceof ZipBudgetError || !(e instanceof Error)) throw e;
    // fflate reports damaged data with plain Errors ("invalid block type", "unexpected EOF").
    if (!(e instanceof ZipFormatError) && /^(invalid|unexpected)/.test(e.message))
      throw new ZipFormatError(`the entry ${entry.name} is damaged (${e.message})`);
    throw e;
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString("en-US")} MB`;
}
