/** The CLI's .xlsx input: the file's bytes through readXlsxBytes (Node only). */
import { promises as fs } from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";
import { RgoError } from "../../engine/errors";
import type { RawWorkbook } from "../../engine/input/raw-table";
import { readXlsxBytes, type ReadXlsxOptions } from "./read-xlsx";

export async function readXlsxFile(file: string, options?: ReadXlsxOptions): Promise<RawWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new RgoError("input", "unreadable", `Cannot read ${file}: ${(e as Error).message}`, file);
  }
  const book = readXlsxBytes(bytes, path.basename(file), { rawInflate: nodeInflate, ...options });
  return { ...book, source: file };
}

/**
 * Node's zlib: whole-buffer raw inflate, refusing output past `maxOutput` (null). The output
 * buffer is sized for the declared size, so a truthful entry inflates into one buffer instead of
 * 16 KB pieces joined by a copy of the whole part at the end.
 */
export function nodeInflate(data: Uint8Array, maxOutput: number, sizeHint = 0): Uint8Array | null {
  const chunkSize = Math.min(Math.max(64 * 1024, sizeHint + 1), Math.max(64 * 1024, maxOutput + 1));
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutput), chunkSize });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
    if (data.length === 0) return new Uint8Array(0);
    // A stream without its final block (as some writers leave it): no safe whole-buffer answer.
    if ((e as NodeJS.ErrnoException).code === "Z_BUF_ERROR") return null;
    throw e;
  }
}
