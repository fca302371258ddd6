/**
 * The small structural parts of a workbook (content types, relationships, workbook, styles,
 * tables), parsed with saxes into a flat list of elements. These parts are read whole, under a
 * size limit; the large parts (worksheets, shared strings) are streamed through XmlScanner.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  /** Local name (no prefix). */
  name: string;
  /** Attributes by qualified name and, when prefixed, also by local name ("r:id" and "id"). */
  attrs: Record<string, string>;
  /** Local names of the open ancestors, outermost first. */
  path: string[];
}

const local = (q: string): string => q.slice(q.indexOf(":") + 1);

/** Every element of `xml`, in document order. Throws saxes's Error for malformed XML. */
export function parseXmlElements(xml: string): XmlElement[] {
  const parser = new SaxesParser({ position: false });
  const out: XmlElement[] = [];
  const stack: string[] = [];
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) {
      attrs[k] = v;
      if (k.includes(":") && !k.startsWith("xmlns")) attrs[local(k)] ??= v;
    }
    const name = local(tag.name);
    out.push({ name, attrs, path: stack.slice() });
    if (!tag.isSelfClosing) stack.push(name);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.write(xml).close();
  return out;
}
