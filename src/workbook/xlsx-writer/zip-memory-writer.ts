/**
 * A zip package built in memory, for the browser preview's download (no Node imports): each part
 * is deflated as its chunks come and kept only compressed; `finish()` gives the file as its pieces
 * (local header, deflated data, ..., central directory), for one copy into the bytes handed to the
 * page. A big part goes through the platform's native compressor when there is one
 * (`CompressionStream("gzip")`: zlib, about four times less CPU than fflate's fastest level on
 * sheet XML; the gzip trailer gives the CRC-32 and size, so no CRC is computed in JavaScript), else
 * through fflate with the CRC carried along (../xlsx-charts/crc32.ts). Between two chunks of a big
 * part it awaits `between` (the preview reports progress there, yields so a cancel message gets
 * in, and stops when cancelled). Like zip-file-writer.ts: no data descriptors, no Zip64 (over 4 GB
 * is an error, never a corrupt file).
 */
import { Deflate, deflateSync } from "fflate";
import { crc32 } from "../xlsx-charts/crc32";
import { FAST_DEFLATE_LEVEL, checkZip32, dosDateTime, type ZipSink } from "./zip-sink";

const encoder = new TextEncoder();

interface Entry {
  name: Uint8Array;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The constructor of the platform's compression streams (the browser's, Node's stream/web). */
export type NativeCompression = new (format: "gzip") => {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
};

/** The global CompressionStream when the platform has one. */
function nativeCompression(): NativeCompression | null {
  const g = globalThis as { CompressionStream?: unknown };
  return typeof g.CompressionStream === "function"
    ? (g.CompressionStream as NativeCompression)
    : null;
}

const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;

/**
 * The raw deflate data of one gzip member given in pieces (RFC 1952: a 10-byte header without
 * optional fields, as zlib writes it, then the data, then CRC-32 and size mod 2^32, little-endian).
 */
export function gzipMember(pieces: readonly Uint8Array[]): {
  deflated: Uint8Array[];
  crc: number;
  isize: number;
} {
  const total = pieces.reduce((n, p) => n + p.length, 0);
  if (total < GZIP_HEADER + GZIP_TRAILER) throw new Error("a gzip member is too short");
  const byteAt = (i: number): number => {
    for (const p of pieces) {
      if (i < p.length) return p[i];
      i -= p.length;
    }
    return 0;
  };
  if (byteAt(0) !== 0x1f || byteAt(1) !== 0x8b || byteAt(2) !== 8 || byteAt(3) !== 0)
    throw new Error("not a plain gzip member (deflate, no optional header fields)");
  const u32 = (at: number): number =>
    (byteAt(at) | (byteAt(at + 1) << 8) | (byteAt(at + 2) << 16) | (byteAt(at + 3) << 24)) >>> 0;
  const crc = u32(total - GZIP_TRAILER);
  const isize = u32(total - 4);
  const deflated: Uint8Array[] = [];
  let at = 0;
  const end = total - GZIP_TRAILER;
  for (const p of pieces) {
    const from = Math.max(GZIP_HEADER, at);
    const to = Math.min(end, at + p.length);
    if (to > from) deflated.push(p.subarray(from - at, to - at));
    at += p.length;
  }
  return { deflated, crc, isize };
}

export class ZipMemoryWriter implements ZipSink {
  private readonly pieces: Uint8Array[] = [];
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  constructor(
    private readonly between: () => Promise<void> = async () => undefined,
    /** The native compressor (null: fflate). */
    private readonly native: NativeCompression | null = nativeCompression(),
  ) {}

  /** Version needed, flags, method (deflate), time, date, CRC, sizes, name length at `at`. */
  private entryFields(v: DataView, at: number, e: Entry): void {
    v.setUint16(at, 20, true);
    v.setUint16(at + 2, 0, true);
    v.setUint16(at + 4, 8, true);
    v.setUint16(at + 6, this.stamp.time, true);
    v.setUint16(at + 8, this.stamp.date, true);
    v.setUint32(at + 10, e.crc >>> 0, true);
    v.setUint32(at + 14, e.compressed, true);
    v.setUint32(at + 18, e.size, true);
    v.setUint16(at + 22, e.name.length, true);
  }

  private add(name: string, crc: number, size: number, data: readonly Uint8Array[]): void {
    const compressed = data.reduce((n, d) => n + d.length, 0);
    const e: Entry = { name: encoder.encode(name), crc, compressed, size, offset: this.offset };
    const header = new Uint8Array(30 + e.name.length);
    const v = new DataView(header.buffer);
    v.setUint32(0, 0x04034b50, true);
    this.entryFields(v, 4, e);
    header.set(e.name, 30);
    checkZip32(`The part ${name}`, Math.max(size, this.offset + header.length + compressed));
    this.pieces.push(header, ...data);
    this.offset += header.length + compressed;
    this.entries.push(e);
  }

  async addSmallPart(name: string, text: string | Uint8Array): Promise<void> {
    const data = typeof text === "string" ? encoder.encode(text) : text;
    this.add(name, crc32(data), data.length, [deflateSync(data)]);
  }

  async addPart(
    name: string,
    chunks: Iterable<string | Uint8Array>,
    level: number = FAST_DEFLATE_LEVEL,
  ): Promise<void> {
    if (this.native !== null) return this.addNativePart(name, chunks, this.native);
    const out: Uint8Array[] = [];
    const deflate = new Deflate({ level: level as 1 }, (chunk) => out.push(chunk));
    let crc = 0;
    let size = 0;
    for (const chunk of chunks) {
      const data = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      if (data.length === 0) continue;
      crc = crc32(data, crc);
      size += data.length;
      deflate.push(data);
      await this.between();
    }
    deflate.push(new Uint8Array(0), true);
    this.add(name, crc, size, out);
  }

  /** A part through `CompressionStream("gzip")`: its deflate data, CRC and size from the gzip frame. */
  private async addNativePart(
    name: string,
    chunks: Iterable<string | Uint8Array>,
    Native: NativeCompression,
  ): Promise<void> {
    const stream = new Native("gzip");
    const writer = stream.writable.getWriter();
    const out: Uint8Array[] = [];
    const read = (async (): Promise<void> => {
      const reader = stream.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        out.push(value);
      }
    })();
    let size = 0;
    try {
      for (const chunk of chunks) {
        const data = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
        if (data.length === 0) continue;
        size += data.length;
        await writer.write(data);
        await this.between();
      }
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => undefined);
      await read.catch(() => undefined);
      throw e;
    }
    await read;
    const { deflated, crc, isize } = gzipMember(out);
    if (isize !== size % 2 ** 32) throw new Error(`the compressed part ${name} has the wrong size`);
    this.add(name, crc, size, deflated);
  }

  /** The whole file, in pieces: the parts, then the central directory. */
  finish(): Uint8Array[] {
    if (this.entries.length > 0xffff)
      throw new Error("a zip file without Zip64 holds at most 65,535 parts");
    const records = this.entries.map((e) => {
      const r = new Uint8Array(46 + e.name.length);
      const v = new DataView(r.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true); // version made by
      this.entryFields(v, 6, e);
      v.setUint32(42, e.offset, true);
      r.set(e.name, 46);
      return r;
    });
    const directory = records.reduce((n, r) => n + r.length, 0);
    checkZip32("The results workbook", this.offset + directory);
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, directory, true);
    v.setUint32(16, this.offset, true);
    return [...this.pieces, ...records, end];
  }
}
