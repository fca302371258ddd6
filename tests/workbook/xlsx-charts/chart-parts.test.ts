/**
 * The chart parts the .xlsx writers add (src/workbook/xlsx-charts): well-formed, wired into the
 * package (relationships, content types, the sheet's drawing element), reading the cells of the
 * written sheet that hold the charted table's values (checked against the book's own data and the
 * cells an independent reader finds there), placed where the Office.js writer places them, the
 * same in the CLI's file and the preview's download; a book without charts is written exactly as
 * before, and with charts only the parts that must change do.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { writeResultBook } from "../../../src/workbook/xlsx-result-writer";
import { inMemoryTarget, writeLayoutSheet } from "../../../src/workbook/exceljs-result-writer";
import { layoutBook, type SheetLayout } from "../../../src/workbook/sheet-layout";
import { addChartsToXlsx, concatBytes } from "../../../src/workbook/xlsx-charts/add-charts";
import { writeResultBook as writeExcel } from "../../../src/workbook/excel";
import { PreviewHost, type ExcelLoader } from "../../../src/taskpane/host/preview-host";
import { FakeExcel } from "../../support/fake-excel";
import { tempDir } from "../external-tools";
import { BY_TYPE, FORECAST, NASTY_TITLE, chartBook } from "./chart-book";
import {
  all,
  chartsOf,
  one,
  parseRef,
  parseXml,
  partText,
  unzip,
  type FoundChart,
  type Parts,
} from "./package-reader";

const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

async function written(charts = true): Promise<{ file: string; parts: Parts }> {
  const file = path.join(tempDir("charts"), charts ? "with.xlsx" : "without.xlsx");
  await writeResultBook(chartBook(charts), file);
  return { file, parts: unzip(new Uint8Array(readFileSync(file))) };
}

const seriesRefs = (c: FoundChart, tag: "c:cat" | "c:val" | "c:tx"): string[] =>
  all(c.chart, "c:ser").map((s) => one(one(s, tag), "c:f").text);
const cached = (n: { children: unknown[] }, tag: string): string[] =>
  all(n as never, tag).map((p) => one(p, "c:v").text);

test("every part is well-formed and the drawing is wired into RGO Summary only", async () => {
  const { parts } = await written();
  for (const name of Object.keys(parts))
    if (name.endsWith(".xml") || name.endsWith(".rels"))
      expect(() => parseXml(partText(parts, name))).not.toThrow();
  const added = Object.keys(parts)
    .filter((n) => /^xl\/(charts|drawings)\//.test(n))
    .sort();
  expect(added).toEqual([
    "xl/charts/chart1.xml",
    "xl/charts/chart2.xml",
    "xl/charts/chart3.xml",
    "xl/drawings/_rels/drawing1.xml.rels",
    "xl/drawings/drawing1.xml",
  ]);
  const types = parseXml(partText(parts, "[Content_Types].xml"));
  const overrides = new Map(
    all(types, "Override").map((o) => [o.attrs.PartName, o.attrs.ContentType]),
  );
  for (const n of [1, 2, 3]) expect(overrides.get(`/xl/charts/chart${n}.xml`)).toBe(CHART_TYPE);
  expect(overrides.get("/xl/drawings/drawing1.xml")).toBe(DRAWING_TYPE);
  // Every override names a part that exists.
  for (const partName of overrides.keys()) expect(parts[partName.slice(1)]).toBeDefined();
  expect(chartsOf(parts, "RGO Summary").map((c) => c.part)).toEqual([
    "xl/charts/chart1.xml",
    "xl/charts/chart2.xml",
    "xl/charts/chart3.xml",
  ]);
  expect(chartsOf(parts, "RGO Gaps")).toEqual([]);
});

test("each chart reads the written cells of its table and caches the values they hold", async () => {
  const { file, parts } = await written();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells = (ref: string): unknown[] => {
    const r = parseRef(ref);
    const ws = wb.getWorksheet(r.sheet) as ExcelJS.Worksheet;
    const out: unknown[] = [];
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) out.push(ws.getCell(row, col).value);
    return out;
  };
  const [bar, pie, line] = chartsOf(parts, "RGO Summary");

  // Types as the Office.js writer's: clustered horizontal bars, a pie, a line with two series.
  expect(one(bar.chart, "c:barDir").attrs.val).toBe("bar");
  expect(one(bar.chart, "c:grouping").attrs.val).toBe("clustered");
  expect(all(pie.chart, "c:pieChart")).toHaveLength(1);
  expect(all(line.chart, "c:lineChart")).toHaveLength(1);
  expect(all(line.chart, "c:ser")).toHaveLength(2);

  // Titles: the model's, escaped on the way in and intact on the way out (the control
  // character, which XML cannot hold, becomes U+FFFD); also the chart's alternative text.
  const shown = NASTY_TITLE.replace("\u0001", "\uFFFD");
  expect(one(one(bar.chart, "c:title"), "a:t").text).toBe(shown);
  expect(bar.descr).toBe(shown);
  expect(one(one(pie.chart, "c:title"), "a:t").text).toBe("Share by type");

  // Bar and pie: categories and values of RGO_Summary_ByType, by reference and in the caches.
  for (const c of [bar, pie]) {
    const [cat] = seriesRefs(c, "c:cat");
    const [val] = seriesRefs(c, "c:val");
    const [name] = seriesRefs(c, "c:tx");
    expect(parseRef(cat).sheet).toBe("RGO Summary");
    expect(cells(cat)).toEqual(BY_TYPE.rows.map((r) => r[0]));
    expect(cells(val)).toEqual(BY_TYPE.rows.map((r) => r[1]));
    expect(cells(name)).toEqual([BY_TYPE.header[1]]);
    const ser = one(c.chart, "c:ser");
    expect(cached(one(ser, "c:cat"), "c:pt")).toEqual(BY_TYPE.rows.map((r) => r[0]));
    expect(cached(one(ser, "c:val"), "c:pt").map(Number)).toEqual(BY_TYPE.rows.map((r) => r[1]));
    expect(one(one(ser, "c:val"), "c:formatCode").text).toContain("$");
  }
  // Line: one series per value column, named by its header, over the week labels.
  const lineSeries = all(line.chart, "c:ser");
  seriesRefs(line, "c:val").forEach((ref, i) => {
    expect(cells(ref)).toEqual(FORECAST.rows.map((r) => r[i + 1]));
    expect(cached(one(lineSeries[i], "c:val"), "c:pt").map(Number)).toEqual(
      FORECAST.rows.map((r) => r[i + 1]),
    );
  });
  expect(seriesRefs(line, "c:tx").map((ref) => cells(ref)[0])).toEqual(FORECAST.header.slice(1));
  for (const ref of seriesRefs(line, "c:cat"))
    expect(cells(ref)).toEqual(FORECAST.rows.map((r) => r[0]));
  // A legend only where the Office.js writer shows one: the pie and the two-series line.
  expect([bar, pie, line].map((c) => all(c.chart, "c:legend").length)).toEqual([0, 1, 1]);
});

test("the charts sit where the Office.js writer puts them", async () => {
  const { parts } = await written();
  const x = new FakeExcel(["Input"]);
  await writeExcel(x.context(), chartBook());
  const letter = (col: number): string =>
    col < 26 ? String.fromCharCode(65 + col) : letter(Math.floor(col / 26) - 1) + letter(col % 26);
  const office = x.sheet("RGO Summary").charts;
  const file = chartsOf(parts, "RGO Summary");
  expect(file).toHaveLength(office.length);
  file.forEach((c, i) => {
    // from: the top-left cell; to: the corner after the last cell (exclusive).
    const first = `${letter(c.from.col)}${c.from.row + 1}`;
    const last = `${letter(c.to.col - 1)}${c.to.row}`;
    expect([first, last]).toEqual(office[i].position);
  });
  expect(office.map((c) => c.type)).toEqual(["BarClustered", "Pie", "Line"]);
});

test("the preview's exceljs file: without charts it is left as exceljs wrote it; with charts only the parts that must change do", async () => {
  // The preview's download is exceljs's in-memory workbook with the charts added to its zip
  // (xlsx-charts/add-charts.ts); the CLI's file is written whole by xlsx-writer/.
  const exceljsBytes = async (
    charts: boolean,
  ): Promise<{ bytes: Uint8Array; layouts: SheetLayout[] }> => {
    const wb = new ExcelJS.Workbook();
    const layouts = layoutBook(chartBook(charts).sheets);
    for (const layout of layouts) writeLayoutSheet(inMemoryTarget(wb), layout);
    return { bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), layouts };
  };
  const plain = await exceljsBytes(false);
  expect(addChartsToXlsx(plain.bytes, plain.layouts)).toBeNull();
  const charted = await exceljsBytes(true);
  const added = addChartsToXlsx(charted.bytes, charted.layouts);
  expect(added).not.toBeNull();
  const a = { parts: unzip(concatBytes(added ?? [])) };
  const b = { parts: unzip(charted.bytes) };

  const summary = "xl/worksheets/sheet1.xml";
  const changed = new Set([summary, "[Content_Types].xml"]);
  const newParts = new Set([
    "xl/charts/chart1.xml",
    "xl/charts/chart2.xml",
    "xl/charts/chart3.xml",
    "xl/drawings/drawing1.xml",
    "xl/drawings/_rels/drawing1.xml.rels",
    "xl/worksheets/_rels/sheet1.xml.rels",
  ]);
  expect(
    Object.keys(a.parts)
      .filter((n) => !(n in b.parts))
      .sort(),
  ).toEqual([...newParts].sort());
  expect(Object.keys(b.parts).filter((n) => !(n in a.parts))).toEqual([]);
  for (const name of Object.keys(b.parts))
    if (!changed.has(name))
      expect(`${name} ${partText(a.parts, name)}`).toBe(`${name} ${partText(b.parts, name)}`);
  // The sheet differs by its drawing element alone, the content types by the new overrides alone.
  expect(partText(a.parts, summary).replace(/<drawing [^>]*\/>/, "")).toBe(
    partText(b.parts, summary),
  );
  expect(
    partText(a.parts, "[Content_Types].xml").replace(
      /<Override PartName="\/xl\/(charts|drawings)\/[^>]*\/>/g,
      "",
    ),
  ).toBe(partText(b.parts, "[Content_Types].xml"));
});

test("the preview's download carries the same charts as the CLI's file", async () => {
  const nodeExcel: ExcelLoader = async () => ExcelJS;
  const host = PreviewHost.empty("Book1", nodeExcel);
  await host.writeResults(chartBook());
  const preview = unzip(await host.resultsFile());
  const { parts } = await written();
  const inPreview = chartsOf(preview, "RGO Summary");
  const inFile = chartsOf(parts, "RGO Summary");
  expect(inPreview).toHaveLength(3);
  for (const name of Object.keys(preview))
    if (name.endsWith(".xml") || name.endsWith(".rels"))
      expect(() => parseXml(partText(preview, name))).not.toThrow();
  inPreview.forEach((c, i) => {
    expect(partText(preview, c.part)).toBe(partText(parts, inFile[i].part));
    expect([c.from, c.to]).toEqual([inFile[i].from, inFile[i].to]);
  });
  // Reopened by exceljs, the preview's download still has its cells.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await host.resultsFile()) as unknown as ArrayBuffer);
  expect(wb.getWorksheet("RGO Summary")?.getCell("A1").value).toBe("Revenue gap summary");
});
