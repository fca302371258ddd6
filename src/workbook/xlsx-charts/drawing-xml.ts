/**
 * A sheet's drawing part (xl/drawings/drawingN.xml, SpreadsheetML drawing, ECMA-376 part 1
 * section 20.5) placing its charts, and the drawing's relationships to the chart parts. A chart
 * covers its anchor's cells exactly, from the top-left corner of the first to the bottom-right
 * corner of the last, as the Office.js writer's `setPosition(first, last)` places it; the title
 * is also the chart's alternative text.
 */
import type { GridRange } from "../sheet-layout";
import { XML_DECLARATION, el } from "./xml-builder";

/** One chart on the drawing: where, its title, and the chart part it shows. */
export interface DrawnChart {
  anchor: GridRange;
  title: string;
  /** Target of the relationship, relative to xl/drawings/ (e.g. "../charts/chart1.xml"). */
  target: string;
}

const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

function marker(name: string, col: number, row: number): string {
  return el(
    name,
    {},
    el("xdr:col", {}, String(col)),
    el("xdr:colOff", {}, "0"),
    el("xdr:row", {}, String(row)),
    el("xdr:rowOff", {}, "0"),
  );
}

function anchor(chart: DrawnChart, i: number): string {
  const a = chart.anchor;
  const frame = el(
    "xdr:graphicFrame",
    { macro: "" },
    el(
      "xdr:nvGraphicFramePr",
      {},
      el("xdr:cNvPr", { id: i + 2, name: `Chart ${i + 1}`, descr: chart.title }),
      el("xdr:cNvGraphicFramePr"),
    ),
    el("xdr:xfrm", {}, el("a:off", { x: 0, y: 0 }), el("a:ext", { cx: 0, cy: 0 })),
    el(
      "a:graphic",
      {},
      el(
        "a:graphicData",
        { uri: CHART_NS },
        el("c:chart", { "xmlns:c": CHART_NS, "xmlns:r": REL_NS, "r:id": `rId${i + 1}` }),
      ),
    ),
  );
  return el(
    "xdr:twoCellAnchor",
    { editAs: "oneCell" },
    marker("xdr:from", a.left, a.top),
    marker("xdr:to", a.right + 1, a.bottom + 1),
    frame,
    el("xdr:clientData"),
  );
}

/** The drawing part: chart i is related as `rId{i+1}` (see drawingRelsXml). */
export function drawingXml(charts: readonly DrawnChart[]): string {
  return (
    XML_DECLARATION +
    el(
      "xdr:wsDr",
      {
        "xmlns:xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
        "xmlns:a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      },
      ...charts.map(anchor),
    )
  );
}

/** The drawing's relationships: `rId{i+1}` -> chart i's part. */
export function drawingRelsXml(charts: readonly DrawnChart[]): string {
  return (
    XML_DECLARATION +
    el(
      "Relationships",
      { xmlns: "http://schemas.openxmlformats.org/package/2006/relationships" },
      ...charts.map((c, i) =>
        el("Relationship", { Id: `rId${i + 1}`, Type: CHART_REL, Target: c.target }),
      ),
    )
  );
}
