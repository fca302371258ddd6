/**
 * Writes a zip again with some parts replaced and some added, copying every other part's stored
 * (compressed) bytes as they are: nothing is inflated but the parts replaced. The result is a
 * list of chunks (most of them views into the input) to write out in order. Each part gets a
 * local header with its CRC and sizes (no data descriptors); the order of the parts is kept and
 * new parts come last. Zip64 archives (parts or offsets past 4 GB) are refused.
 */
import { deflateSync } from "fflate";
import { entryDataStart, type ZipEntry } from "../xlsx/zip";
import { crc32 } from "./crc32";

/** A part's full name in the zip and its inflated bytes. */
export interface ZipPart {
  name: string;
  data: Uint8Array;
}

/** A part already deflated (raw deflate), with the CRC-32 and size of its inflated bytes. */
export interface DeflatedPart {
  deflated: Uint8Array;
  crc: number;
  size: number;
}

const LIMIT = 0xffffffff;
const UTF8_NAMES = 0x0800;

interface Stored {
  name: Uint8Array;
  flags: number;
  method: number;
  modTime: number;
  modDate: number;
  crc: number;
  compressedSize: number;
  size: number;
  data: Uint8Array;
}

function localHeader(s: Stored): Uint8Array {
  const h = new Uint8Array(30 + s.name.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, s.flags, true);
  v.setUint16(8, s.method, true);
  v.setUint16(10, s.modTime, true);
  v.setUint16(12, s.modDate, true);
  v.setUint32(14, s.crc, true);
  v.setUint32(18, s.compressedSize, true);
  v.setUint32(22, s.size, true);
  v.setUint16(26, s.name.length, true);
  h.set(s.name, 30);
  return h;
}

function directoryEntry(s: Stored, offset: number): Uint8Array {
  const h = new Uint8Array(46 + s.name.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint16(8, s.flags, true);
  v.setUint16(10, s.method, true);
  v.setUint16(12, s.modTime, true);
  v.setUint16(14, s.modDate, true);
  v.setUint32(16, s.crc, true);
  v.setUint32(20, s.compressedSize, true);
  v.setUint32(24, s.size, true);
  v.setUint16(28, s.name.length, true);
  v.setUint32(42, offset, true);
  h.set(s.name, 46);
  return h;
}

function endOfDirectory(count: number, size: number, offset: number): Uint8Array {
  const h = new Uint8Array(22);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, size, true);
  v.setUint32(16, offset, true);
  return h;
}

const encoder = new TextEncoder();

function nameFlags(name: string): { name: Uint8Array; flags: number } {
  const bytes = encoder.encode(name);
  return { name: bytes, flags: bytes.length !== name.length ? UTF8_NAMES : 0 };
}

/**
 * `bytes` (a zip whose directory is `entries`) with the parts named in `replace` given new
 * contents (bytes, deflated here, or a part deflated already) and `add` appended. Times of new
 * parts are those of the first part.
 */
export function rewriteZip(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  replace: ReadonlyMap<string, Uint8Array | DeflatedPart>,
  add: readonly ZipPart[],
): Uint8Array[] {
  if (entries.length + add.length > 0xffff)
    throw new Error("the workbook has too many parts to add charts to");
  const time = { modTime: entries[0]?.modTime ?? 0, modDate: entries[0]?.modDate ?? 0x21 };
  const fresh = (name: string, data: Uint8Array): Stored => {
    const compressed = deflateSync(data, { level: 6 });
    return {
      ...nameFlags(name),
      method: 8,
      ...time,
      crc: crc32(data),
      compressedSize: compressed.length,
      size: data.length,
      data: compressed,
    };
  };
  const parts: Stored[] = entries.map((e) => {
    const data = replace.get(e.name);
    if (data !== undefined && !(data instanceof Uint8Array)) {
      if (data.size >= LIMIT || data.deflated.length >= LIMIT)
        throw new Error(`the part ${e.name} is too large (zip64) to write`);
      return {
        ...nameFlags(e.name),
        method: 8,
        modTime: e.modTime,
        modDate: e.modDate,
        crc: data.crc,
        compressedSize: data.deflated.length,
        size: data.size,
        data: data.deflated,
      };
    }
    if (data !== undefined)
      return { ...fresh(e.name, data), modTime: e.modTime, modDate: e.modDate };
    if (e.compressedSize >= LIMIT || e.declaredSize >= LIMIT)
      throw new Error(`the part ${e.name} is too large (zip64) to add charts to the workbook`);
    const start = entryDataStart(bytes, e);
    return {
      ...nameFlags(e.name),
      method: e.method,
      modTime: e.modTime,
      modDate: e.modDate,
      crc: e.crc32,
      compressedSize: e.compressedSize,
      size: e.declaredSize,
      data: bytes.subarray(start, start + e.compressedSize),
    };
  });
  for (const p of add) parts.push(fresh(p.name, p.data));

  const out: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const p of parts) {
    offsets.push(offset);
    const header = localHeader(p);
    out.push(header, p.data);
    offset += header.length + p.data.length;
  }
  const directoryStart = offset;
  parts.forEach((p, i) => {
    const entry = directoryEntry(p, offsets[i]);
    out.push(entry);
    offset += entry.length;
  });
  if (offset >= LIMIT) throw new Error("the workbook is too large (zip64) to add charts to");
  out.push(endOfDirectory(parts.length, offset - directoryStart, directoryStart));
  return out;
}
