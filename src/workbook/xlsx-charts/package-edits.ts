/**
 * The three edits a drawing needs in parts exceljs wrote: a relationship in the sheet's
 * relationships part, the `<drawing r:id>` element in the sheet, and content-type overrides for
 * the new parts. Each returns the part's new text; everything else in the part is kept as is.
 */
import { parseXmlElements } from "../xlsx/xml-parts";
import { XML_DECLARATION, el } from "./xml-builder";

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * `relsXml` (or a new relationships part when null) with a relationship of `type` to `target`,
 * under a fresh id that continues the part's numbering (rId1, rId2, ...).
 */
export function addRelationship(
  relsXml: string | null,
  type: string,
  target: string,
): { xml: string; id: string } {
  const used = new Set<string>();
  if (relsXml !== null)
    for (const e of parseXmlElements(relsXml))
      if (e.name === "Relationship" && e.attrs.Id !== undefined) used.add(e.attrs.Id);
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = el("Relationship", { Id: id, Type: type, Target: target });
  if (relsXml === null)
    return { xml: XML_DECLARATION + el("Relationships", { xmlns: RELS_NS }, rel), id };
  const close = relsXml.lastIndexOf("</Relationships>");
  if (close < 0) {
    const selfClosed = relsXml.search(/<Relationships\b[^>]*\/>\s*$/);
    if (selfClosed < 0)
      throw new Error("the sheet's relationships part has no Relationships element");
    return { xml: XML_DECLARATION + el("Relationships", { xmlns: RELS_NS }, rel), id };
  }
  return { xml: relsXml.slice(0, close) + rel + relsXml.slice(close), id };
}

// CT_Worksheet: drawing comes after everything up to and including the page setup, header/footer,
// breaks, custom properties, cell watches, ignored errors and smart tags, and before these.
const AFTER_DRAWING =
  /<(?:[A-Za-z_][\w.-]*:)?(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[\s/>]/;

/** `sheetXml` with `<drawing r:id="{id}"/>` in its place in the element order. */
export function addDrawingElement(sheetXml: string, id: string): string {
  const dataEnd = Math.max(
    sheetXml.lastIndexOf("</sheetData>"),
    sheetXml.lastIndexOf("<sheetData/>"),
  );
  if (dataEnd < 0) throw new Error("the sheet has no sheetData");
  const tail = sheetXml.slice(dataEnd);
  if (/<(?:[A-Za-z_][\w.-]*:)?drawing[\s/>]/.test(tail))
    throw new Error("the sheet already has a drawing");
  const drawing = el("drawing", { "xmlns:r": REL_NS, "r:id": id });
  const next = tail.search(AFTER_DRAWING);
  const at = next >= 0 ? dataEnd + next : sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("the sheet has no closing worksheet tag");
  return sheetXml.slice(0, at) + drawing + sheetXml.slice(at);
}

/** `contentTypesXml` with an Override for each [part name, content type] (part names without "/"). */
export function addOverrides(
  contentTypesXml: string,
  overrides: readonly [string, string][],
): string {
  const close = contentTypesXml.lastIndexOf("</Types>");
  if (close < 0) throw new Error("[Content_Types].xml has no Types element");
  const added = overrides
    .map(([part, type]) => el("Override", { PartName: `/${part}`, ContentType: type }))
    .join("");
  return contentTypesXml.slice(0, close) + added + contentTypesXml.slice(close);
}
