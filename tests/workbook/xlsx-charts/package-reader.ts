/**
 * Test helper: the parts of an .xlsx and its charts, read with fflate and saxes (namespace-aware,
 * so an unbound prefix or malformed markup fails), independently of src/workbook/xlsx-charts.
 */
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";

export interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

/** The document element of `xml`; throws on malformed XML or an unbound namespace prefix. */
export function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: "#document", attrs: {}, text: "", children: [] };
  const stack: Node[] = [root];
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes))
      attrs[k] = typeof a === "string" ? a : a.value;
    const node: Node = { name: tag.name, attrs, text: "", children: [] };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on("text", (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0];
}

/** Every node under `n` (depth first) named `name`. */
export function all(n: Node, name: string): Node[] {
  const out: Node[] = [];
  const walk = (m: Node): void => {
    if (m.name === name) out.push(m);
    m.children.forEach(walk);
  };
  walk(n);
  return out;
}

export function one(n: Node, name: string): Node {
  const found = all(n, name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0];
}

export type Parts = Record<string, Uint8Array>;

export function unzip(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

export function partText(parts: Parts, name: string): string {
  const p = parts[name];
  if (p === undefined) throw new Error(`no part ${name}`);
  return strFromU8(p);
}

function resolve(folder: string, target: string): string {
  const out = folder.split("/");
  for (const step of target.split("/"))
    if (step === "..") out.pop();
    else out.push(step);
  return out.join("/");
}

function rels(parts: Parts, part: string): Map<string, string> {
  const slash = part.lastIndexOf("/");
  const name = `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
  const out = new Map<string, string>();
  if (parts[name] === undefined) return out;
  for (const r of all(parseXml(partText(parts, name)), "Relationship"))
    out.set(r.attrs.Id, resolve(part.slice(0, slash), r.attrs.Target));
  return out;
}

/** One chart as found: its part, anchor (from/to cells, 0-based) and parsed chart XML. */
export interface FoundChart {
  part: string;
  from: { col: number; row: number };
  to: { col: number; row: number };
  descr: string;
  chart: Node;
}

/** The charts drawn on sheet `sheetName`, in the drawing's order. */
export function chartsOf(parts: Parts, sheetName: string): FoundChart[] {
  const wb = parseXml(partText(parts, "xl/workbook.xml"));
  const sheet = all(wb, "sheet").find((s) => s.attrs.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const sheetPart = rels(parts, "xl/workbook.xml").get(sheet.attrs["r:id"]) as string;
  const ws = parseXml(partText(parts, sheetPart));
  const drawings = all(ws, "drawing");
  if (drawings.length === 0) return [];
  const drawingPart = rels(parts, sheetPart).get(drawings[0].attrs["r:id"]) as string;
  const drawing = parseXml(partText(parts, drawingPart));
  const chartRels = rels(parts, drawingPart);
  const cell = (m: Node): { col: number; row: number } => ({
    col: Number(one(m, "xdr:col").text),
    row: Number(one(m, "xdr:row").text),
  });
  return all(drawing, "xdr:twoCellAnchor").map((a) => {
    const part = chartRels.get(one(a, "c:chart").attrs["r:id"]) as string;
    return {
      part,
      from: cell(one(a, "xdr:from")),
      to: cell(one(a, "xdr:to")),
      descr: one(a, "xdr:cNvPr").attrs.descr,
      chart: parseXml(partText(parts, part)),
    };
  });
}

/** `'Sheet'!$A$1:$A$3` -> sheet name and 1-based inclusive cell bounds. */
export function parseRef(ref: string): {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
} {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a reference: ${ref}`);
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return {
    sheet: m[1].replace(/''/g, "'"),
    left: col(m[2]),
    top: Number(m[3]),
    right: col(m[4] ?? m[2]),
    bottom: Number(m[5] ?? m[3]),
  };
}
