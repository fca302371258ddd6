/**
 * A zip file written as it is produced (the results workbook's container): each part is deflated
 * by Node's zlib stream, which runs in libuv's thread pool, so compressing one chunk overlaps with
 * building the next on the main thread. The local header is written first with blank sizes and
 * filled in (a positional write) once the part is complete, so the file needs no data
 * descriptors and every reader sees sizes and CRCs up front. A target that cannot seek (a pipe,
 * a device such as /dev/stdout: `--out` allows them) is written strictly in order instead, each
 * streamed part followed by a data descriptor (flag bit 3). Parts and the file stay under 4 GB
 * (no Zip64): a larger part is an error, never a corrupt file.
 */
import { once } from "node:events";
import { open, type FileHandle } from "node:fs/promises";
import zlib from "node:zlib";
import { FAST_DEFLATE_LEVEL, checkZip32, dosDateTime, type ZipSink } from "./zip-sink";

export { FAST_DEFLATE_LEVEL };

/** Compressed output gathered before one write to the file. */
const WRITE_BATCH_BYTES = 1 << 20;

interface CentralEntry {
  name: Buffer;
  /** General-purpose flags: 8 when a data descriptor follows the data. */
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A zip file being written to `file`: add parts in order, then `close()`. */
export class ZipFileWriter implements ZipSink {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly stamp = dosDateTime(new Date());

  private constructor(
    private readonly fh: FileHandle,
    /** A regular file: headers are filled in afterwards; else everything is written in order. */
    private readonly seekable: boolean,
  ) {}

  /** Creates (or truncates) `file`. */
  static async create(file: string): Promise<ZipFileWriter> {
    const fh = await open(file, "w");
    try {
      return new ZipFileWriter(fh, (await fh.stat()).isFile());
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  private async writeAt(data: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const at = this.seekable ? position + done : null;
      const { bytesWritten } = await this.fh.write(data, done, data.length - done, at);
      done += bytesWritten;
    }
  }

  /**
   * The fields a local header (at 4) and a central directory record (at 6) share: version needed
   * (deflate), flags, method (deflate), time, date, CRC-32, sizes, name length.
   */
  private writeEntryFields(b: Buffer, at: number, e: CentralEntry): void {
    b.writeUInt16LE(20, at);
    b.writeUInt16LE(e.flags, at + 2);
    b.writeUInt16LE(8, at + 4);
    b.writeUInt16LE(this.stamp.time, at + 6);
    b.writeUInt16LE(this.stamp.date, at + 8);
    b.writeUInt32LE(e.crc >>> 0, at + 10);
    b.writeUInt32LE(e.compressed, at + 14);
    b.writeUInt32LE(e.size, at + 18);
    b.writeUInt16LE(e.name.length, at + 22);
  }

  private localHeader(e: CentralEntry): Buffer {
    const h = Buffer.alloc(30 + e.name.length);
    h.writeUInt32LE(0x04034b50, 0);
    this.writeEntryFields(h, 4, e);
    // extra field length: 0
    e.name.copy(h, 30);
    return h;
  }

  /** Adds a small part, deflated at zlib's default level in one call. */
  async addSmallPart(name: string, text: string | Uint8Array): Promise<void> {
    const data = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    const deflated = zlib.deflateRawSync(data);
    const entry: CentralEntry = {
      name: Buffer.from(name, "utf8"),
      flags: 0,
      crc: zlib.crc32(data),
      compressed: deflated.length,
      size: data.length,
      offset: this.offset,
    };
    const header = this.localHeader(entry);
    checkZip32(`The part ${name}`, this.offset + header.length + deflated.length);
    await this.writeAt(Buffer.concat([header, deflated]), this.offset);
    this.offset += header.length + deflated.length;
    this.entries.push(entry);
  }

  /**
   * Adds a part from `chunks` (text is written as UTF-8), deflating at `level` as the chunks come:
   * the next chunk is asked for while the previous ones are being compressed.
   */
  async addPart(
    name: string,
    chunks: Iterable<string | Uint8Array>,
    level = FAST_DEFLATE_LEVEL,
  ): Promise<void> {
    const entry: CentralEntry = {
      name: Buffer.from(name, "utf8"),
      flags: this.seekable ? 0 : 8,
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
    };
    const headerLength = 30 + entry.name.length;
    // In order: the header now (CRC and sizes 0), a data descriptor after the data.
    if (!this.seekable) await this.writeAt(this.localHeader(entry), entry.offset);
    let position = this.offset + headerLength;
    const deflate = zlib.createDeflateRaw({ level });
    const written = (async (): Promise<void> => {
      let batch: Buffer[] = [];
      let batched = 0;
      const flush = async (): Promise<void> => {
        if (batched === 0) return;
        const data = batch.length === 1 ? batch[0] : Buffer.concat(batch, batched);
        batch = [];
        batched = 0;
        await this.writeAt(data, position);
        position += data.length;
      };
      for await (const out of deflate as AsyncIterable<Buffer>) {
        entry.compressed += out.length;
        batch.push(out);
        batched += out.length;
        if (batched >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
    })();
    try {
      for (const chunk of chunks) {
        const data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        if (data.length === 0) continue;
        entry.crc = zlib.crc32(data, entry.crc);
        entry.size += data.length;
        if (!deflate.write(data)) await once(deflate, "drain");
      }
      deflate.end();
    } catch (e) {
      deflate.destroy();
      await written.catch(() => undefined);
      throw e;
    }
    await written;
    checkZip32(`The part ${name}`, Math.max(entry.size, position));
    if (this.seekable) {
      await this.writeAt(this.localHeader(entry), entry.offset);
    } else {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(entry.crc >>> 0, 4);
      descriptor.writeUInt32LE(entry.compressed, 8);
      descriptor.writeUInt32LE(entry.size, 12);
      await this.writeAt(descriptor, position);
      position += descriptor.length;
    }
    this.offset = position;
    this.entries.push(entry);
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    try {
      const records = this.entries.map((e) => {
        const r = Buffer.alloc(46 + e.name.length);
        r.writeUInt32LE(0x02014b50, 0);
        r.writeUInt16LE(20, 4); // version made by
        this.writeEntryFields(r, 6, e);
        // extra, comment, disk, internal and external attributes: 0
        r.writeUInt32LE(e.offset, 42);
        e.name.copy(r, 46);
        return r;
      });
      const directory = Buffer.concat(records);
      if (this.entries.length > 0xffff)
        throw new Error("a zip file without Zip64 holds at most 65,535 parts");
      checkZip32("The results workbook", this.offset + directory.length);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(this.entries.length, 8);
      end.writeUInt16LE(this.entries.length, 10);
      end.writeUInt32LE(directory.length, 12);
      end.writeUInt32LE(this.offset, 16);
      await this.writeAt(Buffer.concat([directory, end]), this.offset);
    } finally {
      await this.fh.close();
    }
  }

  /** Closes the file without finishing it (after a failure; the caller removes or ignores it). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}
