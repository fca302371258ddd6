/**
 * A written .xlsx package opened for editing its parts: its zip directory, each entry by part name
 * (no leading slash), and a reader of a part's text. Used by the chart pass (add-charts.ts) and
 * the preview download's input sheets (../input-sheet-xml.ts) over the package exceljs wrote.
 */
import { DEFAULT_LIMITS } from "../xlsx/limits";
import { InflateBudget, inflateEntry, readZipDirectory, type ZipEntry } from "../xlsx/zip";

export interface PackageParts {
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  /** The part's text (UTF-8), or null when the package has no such part. */
  read(name: string): string | null;
}

export function packageParts(xlsx: Uint8Array): PackageParts {
  const entries = readZipDirectory(xlsx);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  const budget = new InflateBudget(DEFAULT_LIMITS);
  const read = (name: string): string | null => {
    const entry = byName.get(name);
    if (entry === undefined) return null;
    const decoder = new TextDecoder("utf-8");
    let text = "";
    inflateEntry(xlsx, entry, budget, (c) => {
      text += decoder.decode(c, { stream: true });
    });
    return text + decoder.decode();
  };
  return { entries, byName, read };
}
