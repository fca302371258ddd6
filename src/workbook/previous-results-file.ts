/**
 * The CLI's previous results: a results workbook on disk (the existing `--out` file, or
 * `--previous <file.xlsx>`), read with the CLI's own xlsx reader (Node only). The file is only
 * read here; it is replaced, if at all, by the atomic write of the new results. That write
 * replaces the whole file, so an `--out` file holding a sheet RGO did not write (its name does
 * not start with "RGO ": the user's own sheet) stops the run before anything is written.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { RgoError } from "../engine/errors";
import type { PreviousResults } from "../engine/history/previous-results";
import { previousFromXlsxBook } from "./previous-results-reader";
import { readXlsxBook, type XlsxBook } from "./xlsx/read-xlsx";

/** The sheets of `book` that RGO does not write: every result sheet's name starts with "RGO ". */
export function userSheetsIn(book: XlsxBook): string[] {
  return book.sheets.map((s) => s.name).filter((name) => !/^RGO /i.test(name));
}
import { nodeInflate } from "./xlsx/read-xlsx-file";

/**
 * Reads the RGO History / Actions / Customers sheets of `file`. `optional`: a missing file is no
 * previous results (the first run onto a new --out); else missing is an error. A file that is not
 * a readable workbook is an RgoError naming it (the run stops before writing over it).
 */
export async function readPreviousResultsFile(
  file: string,
  flag: string,
  optional: boolean,
): Promise<PreviousResults | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    if (optional && (e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new RgoError(
      "input",
      "unreadable",
      `${flag} ${file}: cannot read it (${(e as Error).message}).`,
      file,
    );
  }
  let book: XlsxBook;
  try {
    book = readXlsxBook(bytes, path.basename(file), { rawInflate: nodeInflate });
  } catch (e) {
    throw new RgoError(
      "input",
      "unreadable",
      `${flag} ${file} is not a results workbook RGO can read (${e instanceof Error ? e.message : String(e)}), so its history cannot be carried forward. ${flag === "--out" ? "Choose another --out file, or move this one away first." : "Give the .xlsx an earlier run wrote."}`,
      file,
    );
  }
  const own = flag === "--out" ? userSheetsIn(book) : [];
  if (own.length > 0)
    throw new RgoError(
      "input",
      "foreign-rgo-sheet",
      `${flag} ${file} holds the sheet "${own[0]}"${own.length > 1 ? ` and ${own.length - 1} more` : ""}, which RGO did not write: the new results replace the whole file, so it would be lost. Move ${own.length > 1 ? "those sheets" : "it"} to another workbook, or choose another ${flag}.`,
      file,
    );
  return previousFromXlsxBook(book, path.basename(file));
}
