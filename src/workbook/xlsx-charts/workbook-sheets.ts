/**
 * Which part of the package holds each worksheet: xl/workbook.xml names the sheets and their
 * relationship ids, xl/_rels/workbook.xml.rels maps those ids to part names.
 */
import { parseXmlElements } from "../xlsx/xml-parts";

/** A relationship target as a part name (no leading slash), relative to `folder`. */
export function partName(folder: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = folder === "" ? [] : folder.split("/");
  for (const step of target.split("/")) {
    if (step === "..") parts.pop();
    else if (step !== "." && step !== "") parts.push(step);
  }
  return parts.join("/");
}

/** Sheet name -> its part name (e.g. "RGO Summary" -> "xl/worksheets/sheet1.xml"). */
export function sheetParts(workbookXml: string, workbookRelsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const e of parseXmlElements(workbookRelsXml))
    if (e.name === "Relationship" && e.attrs.Id !== undefined && e.attrs.Target !== undefined)
      targets.set(e.attrs.Id, e.attrs.Target);
  const out = new Map<string, string>();
  for (const e of parseXmlElements(workbookXml)) {
    if (e.name !== "sheet" || e.attrs.name === undefined) continue;
    const target = targets.get(e.attrs["r:id"] ?? e.attrs.id ?? "");
    if (target !== undefined) out.set(e.attrs.name, partName("xl", target));
  }
  return out;
}

/** The relationships part of `part` ("xl/worksheets/sheet1.xml" -> "xl/worksheets/_rels/sheet1.xml.rels"). */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}
