/**
 * Informational notices about how an input was read (a file's encoding, hidden files skipped),
 * kept beside the RawWorkbook without changing its shape: readers add them, the CLI prints them.
 */
import type { RawWorkbook } from "../engine/input/raw-table";

const notices = new WeakMap<RawWorkbook, string[]>();

export function addInputNotice(workbook: RawWorkbook, text: string): void {
  const list = notices.get(workbook);
  if (list === undefined) notices.set(workbook, [text]);
  else list.push(text);
}

export function inputNotices(workbook: RawWorkbook): readonly string[] {
  return notices.get(workbook) ?? [];
}
