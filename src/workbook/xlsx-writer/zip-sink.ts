/**
 * Where the results writer puts the package's parts (write-book.ts): a zip file on disk in the
 * CLI (zip-file-writer.ts, Node's zlib), or zip bytes in memory in the browser preview's download
 * (zip-memory-writer.ts, fflate). Parts are added in order; a big part comes as chunks, which the
 * sink deflates as they come, so the XML never sits in memory as one piece.
 */
export interface ZipSink {
  /** Adds a small part, deflated in one call. */
  addSmallPart(name: string, text: string | Uint8Array): Promise<void>;
  /** Adds a part from `chunks` (text as UTF-8), deflating as they come. */
  addPart(name: string, chunks: Iterable<string | Uint8Array>, level?: number): Promise<void>;
}

/** Deflate level of the big parts: 1 compresses about as well as 6 on sheet XML, several times faster. */
export const FAST_DEFLATE_LEVEL = 1;
const MAX_ZIP32 = 0xffffffff;

/** Throws when `n` bytes do not fit a zip file without Zip64. */
export function checkZip32(what: string, n: number): void {
  if (n > MAX_ZIP32)
    throw new Error(`${what} is larger than 4 GB, which a zip file without Zip64 cannot hold`);
}

/** MS-DOS date and time of `d` (local time, as zip tools write it). */
export function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}
