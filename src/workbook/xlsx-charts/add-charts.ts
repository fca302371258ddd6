/**
 * Charts in the .xlsx files exceljs writes (the CLI's results and the preview's download), which
 * exceljs cannot draw: for every laid-out sheet with charts, a drawing part placing them, one
 * chart part each (from the same SheetLayout.charts the Office.js writer draws), the sheet's
 * `<drawing>` element and relationship, and content types for the new parts. Every other part is
 * copied as stored (rewrite-zip.ts). Pure (no I/O), so the browser preview uses it as the CLI does.
 */
import type { SheetLayout } from "../sheet-layout";
import { chartData } from "./chart-data";
import { chartXml } from "./chart-xml";
import { drawingRelsXml, drawingXml } from "./drawing-xml";
import { addDrawingElement, addOverrides, addRelationship } from "./package-edits";
import { packageParts } from "./package-parts";
import { rewriteZip, type ZipPart } from "./rewrite-zip";
import { relsPartOf, sheetParts } from "./workbook-sheets";

const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** True when any of `layouts` has a chart to draw. */
export function hasCharts(layouts: readonly SheetLayout[]): boolean {
  return layouts.some((l) => l.charts.length > 0);
}

const encoder = new TextEncoder();

/** The highest N of parts named `{prefix}N{suffix}` (0 when none). */
function lastNumber(names: Iterable<string>, prefix: string, suffix: string): number {
  let last = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const n = Number(name.slice(prefix.length, name.length - suffix.length));
    if (Number.isInteger(n)) last = Math.max(last, n);
  }
  return last;
}

/**
 * `xlsx` (bytes exceljs wrote from `layouts`) with the layouts' charts added, as chunks to write
 * in order; null when no layout has a chart (the file stays exactly as exceljs wrote it).
 */
export function addChartsToXlsx(
  xlsx: Uint8Array,
  layouts: readonly SheetLayout[],
): Uint8Array[] | null {
  if (!hasCharts(layouts)) return null;
  const { entries, byName, read } = packageParts(xlsx);
  const required = (name: string): string => {
    const text = read(name);
    if (text === null) throw new Error(`the workbook has no ${name}`);
    return text;
  };
  const parts = sheetParts(required("xl/workbook.xml"), required("xl/_rels/workbook.xml.rels"));
  const replace = new Map<string, Uint8Array>();
  const add: ZipPart[] = [];
  const overrides: [string, string][] = [];
  let drawingNo = lastNumber(byName.keys(), "xl/drawings/drawing", ".xml");
  let chartNo = lastNumber(byName.keys(), "xl/charts/chart", ".xml");
  const text = (s: string): Uint8Array => encoder.encode(s);

  for (const layout of layouts) {
    if (layout.charts.length === 0) continue;
    const sheetPart = parts.get(layout.name);
    if (sheetPart === undefined) throw new Error(`the workbook has no sheet ${layout.name}`);
    const drawn = chartData(layout).map((chart) => {
      const part = `xl/charts/chart${++chartNo}.xml`;
      add.push({ name: part, data: text(chartXml(chart)) });
      overrides.push([part, CHART_TYPE]);
      return { anchor: chart.anchor, title: chart.title, target: `../charts/chart${chartNo}.xml` };
    });
    const drawing = `xl/drawings/drawing${++drawingNo}.xml`;
    add.push({ name: drawing, data: text(drawingXml(drawn)) });
    add.push({ name: relsPartOf(drawing), data: text(drawingRelsXml(drawn)) });
    overrides.push([drawing, DRAWING_TYPE]);

    const relsPart = relsPartOf(sheetPart);
    const rels = addRelationship(
      read(relsPart),
      DRAWING_REL,
      `../drawings/drawing${drawingNo}.xml`,
    );
    if (byName.has(relsPart)) replace.set(byName.get(relsPart)?.name ?? relsPart, text(rels.xml));
    else add.push({ name: relsPart, data: text(rels.xml) });
    const sheetEntry = byName.get(sheetPart);
    if (sheetEntry === undefined) throw new Error(`the workbook has no part ${sheetPart}`);
    replace.set(sheetEntry.name, text(addDrawingElement(required(sheetPart), rels.id)));
  }
  const types = byName.get("[Content_Types].xml");
  if (types === undefined) throw new Error("the workbook has no [Content_Types].xml");
  replace.set(types.name, text(addOverrides(required("[Content_Types].xml"), overrides)));
  return rewriteZip(xlsx, entries, replace, add);
}

/** Chunks joined into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
