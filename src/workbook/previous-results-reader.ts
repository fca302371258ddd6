/**
 * Fills PreviousResults (src/engine/history/previous-results.ts) from the sheets a previous run
 * wrote: RGO History, RGO Actions and RGO Customers, read by the existing readers as RawTables
 * (cells as found; the engine checks them). One function per kind of source:
 *
 * - `previousFromHost`: a WorkbookHost (the Excel workbook through Office.js, the preview's
 *   in-memory book), before the run replaces its RGO sheets; only sheets carrying the add-in's
 *   marker are read (a sheet the user made under an RGO name stops the write anyway);
 * - `previousFromXlsxBook`: a results .xlsx read by src/workbook/xlsx (the CLI's `--out` onto an
 *   existing results workbook, or `--previous <file.xlsx>`), see previous-results-file.ts.
 */
import type { PreviousResults } from "../engine/history/previous-results";
import type { RawTable } from "../engine/input/raw-table";
import type { WorkbookHost } from "./workbook-host";
import type { XlsxBook } from "./xlsx/read-xlsx";

export const PREVIOUS_SHEETS = {
  history: "RGO History",
  actions: "RGO Actions",
  customers: "RGO Customers",
} as const;

type Part = keyof typeof PREVIOUS_SHEETS;
const PARTS = Object.keys(PREVIOUS_SHEETS) as Part[];

/** PreviousResults from the tables found per part (undefined when none was found). */
function assemble(
  found: Partial<Record<Part, RawTable>>,
  source: string,
): PreviousResults | undefined {
  if (PARTS.every((p) => found[p] === undefined)) return undefined;
  const out: PreviousResults = { source };
  for (const p of PARTS) {
    const t = found[p];
    if (t !== undefined) out[p] = { ...t, name: PREVIOUS_SHEETS[p] };
  }
  return out;
}

/** The previous results in a host's workbook (its own RGO sheets), or undefined. */
export async function previousFromHost(
  host: WorkbookHost,
  source = "this workbook",
): Promise<PreviousResults | undefined> {
  const sheets = await host.listSheets();
  const found: Partial<Record<Part, RawTable>> = {};
  for (const p of PARTS) {
    const name = PREVIOUS_SHEETS[p].toLowerCase();
    const s = sheets.find((x) => x.name.toLowerCase() === name && x.createdByRgo);
    if (s === undefined) continue;
    const read = await host.readTables([{ kind: "sheet", sheet: s.name }]);
    if (read.tables[0] !== undefined) found[p] = read.tables[0];
  }
  return assemble(found, source);
}

/** The previous results in a results workbook read by the xlsx reader, or undefined. */
export function previousFromXlsxBook(book: XlsxBook, source: string): PreviousResults | undefined {
  const found: Partial<Record<Part, RawTable>> = {};
  for (const p of PARTS) {
    const name = PREVIOUS_SHEETS[p].toLowerCase();
    const s = book.sheets.find((x) => x.name.toLowerCase() === name);
    if (s !== undefined && s.tables[0] !== undefined) found[p] = s.tables[0];
  }
  return assemble(found, source);
}
