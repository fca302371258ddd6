/**
 * The CLI's results workbook (.xlsx) written by RGO itself, streaming: write-book.ts into a zip
 * file on disk (zip-file-writer.ts, deflated by Node's zlib beside the main thread).
 */
import type { SheetLayout } from "../sheet-layout";
import { writeBook } from "./write-book";
import { ZipFileWriter } from "./zip-file-writer";

/** Writes `layouts` (laid out from one book, in order) and `properties` to `file`. */
export async function writeLayoutsXlsx(
  layouts: readonly SheetLayout[],
  properties: Record<string, string>,
  file: string,
): Promise<void> {
  const zip = await ZipFileWriter.create(file);
  try {
    await writeBook(
      zip,
      layouts.map((layout) => ({ layout })),
      properties,
    );
    await zip.close();
  } catch (e) {
    await zip.abort();
    throw e;
  }
}
