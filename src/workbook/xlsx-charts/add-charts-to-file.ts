/**
 * Adds the layouts' charts to an .xlsx file exceljs has just written (the CLI streams its results
 * to a temporary file, which is renamed over the target only after this: see
 * src/cli/output-safety). The file is read whole, and written again with the untouched parts
 * copied as stored. A device or pipe (--out /dev/stdout) cannot be read back: it keeps no charts.
 */
import { open, readFile, stat } from "node:fs/promises";
import type { SheetLayout } from "../sheet-layout";
import { addChartsToXlsx, hasCharts } from "./add-charts";

export async function addChartsToFile(
  file: string,
  layouts: readonly SheetLayout[],
): Promise<void> {
  if (!hasCharts(layouts) || !(await stat(file)).isFile()) return;
  const chunks = addChartsToXlsx(new Uint8Array(await readFile(file)), layouts);
  if (chunks === null) return;
  const fh = await open(file, "w");
  try {
    for (const chunk of chunks) await fh.write(chunk);
  } finally {
    await fh.close();
  }
}
