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
  /** Text directly inside the element (entities decoded), when there is any. */
  text?: string;
}

const local = (q: string): string => q.slice(q.indexOf(":") + 1);

/** Every element of `xml`, in document order. Throws saxes's Error for malformed XML. */
export function parseXmlElements(xml: string): XmlElement[] {
  const parser = new SaxesParser({ position: false });
  const out: XmlElement[] = [];
  const stack: string[] = [];
  const open: XmlElement[] = [];
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) {
      attrs[k] = v;
      if (k.includes(":") && !k.startsWith("xmlns")) attrs[local(k)] ??= v;
    }
    const name = local(tag.name);
    const element: XmlElement = { name, attrs, path: stack.slice() };
    out.push(element);
    if (!tag.isSelfClosing) {
      stack.push(name);
      open.push(element);
    }
  });
  parser.on("text", (text) => {
    const top = open[open.length - 1];
    if (top !== undefined && text.trim() !== "") top.text = (top.text ?? "") + text;
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) {
      stack.pop();
      open.pop();
    }
  });
  parser.write(xml).close();
  return out;
}
