/** The CLI's .xlsx input: the file's bytes through readXlsxBytes (Node only). */
import { promises as fs } from "fs";
import * as path from "path";
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
  const book = readXlsxBytes(bytes, path.basename(file), options);
  return { ...book, source: file };
}
