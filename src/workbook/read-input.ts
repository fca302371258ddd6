/**
 * Read any supported input: a folder of CSV files, a single .csv / .txt file, or an .xlsx / .xlsm
 * workbook. Throws RgoError("input", …) for a missing path, an unsupported file type, or an
 * unreadable / corrupt file.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { RgoError } from "../engine/errors";
import { readCsvFile, readCsvFolder } from "./csv-folder-reader";
import type { RawWorkbook } from "../engine/input/raw-table";
import type * as XlsxFileModule from "./xlsx/read-xlsx-file";

/**
 * The .xlsx reader, loaded when a workbook is read: a CSV run then never initialises the zip
 * library (fflate sets up its tables when loaded, about 5 ms; issue 14). CommonJS `require`, as
 * in src/cli/commands.ts.
 */
function xlsxReader(): typeof XlsxFileModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return require("./xlsx/read-xlsx-file") as typeof XlsxFileModule;
}

/** Read a CSV folder, a CSV file or an .xlsx workbook, chosen by stat and extension. */
export async function readInput(pathToFileOrFolder: string): Promise<RawWorkbook> {
  let stat;
  try {
    stat = await fs.stat(pathToFileOrFolder);
  } catch {
    throw new RgoError(
      "input",
      "missing-input",
      `Input not found: ${pathToFileOrFolder}. Give an .xlsx workbook or a folder of CSV files.`,
      pathToFileOrFolder,
    );
  }
  if (stat.isDirectory()) return readCsvFolder(pathToFileOrFolder);
  const ext = path.extname(pathToFileOrFolder).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return xlsxReader().readXlsxFile(pathToFileOrFolder);
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return readCsvFile(pathToFileOrFolder);
  throw new RgoError(
    "input",
    "unsupported-type",
    `${path.basename(pathToFileOrFolder)}: unsupported file type "${ext || "(none)"}". Supported: .xlsx, .xlsm, .csv, .txt, or a folder of CSV files` +
      (ext === ".xls" ? " (save .xls files as .xlsx first)." : "."),
    pathToFileOrFolder,
  );
}
