/**
 * A zip package built in memory, for the browser preview's download (no Node imports): each part
 * is deflated by fflate as its chunks come and kept only compressed, the CRC carried along
 * (../xlsx-charts/crc32.ts); `finish()` gives the file as its pieces (local header, deflated
 * data, ..., central directory), for one copy into the bytes handed to the page. Between two
 * chunks of a big part it awaits `between` (the preview reports progress there, yields so a
 * cancel message gets in, and stops when cancelled). Like zip-file-writer.ts: no data descriptors,
 * no Zip64 (over 4 GB is an error, never a corrupt file).
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

export class ZipMemoryWriter implements ZipSink {
  private readonly pieces: Uint8Array[] = [];
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly between: () => Promise<void> = async () => undefined) {}

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
