/**
 * `--previous <results.xlsx>` (issue 12, the RGO Actions part): the RGO Actions sheet of an
 * earlier results workbook, read with the CLI's own .xlsx reader, as the run's PreviousResults.
 * Thin on purpose: the history work fills RGO History (and `--out` onto an existing file) in the
 * same PreviousResults; the two are merged into one reader of earlier results.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { RgoError } from "../engine/errors";
import { ACTIONS_SHEET } from "../engine/history/actions-columns";
import type { PreviousResults } from "../engine/history/previous-results";
import { readXlsxBook } from "../workbook/xlsx/read-xlsx";
import { nodeInflate } from "../workbook/xlsx/read-xlsx-file";

export async function readPreviousActionsFile(file: string): Promise<PreviousResults> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new RgoError("input", "unreadable", `Cannot read ${file}: ${(e as Error).message}`, file);
  }
  const book = readXlsxBook(bytes, path.basename(file), { rawInflate: nodeInflate });
  const sheet = book.sheets.find((s) => s.name.toLowerCase() === ACTIONS_SHEET.toLowerCase());
  const table = sheet?.tables[0];
  return { source: path.basename(file), ...(table !== undefined ? { actions: table } : {}) };
}
